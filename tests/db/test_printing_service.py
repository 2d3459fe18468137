"""Printing through the log with the real templates and renderers, on both backends: the
simulated printer receives the rendered labels tuned by the profile, a reprint sends the same
bytes even after the template was customised, a failed job is retried."""

from __future__ import annotations

import json

import pytest

from app.print_jobs.sending import Control
from app.print_jobs.service import print_labels, printer_status, reprint_job, retry_job
from app.printer_profiles import PrinterProfile, PrinterSettings
from devices.printers.status import State
from models.entities import JobStatus
from models.errors import InputError
from models.printjobs import log
from models.printjobs.templates import save_custom_template
from printing.render import render_many
from printing.templates import load_template

TEMPLATE = "sku-50x30"
ROWS = [{"sku": f"TSHIRT-{n:02d}", "name": f"T恤 {n}", "variant": "M"} for n in range(1, 8)]


@pytest.fixture
def zebra(printer) -> PrinterProfile:
    return PrinterProfile("Zebra", printer.address, language="zpl", dpi=203)


def test_printed_labels_arrive_as_rendered(db, actor, printer, zebra):
    outcome = print_labels(db, actor, template=TEMPLATE, rows=ROWS, printer=zebra)
    assert outcome.status is JobStatus.SENT and outcome.rows_sent == 7
    printer.wait_for_jobs(1)
    assert printer.received == render_many(load_template(TEMPLATE), ROWS, "zpl", 203)
    assert printer.received.count(b"^XA") == 7


def test_profile_tuning_reaches_the_printer(db, actor, printer, zebra):
    zebra.darkness, zebra.offset_x_mm, zebra.copies = 20, 1.0, 3
    print_labels(db, actor, template=TEMPLATE, rows=ROWS[:2], printer=zebra)
    job = printer.wait_for_jobs(1)[0]
    assert job.startswith(b"~SD20^XA")
    assert job.count(b"^PQ3^XZ") == 2 and job.count(b"^LH8,0") == 2


def test_data_that_does_not_fit_the_template_is_refused_before_anything_is_logged(
        db, actor, printer, zebra):
    with pytest.raises(InputError, match="row 2"):
        print_labels(db, actor, template=TEMPLATE,
                     rows=[ROWS[0], {"name": "no sku"}], printer=zebra)
    with db.read() as s:
        assert log.job_log(s) == []
    assert printer.jobs == []


def test_reprint_sends_the_same_bytes_after_the_template_was_customised(
        db, actor, printer, zebra):
    first = print_labels(db, actor, template=TEMPLATE, rows=ROWS, printer=zebra)
    original = printer.wait_for_jobs(1)[0]
    edited = json.loads(load_template(TEMPLATE).source)
    edited["elements"][0]["size"] = 4.0
    with db.write() as s:
        save_custom_template(s, actor, TEMPLATE, json.dumps(edited))
    printers = PrinterSettings([zebra], "Zebra")
    again = reprint_job(db, actor, first.job_id, printers)
    assert again.status is JobStatus.SENT and again.job_id != first.job_id
    assert printer.wait_for_jobs(2)[1] == original
    with db.read() as s:
        assert log.load_job(s, again.job_id).reprint_of == first.job_id
    # A new job uses the customised layout.
    print_labels(db, actor, template=TEMPLATE, rows=ROWS, printer=zebra)
    assert printer.wait_for_jobs(3)[2] != original


def test_failed_job_retried_after_the_printer_comes_back(db, actor, printer, zebra):
    printer.switch_off()
    failed = print_labels(db, actor, template=TEMPLATE, rows=ROWS, printer=zebra)
    assert failed.status is JobStatus.FAILED and "refused" in failed.error
    printers = PrinterSettings([zebra], "Zebra")
    printer.switch_on()
    done = retry_job(db, failed.job_id, printers)
    assert done.status is JobStatus.SENT
    assert printer.wait_for_jobs(1)[0] == render_many(load_template(TEMPLATE), ROWS, "zpl",
                                                      203)
    with pytest.raises(InputError, match="only a failed or cancelled job"):
        retry_job(db, failed.job_id, printers)


def test_batch_cancelled_mid_way_counts_what_arrived(db, actor, printer, zebra):
    rows = [dict(ROWS[0], sku=f"B-{n:03d}") for n in range(120)]
    seen = []
    control = Control(report=lambda done, total: seen.append(done),
                      cancelled=lambda: len(seen) > 2, chunk_rows=20)
    outcome = print_labels(db, actor, template=TEMPLATE, rows=rows, printer=zebra,
                           control=control)
    assert outcome.status is JobStatus.CANCELLED and outcome.rows_sent == 40
    printer.wait_for_jobs(2)
    assert printer.received.count(b"^XA") == 40


def test_folder_printer_gets_one_file_per_job(db, actor, tmp_path):
    profile = PrinterProfile("Files", f"folder:{tmp_path / 'out'}", language="zpl", dpi=300)
    outcome = print_labels(db, actor, template=TEMPLATE, rows=ROWS, printer=profile)
    files = list((tmp_path / "out").iterdir())
    assert [f.name for f in files] == [f"waredesk-job-{outcome.job_id}.zpl"]
    assert files[0].read_bytes() == render_many(load_template(TEMPLATE), ROWS, "zpl", 300)


def test_status_of_a_profile(printer, zebra):
    assert printer_status(zebra).state is State.READY
    printer.silent = True
    assert printer_status(zebra, timeout=0.3).state is State.UNKNOWN


def test_tspl_printer_gets_density_and_copies(db, actor, printer):
    profile = PrinterProfile("TSC", printer.address, language="tspl", dpi=203, darkness=16,
                             copies=2)
    outcome = print_labels(db, actor, template=TEMPLATE, rows=ROWS[:3], printer=profile)
    assert outcome.status is JobStatus.SENT
    job = printer.wait_for_jobs(1)[0]
    plain = render_many(load_template(TEMPLATE), ROWS[:3], "tspl", 203)
    assert job.count(b"DENSITY 8\r\n") == 3 and job.count(b"PRINT 1,2\r\n") == 3
    assert job.replace(b"DENSITY 8\r\n", b"").replace(b"PRINT 1,2", b"PRINT 1,1") == plain


def test_pdf_copies_are_repeated_pages_in_one_file(db, actor, tmp_path):
    import pypdfium2

    profile = PrinterProfile("Office", f"folder:{tmp_path / 'pdf'}", language="pdf",
                             copies=3)
    outcome = print_labels(db, actor, template=TEMPLATE, rows=ROWS[:2], printer=profile)
    (path,) = (tmp_path / "pdf").iterdir()
    assert path.name == f"waredesk-job-{outcome.job_id}.pdf"
    assert len(pypdfium2.PdfDocument(path.read_bytes())) == 6
