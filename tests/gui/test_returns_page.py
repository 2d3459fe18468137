"""The returns screen in the main window: a shipped order's parcel and items scanned by a
keyboard-wedge scanner, an extra unit refused, one item quarantined (F3) and one restocked
(F2) to the bin it was picked from with Enter, the restock undone (Ctrl+Z); a picker's scrap
and its undo each approved by a supervisor (F9); what the screen shows and the stock at each
place. The same screen at a Chinese workstation reads in Chinese. The Sales orders page
shows what came back of an order."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import func, select

from app.qt_app import Translators
from app.workspace import Workspace
from models.db import Database
from models.entities import LocationType, SalesOrder, StockMove, User
from models.feedback import Level
from models.ledger import on_hand
from models.masterdata.locations import LocationInput, save_location
from models.packing.batch import pack_order
from models.reference_data import virtual_location_id
from models.returns.workflow import ReturnsWorkflow
from models.users import actor_for
from tests.gui.conftest import make_workspace
from tests.gui.sample_data import Sample
from tests.gui.screenshots import screenshot
from tests.gui.test_floor_receiving import column, floor_rig, scan_and_wait
from tests.gui.test_packing_page import EANS, picked
from tests.unit.test_message_catalogue import english_left
from views.floor.approval import ApprovalDialog
from views.floor.returns_page import ReturnsPage
from views.main_window import MainWindow
from views.sales.order_editor import QTY, RETURNED, SKU

TRACKING = "SF1234567890"


def shipped(db: Database, sample: Sample) -> dict[str, int]:
    """SO-1 (2 T-shirts, a mug) shipped by SF with TRACKING; SH1 gets a returns table and a
    quarantine cage. The ids of those two."""
    picked(db, sample)
    with db.write() as s:
        actor = actor_for(s, s.scalar(select(User).where(User.username == "alice")), "PACK-01")
        order = s.scalar(select(SalesOrder).where(SalesOrder.number == "SO-1"))
        pack_order(s, actor, order_id=order.id, weight_kg=Decimal("0.760"), typed=TRACKING)
        return {code: save_location(s, actor, LocationInput(
                    warehouse="SH1", code=code, type=loc_type, walk_seq=0)).id
                for code, loc_type in (("RET-01", LocationType.RETURNS),
                                       ("QUAR-01", LocationType.QUARANTINE))}


def stock(db: Database, sample: Sample, sku: str, location_id: int) -> int:
    with db.read() as s:
        return on_hand(s, sample.products[sku], location_id=location_id)


@pytest.fixture
def returns(qtbot, workspace: Workspace, sqlite_db: Database, sample: Sample,
            tmp_path: Path) -> Iterator[dict[str, Any]]:
    yield from floor_rig(qtbot, workspace, tmp_path, "returns", ReturnsPage)


@pytest.fixture
def picker(qtbot, runner, sqlite_db: Database, sample: Sample,
           tmp_path: Path) -> Iterator[dict[str, Any]]:
    """The returns screen of pete, a picker, who may not scrap alone."""
    yield from floor_rig(qtbot, make_workspace(runner, sqlite_db, "pete"), tmp_path, "returns",
                         ReturnsPage)


@pytest.fixture
def chinese(qtbot, workspace: Workspace, sqlite_db: Database, sample: Sample,
            tmp_path: Path) -> Iterator[dict[str, Any]]:
    workspace.settings.language = "zh_CN"
    translators = Translators()
    translators.install("zh_CN")
    try:
        yield from floor_rig(qtbot, workspace, tmp_path, "returns", ReturnsPage)
    finally:
        translators.install("en")


def press(qtbot, rig: dict[str, Any], key: Qt.Key, text: str = "", *,
          modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """Type `text` into the entry field (if any), then press `key`; wait for the answer."""
    page: ReturnsPage = rig["page"]
    before = len(rig["sounds"].played)
    page.entry.setFocus()
    if text:
        qtbot.keyClicks(page.entry, text)
    qtbot.keyClick(page.entry, key, modifier)
    qtbot.waitUntil(lambda: len(rig["sounds"].played) > before, timeout=5000)


def approve_by_alice(qtbot, rig: dict[str, Any]) -> None:
    """F9, alice's name and password in the approval dialog; wait for the answer."""
    page: ReturnsPage = rig["page"]
    qtbot.keyClick(page.entry, Qt.Key.Key_F9)
    dialog = page.dialog
    assert isinstance(dialog, ApprovalDialog)
    dialog.username.setText("alice")
    dialog.password.setText("demo1234")
    before = len(rig["sounds"].played)
    dialog.submit()
    qtbot.waitUntil(lambda: len(rig["sounds"].played) > before, timeout=5000)


