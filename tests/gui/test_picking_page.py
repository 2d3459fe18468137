"""The picking screen in the main window, driven by a keyboard-wedge scanner: a wave of two
approved orders opened by its pick list's barcode, a tote per order, each bin and its items in
walk order; the orders end picked and the units at the packing table, read from the database."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from app.workspace import Workspace
from models.carriers.carriers import add_carrier
from models.counting.plans import list_counts
from models.db import Database
from models.entities import Quant, SalesOrder, User
from models.feedback import Level
from models.picking.planning import WaveRules, plan_waves
from models.sales.orders import OrderInput, OrderLineInput, save_order
from models.sales.review import review_orders
from models.sales.rules import add_rule
from models.sales.shops import ShopInput, save_shop
from models.users import actor_for
from tests.gui.sample_data import Sample
from tests.gui.screenshots import screenshot
from tests.gui.test_floor_receiving import floor_rig, scan_and_wait
from views.floor.picking_page import PickingPage


def plan_wave(db: Database) -> str:
    """Two approved orders of SH1 (T-shirts and a mug; a mug) in one wave; its code."""
    with db.write() as s:
        actor = actor_for(s, s.scalar(select(User).where(User.username == "alice")), "PACK-01")
        shop = save_shop(s, actor, ShopInput("TMALL", "Tmall", "taobao"))
        for number, lines in (("SO-1", [("TSH-WHT-M", 2), ("MUG-CER-350", 1)]),
                              ("SO-2", [("MUG-CER-350", 1)])):
            save_order(s, actor, shop.code, OrderInput(
                number=number, ordered_at=datetime(2026, 12, 1, tzinfo=UTC),
                recipient="王小明", phone="13812345678", city="上海市", street="南京路 1号",
                lines=tuple(OrderLineInput(sku, sku, qty, Decimal("9.90"))
                            for sku, qty in lines)))
        add_carrier(s, actor, code="SF", name="SF Express 顺丰速运", kind="manual")
        add_rule(s, actor, name="All", conditions={},
                 actions={"decision": "approve", "warehouse": "SH1", "carrier": "SF"})
        review_orders(s, actor)
        [wave] = plan_waves(s, actor, WaveRules("SH1"))
        return wave.code


@pytest.fixture
def picking(qtbot, workspace: Workspace, sqlite_db: Database, sample: Sample,
            tmp_path: Path) -> Iterator[dict[str, Any]]:
    yield from floor_rig(qtbot, workspace, tmp_path, "picking", PickingPage)


def test_a_wave_is_picked_into_totes_by_wedge_scans(picking, qtbot, sqlite_db, sample):
    code = plan_wave(sqlite_db)
    page: PickingPage = picking["page"]
    scan = lambda raw: scan_and_wait(qtbot, picking, raw)  # noqa: E731
    scan(code)
    assert page.title.text().startswith(f"Picking {code}")
    scan("TOTE-001")
    scan("TOTE-002")
    assert page.flash.level is Level.OK, page.flash.message
    assert "A-01-01" in page.view.prompt  # T-shirts first in the walk
    scan("B-01-01")  # not the next bin
    assert page.flash.level is Level.ERROR
    assert page.last_feedback.message == "Wrong bin B-01-01: go to A-01-01."
    scan("A-01-01")
    scan("6901234567892")
    scan("6901234567892")
    assert page.flash.level is Level.OK, page.flash.message
    scan("A-02-01")
    scan("6901234567915")
    qtbot.keyClick(page.entry, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.last_feedback.message.startswith("Undone"))
    scan("A-02-01")
    scan("6901234567915")
    scan("6901234567915")
    assert "is picked: take it to packing PACK-01" in page.last_feedback.message
    # The mug's detail (its bin and both orders' totes) wraps onto more lines, whole.
    detail = page.table.item(1, 5)
    assert detail.text() == detail.toolTip() == ("A-02-01 · #1 SO-1 → TOTE-001 ×1, #2 SO-2 → "
                                                 "TOTE-002 ×1")
    assert page.table.rowHeight(1) > page.table.rowHeight(0) > 40
    screenshot(page, "picking")
    page.entry.setFocus()
    qtbot.keyClick(page.entry, Qt.Key.Key_F10)
    qtbot.waitUntil(lambda: page.view is not None and page.view.title == "Picking")
    with sqlite_db.read() as s:
        assert set(s.scalars(select(SalesOrder.status))) == {"picked"}
        at_packing = s.scalar(select(Quant.on_hand).where(
            Quant.location_id == sample.bins["PACK-01"],
            Quant.product_id == sample.products["TSH-WHT-M"]))
    assert at_packing == 2


def test_a_bin_reported_short_tells_the_picker_it_is_blocked_and_counted(
        picking, qtbot, sqlite_db, sample):
    code = plan_wave(sqlite_db)
    page: PickingPage = picking["page"]
    scan = lambda raw: scan_and_wait(qtbot, picking, raw)  # noqa: E731
    for raw in (code, "TOTE-001", "TOTE-002", "A-01-01", "6901234567892"):
        scan(raw)
    assert page.flash.level is Level.OK, page.flash.message
    page.entry.setFocus()
    qtbot.keyClick(page.entry, Qt.Key.Key_F8)
    qtbot.waitUntil(lambda: page.last_feedback.message.startswith("A-01-01 short"))
    assert page.flash.level is Level.WARNING
    assert "A-01-01 is blocked for TSH-WHT-M until it is counted (COUNT-" in \
        page.last_feedback.message
    screenshot(page, "picking_short")
    with sqlite_db.read() as s:
        [count] = [c for c in list_counts(s) if c.kind == "short"]
    assert count.title == f"Short pick in {code}: A-01-01"
    assert f"({count.code} planned)" in page.last_feedback.message
