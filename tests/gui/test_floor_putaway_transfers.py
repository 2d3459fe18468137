"""The putaway and transfer screens in the main window: scans move stock through their
workflows, a bin other than the suggested one is taken with the reason given behind F7, and
the stock is where the screen said."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from app.device_bridge import DeviceBridge, ScanInput
from app.device_settings import DeviceSettings
from app.workspace import Workspace
from devices.sound import SoundPlayer
from models.db import Database
from models.entities import Location, Product, Quant, StockPosting
from models.feedback import Level
from tests.gui.sample_data import Sample
from views.floor.putaway_page import PutawayPage
from views.floor.reason import ReasonDialog
from views.floor.transfer_page import TransferPage
from views.main_window import MainWindow


class Recorder:
    name = "recorder"

    def __init__(self) -> None:
        self.played: list[str] = []

    def play(self, path: Path) -> None:
        self.played.append(path.stem.split("-")[0])


@pytest.fixture
def window(qtbot, workspace: Workspace, tmp_path: Path):
    workspace.devices = DeviceBridge(DeviceSettings())
    workspace.sounds = SoundPlayer(tmp_path / "sounds", backend=Recorder())
    main = MainWindow(workspace)
    qtbot.addWidget(main)
    main.resize(1366, 860)
    main.show()
    qtbot.waitExposed(main)
    main.activateWindow()
    yield main
    workspace.devices.stop()


def units_in(db: Database, sample: Sample, sku: str, bin_code: str) -> int:
    with db.read() as s:
        return s.scalar(select(Quant.on_hand).join(Location, Location.id == Quant.location_id)
                        .where(Quant.product_id == sample.products[sku],
                               Location.code == bin_code)) or 0


def answer(qtbot, page, raw: str) -> None:
    before = page.last_feedback
    page.workspace.devices.scanned.emit(ScanInput(raw, "wedge"))
    qtbot.waitUntil(lambda: page.last_feedback is not before, timeout=5000)


def test_putaway_to_another_bin_asks_the_reason_behind_f7(window, qtbot, sqlite_db, sample):
    with sqlite_db.write() as s:
        s.get(Product, sample.products["NB-A5-DOT"]).home_location_id = sample.bins["A-02-01"]
    window.show_page("putaway")
    page = window.current_page()
    assert isinstance(page, PutawayPage)
    qtbot.waitUntil(lambda: page.view is not None)
    assert "NB-A5-DOT" in [page.table.item(r, 0).text() for r in range(page.table.rowCount())]
    qtbot.keyClicks(page.entry, "10")
    qtbot.keyClick(page.entry, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Quantity 10" in page.markers.text())
    answer(qtbot, page, "6901234567960")  # the notebook, 150 on the dock
    assert page.current.text().startswith("A-02-01")  # its fixed bin, in large type
    other = "C-01-01"
    answer(qtbot, page, other)
    qtbot.waitUntil(lambda: page.view.asking == "reason")
    assert page.entry.placeholderText() == "Type the reason, then Enter"
    qtbot.keyClick(page.entry, Qt.Key.Key_F7)
    dialog = page.dialog
    assert isinstance(dialog, ReasonDialog) and dialog.isVisible()
    dialog.reason.setText("suggested bin is full")
    dialog.submit()
    qtbot.waitUntil(lambda: page.view.asking == "" and page.flash.level is Level.OK)
    assert units_in(sqlite_db, sample, "NB-A5-DOT", other) == 10
    assert units_in(sqlite_db, sample, "NB-A5-DOT", "RCV-01") == 140
    with sqlite_db.read() as s:
        notes = s.scalars(select(StockPosting.note)).all()
    assert any("suggested bin is full" in note for note in notes)


def test_a_transfer_moves_what_was_scanned_between_the_bins(window, qtbot, sqlite_db, sample):
    window.show_page("transfers")
    page = window.current_page()
    assert isinstance(page, TransferPage)
    qtbot.waitUntil(lambda: page.view is not None)
    answer(qtbot, page, "B-01-01")  # 40 white T-shirts and 290 cables there
    assert "B-01-01" in page.current.text()
    answer(qtbot, page, "6901234567946")
    answer(qtbot, page, "CMD-QTY+2")
    assert page.units_progress.isHidden()  # a transfer has no total to reach
    answer(qtbot, page, "C-01-01")
    assert page.flash.level is Level.OK, page.flash.message
    assert units_in(sqlite_db, sample, "USB-C-1M", "C-01-01") == 3
    assert units_in(sqlite_db, sample, "USB-C-1M", "B-01-01") == 287
    answer(qtbot, page, "MUG-XYZ-NOTHING")
    assert page.flash.level is Level.ERROR
