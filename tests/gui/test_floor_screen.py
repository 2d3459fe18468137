"""The generic floor screen on a hand-written workflow: it renders the view, routes typed
entries, Esc and scans to the workflow through the runner, and shows errors on the flash."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from app.device_bridge import ScanInput
from app.workspace import Workspace
from devices.sound import SoundPlayer
from models.feedback import Level
from tests.gui.floor_fake import CountingWorkflow
from views.floor.screen import FloorScreen


class Recorder:
    name = "recorder"

    def __init__(self) -> None:
        self.played: list[str] = []

    def play(self, path: Path) -> None:
        self.played.append(path.stem.split("-")[0])


@pytest.fixture
def screen(qtbot, workspace: Workspace, tmp_path: Path):
    sounds = Recorder()
    workspace.sounds = SoundPlayer(tmp_path / "sounds", backend=sounds)
    workflow = CountingWorkflow()
    page = FloorScreen(workspace, title="Counting", create=lambda _db: workflow)
    qtbot.addWidget(page)
    page.resize(1100, 800)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    qtbot.waitUntil(lambda: page.view is not None)
    page.sounds = sounds
    return page, workflow


def cells(page: FloorScreen, row: int) -> list[str]:
    return [page.table.item(row, c).text() for c in range(page.table.columnCount())]


def wait_calls(qtbot, workflow: CountingWorkflow, n: int) -> None:
    qtbot.waitUntil(lambda: len(workflow.calls) >= n, timeout=3000)


def test_the_screen_shows_the_view_of_its_workflow(screen):
    page, _ = screen
    assert page.title.text() == "Counting crates"
    assert page.prompt.text() == "Scan a crate"
    assert page.lines_progress.text() == "Lines 0 / 2"
    assert page.units_progress.text() == "Units 0 / 5"
    assert cells(page, 0) == ["A-1", "Apple crate", "3", "0", "", ""]
    assert page.markers.isHidden()
    assert "Esc" in page.legend.text() and "F5" in page.legend.text()


def test_a_typed_quantity_then_a_scan_counts_that_many_on_the_current_line(screen, qtbot):
    page, _ = screen
    qtbot.keyClicks(page.entry, "2")
    qtbot.keyClick(page.entry, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.markers.text() == "Quantity 2" and page.markers.isVisible())
    page.scan(ScanInput("A-1", "wedge"))
    qtbot.waitUntil(lambda: page.units_progress.text() == "Units 2 / 5")
    assert cells(page, 0)[3] == "2"
    assert page.table.item(0, 0).font().bold()  # the current line stands out
    assert page.current.text() == "A-1 Apple crate: 2 of 3"
    assert page.flash.level is Level.OK and "A-1: 2 counted" in page.flash.message
    assert [page.recent.item(i).text() for i in range(page.recent.count())] == ["A-1 × 2"]
    assert page.entry.text() == ""
    assert page.sounds.played == ["ok", "ok"]


def test_escape_cancels_what_is_pending(screen, qtbot):
    page, workflow = screen
    qtbot.keyClicks(page.entry, "5")
    qtbot.keyClick(page.entry, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.markers.isVisible())
    qtbot.keyClick(page.entry, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: workflow.calls[-1:] == ["cancel"])
    qtbot.waitUntil(lambda: page.markers.isHidden())


def test_the_placeholder_says_what_the_workflow_asks_for(screen, qtbot):
    page, _ = screen
    page.enter("LOT?")
    qtbot.waitUntil(lambda: page.entry.placeholderText() == "Type the lot number, then Enter")
    assert page.flash.level is Level.WARNING


def test_a_refused_scan_and_a_failed_call_show_on_the_flash_with_the_error_sound(
        screen, qtbot):
    page, _ = screen
    page.scan(ScanInput("ZZZ", "wedge"))
    qtbot.waitUntil(lambda: page.flash.level is Level.ERROR)
    assert "Unknown barcode ZZZ" in page.flash.message
    page.scan(ScanInput("A-1", "wedge"))
    qtbot.waitUntil(lambda: page.flash.level is Level.OK)
    page.scan(ScanInput("BOOM", "wedge"))
    qtbot.waitUntil(lambda: page.flash.level is Level.ERROR)
    assert "The database refused the scan BOOM" in page.flash.message
    assert page.sounds.played == ["error", "ok", "error"]


def test_scans_made_before_the_workflow_exists_are_not_lost(qtbot, workspace):
    workflow = CountingWorkflow()
    page = FloorScreen(workspace, title="Counting", create=lambda _db: workflow)
    qtbot.addWidget(page)
    page.scan(ScanInput("A-1", "wedge"))  # the workflow is still being created
    page.scan(ScanInput("B-2", "wedge"))
    qtbot.waitUntil(lambda: page.units_progress.text() == "Units 2 / 5")
    assert workflow.calls == ["scan A-1", "scan B-2"]