def test_a_parcel_is_returned_by_wedge_scans_and_function_keys(
        returns, qtbot, sqlite_db, sample):
    places = shipped(sqlite_db, sample)
    page: ReturnsPage = returns["page"]
    scan = lambda raw: scan_and_wait(qtbot, returns, raw)  # noqa: E731
    scan(TRACKING)
    assert page.last_feedback.message == "Order SO-1: 3 units shipped."
    assert page.title.text() == "Return of order SO-1"
    assert column(page, 0) == ["MUG-CER-350", "TSH-WHT-M"]
    assert column(page, 2) == ["1", "2"]  # shipped
    assert column(page, 3) == ["0", "0"]  # returned
    scan(EANS["MUG-CER-350"])
    scan(EANS["MUG-CER-350"])
    assert page.flash.level is Level.ERROR
    assert page.last_feedback.message == ("Over-return: order SO-1 shipped 1 MUG-CER-350, all "
                                          "returned already; put it aside.")
    scan(EANS["TSH-WHT-M"])
    assert page.units_progress.text() == "Units 2 / 3"
    assert page.current.text() == "At RET-01: TSH-WHT-M Cotton T-shirt white M ×1"
    assert stock(sqlite_db, sample, "TSH-WHT-M", places["RET-01"]) == 1

    press(qtbot, returns, Qt.Key.Key_F3)  # quarantine the T-shirt
    assert page.view.asking == "reason"
    assert page.prompt.text().startswith("Why? 1 Unopened, resaleable · 2 Damaged")
    press(qtbot, returns, Qt.Key.Key_Return, "2")
    assert page.last_feedback.message == "TSH-WHT-M ×1 quarantined at QUAR-01 (Damaged)."
    assert stock(sqlite_db, sample, "TSH-WHT-M", places["QUAR-01"]) == 1

    mugs = stock(sqlite_db, sample, "MUG-CER-350", sample.bins["A-02-01"])
    press(qtbot, returns, Qt.Key.Key_F2)  # restock the mug
    press(qtbot, returns, Qt.Key.Key_Return, "1")
    assert page.prompt.text() == "Scan the bin (Enter: A-02-01)"
    screenshot(page, "returns")
    press(qtbot, returns, Qt.Key.Key_Return)
    assert page.last_feedback.message == ("MUG-CER-350 ×1 restocked to A-02-01 (Unopened, "
                                          "resaleable).")
    assert stock(sqlite_db, sample, "MUG-CER-350", sample.bins["A-02-01"]) == mugs + 1
    assert column(page, 3) == ["✔ 1", "1"]  # every mug is back
    assert column(page, 5) == ["1 restocked", "1 quarantined"]

    before = len(returns["sounds"].played)
    qtbot.keyClick(page.entry, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(returns["sounds"].played) > before, timeout=5000)
    assert page.last_feedback.message == "Undone: MUG-CER-350 ×1 restocked."
    assert stock(sqlite_db, sample, "MUG-CER-350", sample.bins["A-02-01"]) == mugs
    assert stock(sqlite_db, sample, "MUG-CER-350", places["RET-01"]) == 1
    assert page.prompt.text() == "MUG-CER-350 ×1: F2 restock, F3 quarantine or F4 scrap"
    with sqlite_db.read() as s:
        assert s.scalar(select(SalesOrder.status).where(SalesOrder.number == "SO-1")) \
            == "shipped"


def test_the_returns_screen_reads_in_chinese(chinese, qtbot, sqlite_db, sample):
    shipped(sqlite_db, sample)
    page: ReturnsPage = chinese["page"]
    scan_and_wait(qtbot, chinese, TRACKING)
    scan_and_wait(qtbot, chinese, EANS["TSH-WHT-M"])
    press(qtbot, chinese, Qt.Key.Key_F2)
    data = ("SO-1", "TSH-WHT-M", "MUG-CER-350", "RET-01", "F2", "F3", "F4", "Cotton T-shirt "
            "white M", "Ceramic mug 350 ml")
    for label in (page.prompt, page.current, page.title):
        assert not english_left(label.text(), *data), label.text()
    assert not english_left(page.last_feedback.message, *data), page.last_feedback.message
    screenshot(page, "returns_zh")


