"""The counting screen in the main window, driven by a keyboard-wedge scanner: the count
sheet's barcode, a bin, its items, the next bin; the count lines written are read back from
the database, and the bin is blocked for moves only while it is counted."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from app.device_bridge import ScanInput
from app.qt_app import Translators
from app.workspace import Workspace
from models.counting.plans import plan_count
from models.db import Database
from models.entities import CountBin, CountLine, Location, Product, User
from models.feedback import Level
from models.users import actor_for
from tests.gui.sample_data import Sample
from tests.gui.screenshots import screenshot
from tests.gui.test_floor_receiving import floor_rig, scan_and_wait
from views.floor.batch_results import BatchResultsDialog
from views.floor.counting_page import CountingPage, count_number
from views.main_window import MainWindow


def zone_count(db: Database, zone: str, *, blind: bool = True) -> int:
    """An open count of the sample warehouse's zone, planned by alice; its id."""
    with db.write() as s:
        actor = actor_for(s, s.scalar(select(User).where(User.username == "alice")), "PACK-01")
        return plan_count(s, actor, warehouse_code="SH1", kind="zone", zone=zone,
                          blind=blind, today=date.today()).id


def lines_of(db: Database, count_id: int) -> dict[tuple[str, int], tuple[str, int, int]]:
    """(location, round) -> (sku, expected, counted) of every count line, one per bin here."""
    with db.read() as s:
        rows = s.execute(
            select(Location.code, CountLine.round, Product.sku, CountLine.expected,
                   CountLine.counted)
            .join(CountBin, CountBin.id == CountLine.count_bin_id)
            .join(Location, Location.id == CountBin.location_id)
            .join(Product, Product.id == CountLine.product_id)
            .where(CountBin.count_id == count_id)).all()
    return {(loc, rnd): (sku, expected, counted) for loc, rnd, sku, expected, counted in rows}


def bin_state(db: Database, count_id: int, code: str) -> tuple[str, bool]:
    """(count bin status, location blocked) of one bin."""
    with db.read() as s:
        return s.execute(select(CountBin.status, Location.blocked)
                         .join(Location, Location.id == CountBin.location_id)
                         .where(CountBin.count_id == count_id, Location.code == code)).one()


@pytest.fixture
def counting(qtbot, workspace: Workspace, sqlite_db: Database, sample: Sample,
             tmp_path: Path) -> Iterator[dict[str, Any]]:
    yield from floor_rig(qtbot, workspace, tmp_path, "counting", CountingPage)


def test_a_bin_is_counted_by_wedge_scans_and_its_lines_are_written(
        counting, qtbot, sqlite_db, sample):
    count_id = zone_count(sqlite_db, "A")
    page: CountingPage = counting["page"]
    scan = lambda code: scan_and_wait(qtbot, counting, code)  # noqa: E731
    scan(f"COUNT-{count_id}")
    assert page.title.text().startswith(f"COUNT-{count_id}")
    assert page.lines_progress.text() == "Bins 0 / 3"
    scan("A-01-01")  # 200 white T-shirts on the books
    assert page.flash.level is Level.OK, page.flash.message
    assert bin_state(sqlite_db, count_id, "A-01-01") == ("counting", True)
    scan("6901234567892")
    scan("CMD-QTY+199")
    assert page.table.item(0, 0).text() == "TSH-WHT-M"
    assert page.table.item(0, 2).text() == ""  # blind: the expected 200 stays hidden
    assert page.table.item(0, 3).text() == "200"
    assert page.units_progress.text() == "Counted 200"
    scan("A-01-02")  # the next bin finishes the first
    assert bin_state(sqlite_db, count_id, "A-01-01") == ("counted", False)
    assert bin_state(sqlite_db, count_id, "A-01-02") == ("counting", True)
    assert page.lines_progress.text() == "Bins 1 / 3"
    scan("6901234567908")
    scan("CMD-QTY+117")
    scan("6901234567908")  # one too many: taken back
    qtbot.keyClick(page.entry, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.last_feedback.message.startswith("Undone"))
    assert page.table.item(0, 3).text() == "118"
    screenshot(counting["main"], "counting")
    qtbot.keyClick(page.entry, Qt.Key.Key_F10)
    qtbot.waitUntil(lambda: "A-01-02 counted" in page.last_feedback.message)
    assert lines_of(sqlite_db, count_id) == {
        ("A-01-01", 1): ("TSH-WHT-M", 200, 200),
        ("A-01-02", 1): ("TSH-BLK-L", 120, 118),  # 2 short: under 5 %, no recount
    }
    assert bin_state(sqlite_db, count_id, "A-01-02") == ("counted", False)


