"""The receiving screen in the main window, driven only by a keyboard-wedge scanner: the
purchase order's barcode, product and case barcodes, a quantity command and CMD-DONE receive
the whole order onto the dock; a wrong scan shows its reason on the red flash."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from app.device_bridge import DeviceBridge, ScanInput
from app.device_settings import DeviceSettings
from app.qt_app import Translators
from app.workspace import Workspace
from devices.sound import SoundPlayer
from models.db import Database
from models.entities import Location, LocationType, Quant, User, Warehouse
from models.entities.purchasing import PurchaseOrder, PurchaseOrderLine, Supplier
from models.feedback import Level
from tests import factories
from tests.gui.sample_data import Sample
from tests.gui.screenshots import screenshot
from views.floor.approval import ApprovalDialog
from views.floor.receiving_page import ReceivingPage
from views.floor.summary import SummaryDialog
from views.main_window import MainWindow


class Recorder:
    name = "recorder"

    def __init__(self) -> None:
        self.played: list[str] = []

    def play(self, path: Path) -> None:
        self.played.append(path.stem.split("-")[0])


class WedgeScanner:
    """Types each scan as a keyboard scanner does: a fast burst of keys ending in Enter."""

    def __init__(self) -> None:
        self.clock = 100_000

    def scan(self, code: str) -> None:
        for char in code + "\r":
            key = Qt.Key.Key_Return if char == "\r" else Qt.Key(ord(char.upper()))
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                event = QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier,
                                  "" if char == "\r" else char)
                event.setTimestamp(self.clock)
                QApplication.sendEvent(QApplication.focusWidget(), event)
                self.clock += 1
            self.clock += 8
        self.clock += 2_000  # the next scan is a new burst


def purchase_order(db: Database, sample: Sample, number: str,
                   lines: list[tuple[str, int]]) -> None:
    """An open order from Yiwu Textiles for the sample warehouse."""
    with db.write() as s:
        supplier = Supplier(code="YIWU", name="Yiwu Textiles", over_receipt_pct=0,
                            over_receipt_beyond="block")
        s.add(supplier)
        s.flush()
        order = PurchaseOrder(
            number=number, supplier_id=supplier.id,
            warehouse_id=s.scalar(select(Warehouse.id).where(Warehouse.code == "SH1")),
            created_by=s.scalar(select(User.id).where(User.username == "alice")))
        for line_no, (sku, qty) in enumerate(lines, start=1):
            order.lines.append(PurchaseOrderLine(line_no=line_no,
                                                 product_id=sample.products[sku], qty=qty,
                                                 unit_cost=Decimal("9.90")))
        s.add(order)


def on_dock(db: Database, sample: Sample) -> dict[str, int]:
    """Units on the receiving dock RCV-01, by SKU."""
    skus = {pid: sku for sku, pid in sample.products.items()}
    with db.read() as s:
        rows = s.execute(select(Quant.product_id, Quant.on_hand).join(
            Location, Location.id == Quant.location_id).where(Location.code == "RCV-01",
                                                              Quant.on_hand > 0)).all()
    return {skus[pid]: qty for pid, qty in rows}


@pytest.fixture
def receiving(qtbot, workspace: Workspace, sqlite_db: Database, sample: Sample,
              tmp_path: Path) -> Iterator[dict[str, Any]]:
    purchase_order(sqlite_db, sample, "2025-0042",
                   [("TSH-WHT-M", 24), ("MUG-CER-350", 2), ("USB-C-1M", 5)])
    yield from floor_rig(qtbot, workspace, tmp_path, "receiving", ReceivingPage)


def floor_rig(qtbot, workspace: Workspace, tmp_path: Path, key: str,
              page_type: type) -> Iterator[dict[str, Any]]:
    """The main window showing floor screen `key`, with a wedge scanner and the sounds
    played recorded; for a fixture to `yield from`."""
    workspace.devices = DeviceBridge(DeviceSettings())
    sounds = Recorder()
    workspace.sounds = SoundPlayer(tmp_path / "sounds", backend=sounds)
    main = MainWindow(workspace)
    qtbot.addWidget(main)
    main.resize(1366, 860)
    main.show()
    qtbot.waitExposed(main)
    main.activateWindow()
    main.show_page(key)
    page = main.current_page()
    assert isinstance(page, page_type)
    qtbot.waitUntil(lambda: page.view is not None)
    qtbot.waitUntil(page.entry.hasFocus)
    yield {"main": main, "page": page, "sounds": sounds, "scanner": WedgeScanner()}
    workspace.devices.stop()


def scan_and_wait(qtbot, rig: dict[str, Any], code: str) -> None:
    before = len(rig["sounds"].played)
    rig["scanner"].scan(code)
    qtbot.waitUntil(lambda: len(rig["sounds"].played) > before, timeout=5000)


def column(page: ReceivingPage, c: int) -> list[str]:
    return [page.table.item(r, c).text() for r in range(page.table.rowCount())]


def test_a_whole_purchase_order_is_received_by_wedge_scans_alone(
        receiving, qtbot, sqlite_db, sample):
    page: ReceivingPage = receiving["page"]
    scan = lambda code: scan_and_wait(qtbot, receiving, code)  # noqa: E731
    scan("PO-2025-0042")
    assert page.title.text().startswith("PO-2025-0042")
    assert column(page, 0) == ["TSH-WHT-M", "MUG-CER-350", "USB-C-1M"]
    assert column(page, 2) == ["24", "2", "5"]
    assert page.units_progress.text() == "Units 0 / 31"
    scan("16901234567899")  # a case of 24 T-shirts
    assert column(page, 3) == ["✔ 24", "0", "0"]  # complete lines get a check
    assert page.table.item(0, 0).font().bold()
    scan("6901234567915")
    scan("6901234567915")
    scan("6901234567946")
    scan("CMD-QTY+4")
    assert column(page, 3) == ["✔ 24", "✔ 2", "✔ 5"]
    assert page.lines_progress.text() == "Lines 3 / 3"
    assert page.units_progress.text() == "Units 31 / 31"
    assert page.entry.text() == ""  # the bursts went to the workflow, not into the field
    screenshot(receiving["main"], "receiving")
    scan("CMD-DONE")
    qtbot.waitUntil(lambda: isinstance(page.dialog, SummaryDialog)
                    and page.dialog.isVisible(), timeout=5000)
    summary = page.dialog
    assert "PO-2025-0042" in summary.heading.text()
    assert [summary.table.item(r, 3).text() for r in range(3)] == ["24", "2", "5"]
    assert on_dock(sqlite_db, sample) == {"TSH-WHT-M": 24, "MUG-CER-350": 2, "USB-C-1M": 5,
                                          "NB-A5-DOT": 150}
    with sqlite_db.read() as s:
        assert s.scalar(select(PurchaseOrder.status)) == "received"
    assert receiving["sounds"].played == ["ok"] * 7


def test_a_wrong_scan_shows_its_reason_on_the_red_flash(receiving, qtbot, sqlite_db, sample):
    page: ReceivingPage = receiving["page"]
    scan_and_wait(qtbot, receiving, "PO-2025-0042")
    scan_and_wait(qtbot, receiving, "A-01-01")  # a bin, not an item
    assert page.flash.level is Level.ERROR
    assert "is a location" in page.flash.message
    assert receiving["sounds"].played == ["ok", "error"]
    assert on_dock(sqlite_db, sample) == {"NB-A5-DOT": 150}


def test_the_receiving_screen_in_chinese(receiving, qtbot):
    """The screenshot in Chinese: labels, legend and placeholder in the user's language."""
    main: MainWindow = receiving["main"]
    translators = Translators()
    translators.install("zh_CN")
    try:
        chinese = ReceivingPage(main.workspace)
        qtbot.addWidget(chinese)
        chinese.resize(1156, 820)
        chinese.show()
        qtbot.waitUntil(lambda: chinese.view is not None)
        chinese.enter("PO-2025-0042")
        qtbot.waitUntil(lambda: chinese.table.rowCount() == 3)
        chinese.scan(ScanInput("6901234567915", "wedge"))
        qtbot.waitUntil(lambda: chinese.units_progress.text() == "件数 1 / 31")
        assert "撤销" in chinese.legend.text()
        screenshot(chinese, "receiving_zh")
    finally:
        translators.install("en")


