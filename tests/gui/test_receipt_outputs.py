"""After a receipt: its discrepancy report saved as PDF, its labels sent to a network label
printer (the simulated one) by rule, and a batch scanner's file replayed from the screen."""

from __future__ import annotations

from pathlib import Path

import pypdfium2
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from app.printer_profiles import PrinterProfile, PrinterSettings
from tests.gui import test_floor_receiving as floor
from views.floor.batch_results import BatchResultsDialog
from views.floor.receiving_page import ReceivingPage
from views.floor.summary import SummaryDialog

receiving = floor.receiving  # the receiving screen in a signed-in window (a fixture)
on_dock, scan_and_wait = floor.on_dock, floor.scan_and_wait


def _finish(qtbot, rig) -> SummaryDialog:
    page: ReceivingPage = rig["page"]
    for code in ("PO-2025-0042", "16901234567899", "6901234567915", "CMD-DONE"):
        scan_and_wait(qtbot, rig, code)
    qtbot.waitUntil(lambda: isinstance(page.dialog, SummaryDialog), timeout=5000)
    return page.dialog


def test_the_summary_saves_the_discrepancy_report(receiving, qtbot, tmp_path, monkeypatch):
    summary = _finish(qtbot, receiving)
    target = tmp_path / "report.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(target), "")))
    summary.outputs.report_button.click()
    # The file exists from its first byte: wait for the screen to say it was saved.
    qtbot.waitUntil(lambda: "Saved" in summary.outputs.status.text(), timeout=10000)
    text = "".join(page.get_textpage().get_text_range()
                   for page in pypdfium2.PdfDocument(str(target)))
    assert "PO-2025-0042" in text and "Yiwu Textiles" in text
    assert "-1" in text and "-5" in text  # one mug and five cables short


def test_the_summary_prints_a_label_per_unit_on_the_label_printer(
        receiving, qtbot, printer, workspace):
    printers = PrinterSettings([])
    printers.put(PrinterProfile("Dock Zebra", printer.address, language="zpl", dpi=203))
    printers.store(workspace.settings)
    summary = _finish(qtbot, receiving)
    outputs = summary.outputs
    assert outputs.target.currentText() == "Dock Zebra"
    outputs.rule.setCurrentIndex(1)  # a label per case: the one case of 24 shirts
    outputs.labels_button.click()
    qtbot.waitUntil(lambda: len(printer.jobs) == 1, timeout=10000)
    job = printer.jobs[0]
    assert job.count(b"^XA") == 1 and b"TSH-WHT-M" in job
    qtbot.waitUntil(lambda: "sent" in outputs.status.text(), timeout=5000)
    outputs.rule.setCurrentIndex(0)  # a label per unit: 24 shirts and a mug
    outputs.labels_button.click()
    qtbot.waitUntil(lambda: len(printer.jobs) == 2, timeout=10000)
    job = printer.jobs[1]
    assert job.count(b"^XA") == 25


def test_a_batch_file_is_replayed_from_the_screen(receiving, qtbot, tmp_path, monkeypatch,
                                                  sqlite_db, sample):
    page: ReceivingPage = receiving["page"]
    dump = Path(tmp_path / "dump.csv")
    dump.write_text("6901234567915,2\nNOPE\n6901234567946\n", "utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *a, **k: (str(dump), "")))
    scan_and_wait(qtbot, receiving, "PO-2025-0042")
    qtbot.keyClick(page.entry, Qt.Key.Key_F4)
    qtbot.waitUntil(lambda: isinstance(page.dialog, BatchResultsDialog), timeout=5000)
    dialog = page.dialog
    assert dialog.table.rowCount() == 3
    assert "2 received, 1 refused" in dialog.heading.text()
    assert on_dock(sqlite_db, sample)["MUG-CER-350"] == 2
    assert on_dock(sqlite_db, sample)["USB-C-1M"] == 1
