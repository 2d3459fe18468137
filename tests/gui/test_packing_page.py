"""The packing screen in the main window: a picked order's tote and items scanned by a
keyboard-wedge scanner, the parcel weighed on a simulated scale (F5), a wrong weight approved
by nobody but weighed again, the SF waybill's number scanned; the order ends shipped, its
units at the customer, and its waybill and packing slip printed to folder printers, where the
waybill's barcodes decode."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from app.device_settings import DeviceSettings
from app.printer_profiles import PrinterProfile, PrinterSettings
from app.workspace import Workspace
from devices.sim.scale import SimulatedScale
from models.db import Database
from models.entities import Product, SalesOrder, User
from models.feedback import Level
from models.picking.workflow import PickingWorkflow
from models.sales.shops import ShopInput, save_shop
from models.users import actor_for
from tests.gui.sample_data import Sample
from tests.gui.screenshots import screenshot
from tests.gui.test_floor_receiving import floor_rig, scan_and_wait
from tests.gui.test_picking_page import plan_wave
from tests.printing.decoding import decoded, images_of
from views.floor.packing_page import PackingPage

EANS = {"TSH-WHT-M": "6901234567892", "MUG-CER-350": "6901234567915"}


def picked(db: Database, sample: Sample) -> None:
    """SO-1 (2 T-shirts, a mug) and SO-2 picked into TOTE-001 and TOTE-002, to go by SF."""
    with db.write() as s:
        actor = actor_for(s, s.scalar(select(User).where(User.username == "alice")), "PACK-01")
        s.get(Product, sample.products["TSH-WHT-M"]).weight_g = Decimal(180)
        s.get(Product, sample.products["MUG-CER-350"]).weight_g = Decimal(350)
    code = plan_wave(db)
    with db.write() as s:
        save_shop(s, actor, ShopInput("TMALL", "Tmall 旗舰店", "taobao",
                                      sender_phone="021-55501234"))
    flow = PickingWorkflow(db, actor)
    for raw in (code, "TOTE-001", "TOTE-002"):
        assert flow.scan(raw).level is Level.OK
    while (row := flow.next_row()) is not None:
        assert flow.scan(row.location).level is Level.OK
        for _unit in range(row.qty - row.picked):
            assert flow.scan(EANS[row.sku]).level is Level.OK


@pytest.fixture
def packing(qtbot, workspace: Workspace, sqlite_db: Database, sample: Sample,
            tmp_path: Path) -> Iterator[dict[str, Any]]:
    printers = PrinterSettings([])
    for name, language, folder in (("Labels", "zpl", "labels"), ("Office", "pdf", "office")):
        (tmp_path / folder).mkdir()
        printers.put(PrinterProfile(name, f"folder:{tmp_path / folder}", language=language,
                                    media_width_mm=100, media_height_mm=150))
    printers.store(workspace.settings)
    scale = SimulatedScale(link=tmp_path / "scale", settle_s=0.2)
    rig = floor_rig(qtbot, workspace, tmp_path, "packing", PackingPage)
    found = next(rig)
    settings = DeviceSettings()
    settings.scale.enabled, settings.scale.port = True, scale.path
    workspace.devices.apply(settings)
    found["scale"] = scale
    yield found
    with contextlib.suppress(StopIteration):
        next(rig)
    scale.close()


def test_an_order_is_packed_by_wedge_scans_and_the_simulated_scale(
        packing, qtbot, sqlite_db, sample, tmp_path):
    picked(sqlite_db, sample)
    page: PackingPage = packing["page"]
    scan = lambda raw: scan_and_wait(qtbot, packing, raw)  # noqa: E731
    scan("TOTE-001")
    assert page.title.text() == "Packing order SO-1"
    assert page.units_progress.text() == "Units 0 / 3"
    scan("6901234567915")
    scan("6901234567915")  # the order has one mug
    assert page.flash.level is Level.ERROR
    assert page.last_feedback.message == ("Extra item: order SO-1 has 1 MUG-CER-350, all "
                                          "scanned; put it aside.")
    scan("6901234567892")
    scan("6901234567892")
    assert page.units_progress.text() == "Units 3 / 3"
    assert page.current.text() == "Expected 0.76 kg (0.684–0.836)"
    assert [page.table.item(row, 5).text() for row in range(2)] == ["350 g each",
                                                                    "180 g each"]

    def weigh(kg: str) -> None:
        before = len(packing["sounds"].played)
        packing["scale"].put(kg)
        page.entry.setFocus()
        qtbot.keyClick(page.entry, Qt.Key.Key_F5)
        qtbot.waitUntil(lambda: len(packing["sounds"].played) > before, timeout=15000)

    weigh("0.950")  # a T-shirt too many in the box
    assert page.flash.level is Level.ERROR, page.last_feedback.message
    assert page.view.asking == "approval"
    weigh("0.772")
    assert page.flash.level is Level.OK, page.last_feedback.message
    assert page.last_feedback.message == "0.772 kg: scan the tracking number of the SF waybill."
    screenshot(page, "packing")
    scan("SF1234567890")
    assert page.last_feedback.message == "Order SO-1 shipped: SF SF1234567890, 0.772 kg."
    qtbot.waitUntil(lambda: len(page.printed) == 2, timeout=15000)
    assert all("sent" in line for line in page.printed), page.printed
    with sqlite_db.read() as s:
        assert s.scalar(select(SalesOrder.status).where(SalesOrder.number == "SO-1")) \
            == "shipped"
    [waybill] = list((tmp_path / "labels").iterdir())
    codes = [text for image in images_of(waybill.read_bytes(), "zpl", 203)
             for text, _symbology in decoded(image)]
    assert "SF1234567890" in codes
    assert len(list((tmp_path / "office").iterdir())) == 1


def test_the_advice_on_printing_wraps_instead_of_widening_the_screen(packing):
    page: PackingPage = packing["page"]
    page.markers.setText("\n".join(
        f"No {kind} printer is set up here: print it with `waredesk order waybill "
        "261111-123456789012345 --printer NAME`." for kind in ("label", "PDF")))
    page.markers.setVisible(True)
    assert page.minimumSizeHint().width() < 1024
