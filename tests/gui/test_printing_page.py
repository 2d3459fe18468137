"""The Printing page with a simulated network printer: it previews a template, prints to the
printer (the bytes arrive), shows its status (unknown when it stays silent), lists the job in
the log, cancels a batch, retries a failed job, and saves an edited layout."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QTableWidgetItem

from app.printer_profiles import PrinterProfile, PrinterSettings
from printing.render import render_many
from printing.templates import load_template
from tests.gui.screenshots import screenshot
from views.printing.page import PrintingPage


@pytest.fixture
def page(qtbot, workspace, printer) -> Iterator[PrintingPage]:
    printers = PrinterSettings([])
    printers.put(PrinterProfile("Packing Zebra", printer.address, language="zpl", dpi=203))
    printers.store(workspace.settings)
    view = PrintingPage(workspace)
    qtbot.addWidget(view)
    view.resize(1200, 800)
    view.show()
    qtbot.waitExposed(view)
    qtbot.waitUntil(lambda: view.template_name == "bin-100x50" and not view.preview.pixmap
                    .isNull(), timeout=10000)
    yield view
    view.shutdown()


def test_page_previews_the_first_template_with_its_sample(page):
    pixmap = page.preview.pixmap
    # 100 x 50 mm at 203 dpi
    assert (pixmap.width(), pixmap.height()) == (799, 400)
    assert page.data.row_values(0)["location"] == "A-01-03-2"


def test_status_is_shown_and_unknown_when_the_printer_is_silent(qtbot, page, printer):
    qtbot.waitUntil(lambda: page.printer_bar.status.text() == "Ready", timeout=5000)
    printer.silent = True
    page.printer_bar.check_status()
    qtbot.waitUntil(lambda: page.printer_bar.status.text() == "Status unknown",
                    timeout=8000)
    printer.silent, printer.state.paper_out = False, True
    page.printer_bar.check_status()
    qtbot.waitUntil(lambda: "paper out" in page.printer_bar.status.text(), timeout=5000)


def test_print_sends_the_label_and_the_log_lists_it(qtbot, page, printer):
    before = page.last_png
    page.data.setItem(0, 0, QTableWidgetItem("B-07-01"))
    page.copies.setValue(2)
    page.print_button.click()
    job = printer.wait_for_jobs(1)[0]
    expected = render_many(load_template("bin-100x50"),
                           [{"location": "B-07-01", "zone": "Zone A 拣货区",
                             "location_type": "Pick face"}], "zpl", 203)
    assert job == expected.replace(b"^XZ", b"^PQ2^XZ")
    qtbot.waitUntil(lambda: page.log_panel.table.rowCount() == 1, timeout=5000)
    row = [page.log_panel.table.item(0, c).text() for c in range(7)]
    assert row[2] == "sent" and row[3] == "1/1 ×2" and row[4] == "bin-100x50"
    assert row[5] == "Packing Zebra" and row[6] == "alice@PACK-01"
    assert page.message.text() == "Labels sent: 1 (job 1)."
    qtbot.waitUntil(lambda: page.last_png != before, timeout=5000)
    screenshot(page, "printing-page")


def test_batch_cancel_stops_mid_way(qtbot, page, printer, tmp_path):
    rows = [{"location": f"C-{n:03d}"} for n in range(300)]
    (tmp_path / "bins.json").write_text(json.dumps(rows))
    page.load_rows_from(tmp_path / "bins.json")
    assert page.data.rowCount() == 300
    printer.hold_s = 0.2  # a printer slow to take each chunk
    page.print_button.click()
    qtbot.waitUntil(lambda: page.progress.value() >= 50, timeout=10000)
    page.cancel_button.click()
    qtbot.waitUntil(lambda: page.progress.isHidden(), timeout=10000)
    assert "cancelled" in page.message.text()
    qtbot.waitUntil(lambda: page.log_panel.table.rowCount() == 1, timeout=5000)
    sent = int(page.log_panel.table.item(0, 3).text().split("/")[0])
    assert 50 <= sent < 300
    qtbot.waitUntil(lambda: printer.received.count(b"^XA") == sent, timeout=5000)


def test_failed_job_is_retried_from_the_log(qtbot, page, printer):
    printer.switch_off()
    page.print_button.click()
    qtbot.waitUntil(lambda: "failed" in page.message.text(), timeout=10000)
    qtbot.waitUntil(lambda: page.log_panel.table.rowCount() == 1, timeout=5000)
    page.log_panel.table.selectRow(0)
    assert page.log_panel.retry_button.isEnabled()
    printer.switch_on()
    page.log_panel.retry_button.click()
    assert printer.wait_for_jobs(1)[0].count(b"^XA") == 1
    qtbot.waitUntil(lambda: page.log_panel.table.item(0, 2).text() == "sent", timeout=5000)


def test_edited_layout_is_saved_for_every_workstation(qtbot, page, workspace):
    before = page.last_png
    page.layout_editor.item(0, 5).setText("8")  # the location code's font size
    qtbot.waitUntil(lambda: page.last_png != before, timeout=5000)
    assert "save it" in page.layout_note.text()
    page.save_layout_button.click()
    qtbot.waitUntil(lambda: page.layout_note.text() == "Customised by alice", timeout=5000)
    assert json.loads(page.saved_body)["elements"][0]["size"] == 8
    page.reset_layout_button.click()
    qtbot.waitUntil(lambda: page.layout_note.text() == "Built-in layout", timeout=5000)


def test_live_data_fills_the_row_from_a_location(qtbot, page):
    page.lookup.setText("b-01-02")
    page.fill_live("location")
    qtbot.waitUntil(lambda: page.data.row_values(0)["location"] == "B-01-02", timeout=5000)
    assert page.data.row_values(0)["zone"] == "B"


def test_printer_dialog_adds_a_printer_and_refuses_a_bad_address(qtbot, workspace):
    from views.printing.printer_dialog import PrinterDialog

    dialog = PrinterDialog(workspace.settings)
    qtbot.addWidget(dialog)
    dialog.name.setText("Shelf TSC")
    dialog.address.setText("192.168.1.9")
    assert not dialog.save()
    assert "not a printer address" in dialog.message.text()
    dialog.address.setText("tcp://192.168.1.9")
    dialog.language.setCurrentIndex(1)  # TSPL
    dialog.darkness.setValue(12)
    dialog.copies.setValue(2)
    assert dialog.save()
    saved = PrinterSettings.of(workspace.settings).find("Shelf TSC")
    assert (saved.language, saved.darkness, saved.copies) == ("tspl", 12, 2)
    assert str(saved.target()) == "tcp://192.168.1.9:9100"