def test_a_scrap_by_a_picker_waits_for_a_supervisors_approval(picker, qtbot, sqlite_db, sample):
    places = shipped(sqlite_db, sample)
    page: ReturnsPage = picker["page"]
    scan_and_wait(qtbot, picker, TRACKING)
    scan_and_wait(qtbot, picker, EANS["MUG-CER-350"])
    press(qtbot, picker, Qt.Key.Key_F4)
    page.entry.setText("handle broken off")  # typed at a person's pace, not a scan burst
    press(qtbot, picker, Qt.Key.Key_Return)
    assert page.flash.level is Level.WARNING, page.last_feedback.message
    assert page.prompt.text() == ("Scrap MUG-CER-350 ×1: supervisor approval (F9) or cancel "
                                  "(Esc)")
    assert page.markers.text() == "Scrap   handle broken off"
    approve_by_alice(qtbot, picker)
    assert page.last_feedback.message == ("MUG-CER-350 ×1 scrapped to INVENTORY-LOSS (handle "
                                          "broken off, approved by alice).")
    with sqlite_db.read() as s:
        loss = virtual_location_id(s, LocationType.INVENTORY_LOSS)
        assert s.scalar(select(func.sum(StockMove.qty)).where(
            StockMove.to_location_id == loss,
            StockMove.product_id == sample.products["MUG-CER-350"])) == 1

    page.window().activateWindow()  # the approval dialog had been the active window
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page.window())
    press(qtbot, picker, Qt.Key.Key_Z, modifier=Qt.KeyboardModifier.ControlModifier)
    assert page.flash.level is Level.WARNING
    assert page.prompt.text() == ("Undo the scrap of MUG-CER-350 ×1: supervisor approval (F9) "
                                  "or cancel (Esc)")
    approve_by_alice(qtbot, picker)
    assert page.last_feedback.message == "Undone: MUG-CER-350 ×1 scrapped (approved by alice)."
    assert stock(sqlite_db, sample, "MUG-CER-350", places["RET-01"]) == 1


def test_the_sales_order_shows_what_came_back_of_it(qtbot, workspace, sqlite_db, sample):
    shipped(sqlite_db, sample)
    with sqlite_db.read() as s:
        alice = actor_for(s, s.scalar(select(User).where(User.username == "alice")), "RET-01")
    flow = ReturnsWorkflow(sqlite_db, alice)
    answers = [flow.scan(TRACKING), flow.scan(EANS["MUG-CER-350"]), flow.quarantine(),
               flow.enter("2"), flow.enter("2"), flow.scan(EANS["TSH-WHT-M"])]
    assert [a.level for a in answers] == [Level.OK] * 6, answers
    main = MainWindow(workspace)
    qtbot.addWidget(main)
    main.resize(1400, 900)
    main.show()
    main.show_page("sales")
    page = main.page("sales")
    qtbot.waitUntil(lambda: page.model.rowCount() > 1)
    returned = page.status_filter.findData("returned")
    assert page.status_filter.itemText(returned) == "Returned"
    page.status_filter.setCurrentIndex(returned)
    page.status_filter.activated.emit(returned)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    page.list.setFocus()
    page.list.selectRow(0)
    editor = page.order_editor
    qtbot.waitUntil(lambda: editor.view is not None and editor.view.number == "SO-1")
    lines = editor.lines
    assert not lines.isColumnHidden(RETURNED)
    assert sorted((lines.item(r, SKU).text(), lines.item(r, QTY).text(),
                   lines.item(r, RETURNED).text()) for r in range(lines.rowCount())) == [
        ("MUG-CER-350", "1", "1"), ("TSH-WHT-M", "2", "2")]
    box = editor.returns
    assert box.isVisible()
    [row] = [[box.table.item(0, c).text() for c in range(4)]]
    assert row[0].startswith("RMA-")
    assert row[2:] == ["received 3 · quarantined 1 · waiting 2", "Damaged"]
    screenshot(main, "sales-order-returns")
    page.status_filter.setCurrentIndex(page.status_filter.findData(""))
    page.status_filter.activated.emit(page.status_filter.currentIndex())
    qtbot.waitUntil(lambda: page.model.rowCount() > 1)