def test_f2_opens_a_typed_count_and_f8_says_the_bin_is_empty(
        counting, qtbot, sqlite_db, sample):
    count_id = zone_count(sqlite_db, "C")
    page: CountingPage = counting["page"]
    qtbot.keyClick(page.entry, Qt.Key.Key_F2)
    assert page.entry.placeholderText().startswith("Type the count number")
    qtbot.keyClicks(page.entry, f"COUNT-{count_id}")
    qtbot.keyClick(page.entry, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.title.text().startswith(f"COUNT-{count_id}"))
    scan_and_wait(qtbot, counting, "C-01-01")  # two lots of soap there, 120 units
    qtbot.keyClick(page.entry, Qt.Key.Key_F8)
    qtbot.waitUntil(lambda: "empty" in page.last_feedback.message)
    # Nothing found where 120 were expected: another person must count it again.
    assert page.last_feedback.level is Level.WARNING
    assert bin_state(sqlite_db, count_id, "C-01-01") == ("recount", False)
    assert {v[2] for k, v in lines_of(sqlite_db, count_id).items()} == {0}


def test_count_numbers_are_read_with_or_without_their_prefix():
    assert count_number("COUNT-12") == 12
    assert count_number(" count-7 ") == 7
    assert count_number("12") == 12
    assert count_number("PO-12") is None


def test_the_counting_screen_in_chinese(counting, qtbot, sqlite_db, sample):
    """A worker set to 中文 counts a bin: the screen and the workflow's answers in Chinese."""
    count_id = zone_count(sqlite_db, "A")
    main: MainWindow = counting["main"]
    main.workspace.settings.language = "zh_CN"
    translators = Translators()
    translators.install("zh_CN")
    try:
        chinese = CountingPage(main.workspace)
        qtbot.addWidget(chinese)
        chinese.resize(1156, 820)
        chinese.show()
        qtbot.waitUntil(lambda: chinese.view is not None)
        for raw in (f"COUNT-{count_id}", "A-01-01", "6901234567892", "CMD-QTY+199",
                    "A-01-02", "6901234567908"):
            before = chinese.last_feedback
            chinese.scan(ScanInput(raw, "wedge"))
            qtbot.waitUntil(lambda before=before: chinese.last_feedback is not before)
        assert chinese.last_feedback.level is Level.OK
        assert chinese.prompt.text() == ("正在盘点 A-01-02：扫描商品，然后扫描下一个库位"
                                         "（完成时扫 CMD-DONE）")
        assert chinese.lines_progress.text() == "库位 1 / 3"
        assert chinese.units_progress.text() == "已盘 1"
        assert "库位为空" in chinese.legend.text()
        assert chinese.recent.item(1).text() == "库位 A-01-02"
        screenshot(chinese, "counting_zh")
    finally:
        translators.install("en")
        main.workspace.settings.language = "en"


def test_f4_replays_a_batch_scanners_file_into_the_open_count(
        counting, qtbot, sqlite_db, sample, tmp_path):
    count_id = zone_count(sqlite_db, "A")
    page: CountingPage = counting["page"]
    scan_and_wait(qtbot, counting, f"COUNT-{count_id}")
    dump = tmp_path / "dump.csv"
    dump.write_text("A-01-01\n6901234567892,200\nA-01-02\n6901234567908,120\nNOPE-1\n",
                    encoding="utf-8")
    page.replay_path(dump)
    qtbot.waitUntil(lambda: isinstance(page.dialog, BatchResultsDialog))
    results = page.dialog.table
    assert results.rowCount() == 6  # five lines and the last bin finished
    assert results.item(4, 1).text() == "NOPE-1"
    assert page.last_feedback.message == "Batch file: 5 of 6 lines counted."
    assert lines_of(sqlite_db, count_id) == {("A-01-01", 1): ("TSH-WHT-M", 200, 200),
                                             ("A-01-02", 1): ("TSH-BLK-L", 120, 120)}
    assert bin_state(sqlite_db, count_id, "A-01-02") == ("counted", False)