def test_keys_open_the_order_approve_an_over_receipt_undo_and_finish(
        receiving, qtbot, sqlite_db, sample):
    page: ReceivingPage = receiving["page"]
    scan = lambda code: scan_and_wait(qtbot, receiving, code)  # noqa: E731
    played = receiving["sounds"].played
    with sqlite_db.write() as s:
        factories.bin_(s, s.scalar(select(Warehouse).where(Warehouse.code == "SH1")), "QUAR-01",
                       LocationType.QUARANTINE)
    page.entry.setText("2025-0042")  # typed by hand, then F2
    qtbot.keyClick(page.entry, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: page.table.rowCount() == 3)
    scan("16901234567899")
    scan("6901234567892")  # a 25th T-shirt: the supplier allows no more than ordered
    assert page.flash.level is Level.ERROR and "Over-receipt" in page.flash.message
    assert page.entry.placeholderText() == "A supervisor must approve this: F9"
    qtbot.keyClick(page.entry, Qt.Key.Key_F9)
    dialog = page.dialog
    assert isinstance(dialog, ApprovalDialog) and "25 of 24" in dialog.why.text()
    dialog.username.setText("alice")
    dialog.password.setText("demo1234")
    dialog.submit()
    qtbot.waitUntil(lambda: column(page, 3)[0] == "✔ 25", timeout=5000)
    assert on_dock(sqlite_db, sample)["TSH-WHT-M"] == 25
    receiving["main"].activateWindow()  # as the window manager does when a dialog closes
    qtbot.waitUntil(lambda: QApplication.activeWindow() is receiving["main"])
    qtbot.waitUntil(page.entry.hasFocus)
    qtbot.keyClick(page.entry, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: column(page, 3)[0] == "✔ 24", timeout=5000)
    assert on_dock(sqlite_db, sample)["TSH-WHT-M"] == 24
    qtbot.keyClick(page.entry, Qt.Key.Key_F8)
    qtbot.waitUntil(lambda: "Damaged" in page.markers.text())
    scan("6901234567915")
    assert column(page, 4)[1] == "1", page.flash.message  # one damaged mug, in quarantine
    qtbot.keyClick(page.entry, Qt.Key.Key_F10)
    qtbot.waitUntil(lambda: isinstance(page.dialog, SummaryDialog), timeout=5000)
    assert [page.dialog.table.item(r, 3).text() for r in range(3)] == ["24", "0", "0"]
    with sqlite_db.read() as s:
        assert s.scalar(select(PurchaseOrder.status)) == "partly_received"
    assert played[:2] == ["ok", "ok"] and "error" in played


def test_blind_receiving_hides_the_ordered_quantities(receiving, qtbot):
    page: ReceivingPage = receiving["page"]
    qtbot.keyClick(page.entry, Qt.Key.Key_F6)
    qtbot.waitUntil(lambda: "Blind: on" in page.legend.text())
    scan_and_wait(qtbot, receiving, "PO-2025-0042")
    assert column(page, 2) == ["", "", ""]
    assert page.units_progress.isHidden()
    qtbot.keyClick(page.entry, Qt.Key.Key_F6)  # too late for this order
    qtbot.waitUntil(lambda: page.flash.level is Level.ERROR)
    assert "Blind: on" in page.legend.text()
