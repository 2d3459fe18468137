"""The Counts page: a supervisor plans a zone count in the plan dialog, counters count it
(one bin goes to a recount by another person, one is sent back from the review), the
variance list shows the quantity and value each line adjusts, and approving posts the
adjustments the move history and the stock browser then show."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from app.qt_app import Translators
from app.workspace import Workspace
from models.counting import CountingWorkflow
from models.db import Database
from models.entities import Location, Quant, User
from models.picking.workflow import PickingWorkflow
from models.users import actor_for
from tests.gui.sample_data import Sample
from tests.gui.screenshots import screenshot
from tests.gui.test_picking_page import plan_wave
from views.counts.approval import ApprovedDialog, ApproveDialog
from views.counts.page import CountsPage
from views.counts.plan_dialog import PlanDialog
from views.main_window import MainWindow
from views.moves_page import MovesPage


def counter(db: Database, username: str) -> CountingWorkflow:
    """A counting workflow for `username` at a handheld."""
    with db.read() as s:
        actor = actor_for(s, s.scalar(select(User).where(User.username == username)), "RF-01")
    return CountingWorkflow(db, actor)


def count_bin(flow: CountingWorkflow, location: str, scans: list[str]) -> None:
    """Scan a bin and its items, then finish it; every answer must be no error."""
    for raw in [location, *scans, "CMD-DONE"]:
        feedback = flow.scan(raw)
        assert feedback.level.value != "error", (raw, feedback.message)


def units_in(db: Database, sample: Sample, sku: str, bin_code: str) -> int:
    with db.read() as s:
        return s.scalar(select(Quant.on_hand).join(Location, Location.id == Quant.location_id)
                        .where(Quant.product_id == sample.products[sku],
                               Location.code == bin_code)) or 0


def cells(table, column: int) -> list[str]:
    return [table.item(r, column).text() for r in range(table.rowCount())]


@pytest.fixture
def window(qtbot, workspace: Workspace):
    return counts_window(qtbot, workspace)


def counts_window(qtbot, workspace: Workspace) -> MainWindow:
    """The main window, shown on the Counts page."""
    main = MainWindow(workspace)
    qtbot.addWidget(main)
    main.resize(1366, 860)
    main.show()
    qtbot.waitExposed(main)
    main.show_page("counts")
    return main


def plan_zone(qtbot, page: CountsPage, zone: str, bins: int) -> None:
    qtbot.mouseClick(page.plan_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: isinstance(page.dialog, PlanDialog))
    dialog: PlanDialog = page.dialog
    dialog.choose(warehouse="SH1", kind="zone")
    assert dialog.zone.isVisible() and not dialog.location_from.isVisible()
    dialog.zone.setCurrentText(zone)
    assert dialog.blind.isChecked()
    qtbot.mouseClick(dialog.plan_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    qtbot.waitUntil(lambda: page.current is not None and len(page.bins) == bins)


def test_a_zone_count_is_planned_counted_reviewed_and_approved(
        qtbot, window, sqlite_db, sample, tmp_path):
    page = window.current_page()
    assert isinstance(page, CountsPage)
    plan_zone(qtbot, page, "A", 3)
    count = page.current
    assert cells(page.count_list, 0) == [count.code]
    assert cells(page.count_list, 4) == ["0 / 3"]
    assert cells(page.bin_table, 0) == ["A-01-01", "A-01-02", "A-02-01"]
    assert set(cells(page.bin_table, 2)) == {"Not counted"}

    alice = counter(sqlite_db, "alice")
    alice.scan(count.code)
    count_bin(alice, "A-01-01", ["6901234567892", "CMD-QTY+199"])  # 200: as the books say
    count_bin(alice, "A-01-02", ["6901234567908", "CMD-QTY+117"])  # 118 of 120: within 5 %
    # 7 cases of 12 mugs where the books say 90: 6.7 % short, a recount by somebody else.
    count_bin(alice, "A-02-01", ["16901234567912"] * 7)
    page.refresh()
    qtbot.waitUntil(lambda: cells(page.bin_table, 2) == ["Counted", "Counted", "Recount"])
    assert alice.scan("A-02-01").level.value == "error"  # not by the first counter

    pete = counter(sqlite_db, "pete")
    pete.scan(count.code)
    count_bin(pete, "A-02-01", ["16901234567912"] * 7 + ["6901234567915"] * 4)  # 88
    page.refresh()
    qtbot.waitUntil(lambda: cells(page.bin_table, 2) == ["Counted"] * 3)
    assert cells(page.bin_table, 4) == ["alice", "alice", "pete"]
    assert cells(page.count_list, 4) == ["3 / 3"]

    # The supervisor doubts A-01-02 too and sends it back; pete finds 119.
    page.bin_table.selectRow(1)
    qtbot.mouseClick(page.recount_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "recounted" in page.message.text())
    qtbot.waitUntil(lambda: cells(page.bin_table, 2)[1] == "Recount")
    count_bin(pete, "A-01-02", ["6901234567908", "CMD-QTY+118"])
    page.refresh()
    qtbot.waitUntil(lambda: cells(page.bin_table, 2) == ["Counted"] * 3)

    page.tabs.setCurrentIndex(1)
    # The list loaded before the recount had two lines too (-2, -2): wait for the new one.
    qtbot.waitUntil(lambda: cells(page.variance_table, 6) == ["-1", "-2"])
    assert cells(page.variance_table, 0) == ["A-01-02", "A-02-01"]
    assert cells(page.variance_table, 8) == ["-12.50", "-25.00"]  # 12.50 a unit
    assert page.variance_total.text() == "2 lines differ: -3 units, value -37.50"
    page.only_variances.setChecked(False)
    qtbot.waitUntil(lambda: page.variance_table.rowCount() == 3)
    page.sku_filter.setText("MUG-CER-350")
    page.load_variances()
    qtbot.waitUntil(lambda: cells(page.variance_table, 1) == ["MUG-CER-350"])
    assert cells(page.variance_table, 4) == ["90"]
    assert cells(page.variance_table, 5) == ["88"]
    page.sku_filter.clear()
    page.only_variances.setChecked(True)
    qtbot.waitUntil(lambda: page.variance_table.rowCount() == 2)
    screenshot(window, "counts")

    sheet, report = tmp_path / "sheet.pdf", tmp_path / "report.pdf"
    page.save_pdf_to("sheet", sheet)
    qtbot.waitUntil(lambda: "PDF saved" in page.message.text())  # written, not just created
    assert sheet.read_bytes().startswith(b"%PDF")

    qtbot.mouseClick(page.approve_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: isinstance(page.dialog, ApproveDialog))
    assert "2 adjustments" in page.dialog.summary.text()
    assert "-3 units, value -37.50" in page.dialog.summary.text()
    qtbot.mouseClick(page.dialog.approve_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: isinstance(page.dialog, ApprovedDialog), timeout=10_000)
    assert page.dialog.heading.text() == f"{count.code} approved: 3 bins, 2 adjustments " \
        "(+0 / -3 units)."
    figures = page.dialog.figures
    assert figures["Adjustment moves posted"] == "2"
    assert figures["Units missing (written off)"] == "-3"
    assert figures["Count accuracy"] == "33.3 %"
    assert figures["Shrinkage value"] == "37.50"
    page.dialog.accept()
    qtbot.waitUntil(lambda: cells(page.count_list, 3) == ["Approved"])
    assert f"{count.code} approved" in page.message.text()
    assert units_in(sqlite_db, sample, "MUG-CER-350", "A-02-01") == 88
    assert units_in(sqlite_db, sample, "TSH-BLK-L", "A-01-02") == 119
    assert units_in(sqlite_db, sample, "TSH-WHT-M", "A-01-01") == 200

    page.message.clear()
    page.save_pdf_to("report", report)
    qtbot.waitUntil(lambda: "PDF saved" in page.message.text())
    assert report.read_bytes().startswith(b"%PDF")

    qtbot.mouseClick(page.moves_button, Qt.MouseButton.LeftButton)
    moves = window.current_page()
    assert isinstance(moves, MovesPage)
    qtbot.waitUntil(lambda: moves.model.rowCount() == 2)
    shown = [(moves.model.row_at(r).reference, moves.model.row_at(r).reason,
              moves.model.row_at(r).sku, moves.model.row_at(r).qty,
              moves.model.row_at(r).from_code) for r in range(2)]
    assert sorted(shown) == [(count.code, "count", "MUG-CER-350", 2, "A-02-01"),
                             (count.code, "count", "TSH-BLK-L", 1, "A-01-02")]


def test_a_plan_that_covers_nothing_says_so_in_the_dialog(qtbot, window, sample):
    page = window.current_page()
    qtbot.mouseClick(page.plan_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: isinstance(page.dialog, PlanDialog))
    dialog: PlanDialog = page.dialog
    dialog.choose(warehouse="SH1", kind="range")
    dialog.location_from.setText("X-01")
    dialog.location_to.setText("X-99")
    qtbot.mouseClick(dialog.plan_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.problem.isVisible)
    assert dialog.problem.text().startswith("Nothing to count")
    assert dialog.isVisible()
    assert page.counts == []


def test_the_counts_page_in_chinese(qtbot, workspace: Workspace, sample):
    translators = Translators()
    translators.install("zh_CN")
    try:
        workspace.settings.language = "zh_CN"
        main = counts_window(qtbot, workspace)
        page = main.current_page()
        plan_zone(qtbot, page, "B", 2)
        assert page.plan_button.text() == "计划盘点…"
        screenshot(main, "counts_zh")
    finally:
        translators.install("en")


def test_a_bin_reported_short_at_picking_is_a_count_to_do(qtbot, workspace: Workspace,
                                                          sqlite_db, sample):
    wave = plan_wave(sqlite_db)
    picker = PickingWorkflow(sqlite_db, counter(sqlite_db, "alice").actor)
    for raw in (wave, "TOTE-001", "TOTE-002", "A-01-01", "CMD-EMPTY"):
        picker.scan(raw)
    translators = Translators()
    try:
        for language, kind in (("en", "Short pick"), ("zh_CN", "拣货缺货")):
            translators.install(language)
            workspace.settings.language = language
            main = counts_window(qtbot, workspace)
            page = main.current_page()
            qtbot.waitUntil(lambda p=page: p.count_list.rowCount() == 1)
            assert cells(page.count_list, 1) == [f"Short pick in {wave}: A-01-01"]
            assert cells(page.count_list, 2) == [kind]
            screenshot(main, f"counts_short_{language}")
    finally:
        translators.install("en")
