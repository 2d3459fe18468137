"""The print log on both backends: jobs logged with their outcome, a failed job retried once
the printer is back, a batch cancelled mid-way, customised templates shared and reset."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from app.print_jobs.sending import Control, send_job
from devices.printers.address import parse_address
from devices.printers.transport import open_transport
from models.actor import Actor
from models.entities import AuditEvent, JobStatus
from models.errors import NotFound, PermissionDenied
from models.permissions import Perm
from models.printjobs import log
from models.printjobs.templates import (
    custom_template,
    customised_names,
    reset_template,
    save_custom_template,
)

ROWS = [{"sku": f"SKU-{n:03d}", "name": f"货品 {n}"} for n in range(1, 24)]


def label(rows):
    """A stand-in for the template renderer: one ZPL format per row (what `send_job` is
    handed is any function of rows to bytes)."""
    return b"".join(f"^XA^FO20,20^FD{r['sku']} {r['name']}^FS^XZ".encode() for r in rows)


def _job(db, actor, printer, rows=ROWS, **changes) -> int:
    request = log.JobRequest(template="sku_50x30", rows=rows, format="zpl", dpi=203,
                             printer="Zebra", address=printer.address, **changes)
    with db.write() as s:
        return log.start_job(s, actor, request)


def _transport(printer):
    return open_transport(parse_address(printer.address), timeout=1.0)


def test_job_is_logged_and_its_exact_bytes_arrive(db, actor, printer):
    job_id = _job(db, actor, printer)
    outcome = send_job(db, job_id, render=label, transport=_transport(printer),
                       control=Control(chunk_rows=10))
    assert outcome.status is JobStatus.SENT and outcome.rows_sent == 23
    assert printer.wait_for_jobs(3)  # 10 + 10 + 3 rows
    assert printer.received == label(ROWS)
    with db.read() as s:
        record = log.load_job(s, job_id)
        newest = log.job_log(s)[0]
    assert record.status is JobStatus.SENT and record.rows_sent == 23
    assert record.rows == ROWS and record.username == "system"
    assert record.workstation == "test-ws" and record.finished_at is not None
    assert newest.id == job_id


def test_failed_job_is_recorded_and_a_retry_succeeds_once_the_printer_is_back(
        db, actor, printer):
    printer.switch_off()
    job_id = _job(db, actor, printer)
    outcome = send_job(db, job_id, render=label, transport=_transport(printer))
    assert outcome.status is JobStatus.FAILED
    with db.read() as s:
        failed = log.load_job(s, job_id)
    assert failed.status is JobStatus.FAILED and failed.rows_sent == 0
    assert "refused" in failed.error
    printer.switch_on()
    again = send_job(db, job_id, render=label, transport=_transport(printer))
    assert again.status is JobStatus.SENT
    printer.wait_for_jobs(1)
    assert printer.received == label(ROWS)
    with db.read() as s:
        done = log.load_job(s, job_id)
    assert done.status is JobStatus.SENT and done.error == "" and done.attempts == 2


def test_printer_out_of_paper_gets_no_job_and_the_log_says_why(db, actor, printer):
    printer.state.paper_out = True
    job_id = _job(db, actor, printer)
    outcome = send_job(db, job_id, render=label, transport=_transport(printer))
    assert outcome.status is JobStatus.FAILED
    assert "paper out" in outcome.error
    assert printer.jobs == []
    printer.state.paper_out = False
    assert send_job(db, job_id, render=label, transport=_transport(printer)).status is \
        JobStatus.SENT


def test_cancel_stops_a_batch_mid_way_and_a_retry_sends_only_the_rest(db, actor, printer):
    job_id = _job(db, actor, printer)
    reports = []

    def report(done, total):
        reports.append((done, total))

    # Cancelled once two chunks (of 5 rows) have gone out.
    control = Control(report=report, cancelled=lambda: len(reports) >= 3, chunk_rows=5)
    outcome = send_job(db, job_id, render=label, transport=_transport(printer),
                       control=control)
    assert outcome.status is JobStatus.CANCELLED and outcome.rows_sent == 10
    assert reports == [(0, 23), (5, 23), (10, 23)]
    assert printer.wait_for_jobs(2) and len(printer.jobs) == 2
    assert printer.received == label(ROWS[:10])  # what arrived: ten labels, no more
    with db.read() as s:
        assert log.load_job(s, job_id).status is JobStatus.CANCELLED
    send_job(db, job_id, render=label, transport=_transport(printer),
             control=Control(chunk_rows=5))
    printer.wait_for_jobs(5)
    assert printer.received == label(ROWS)  # every label exactly once


def test_reprint_request_keeps_template_body_rows_and_points_back(db, actor, printer):
    body = json.dumps({"name": "sku_50x30", "width_mm": 50})
    job_id = _job(db, actor, printer, copies=2, template_body=body)
    with db.read() as s:
        request = log.load_job(s, job_id).request(printer="Other")
    assert request.rows == ROWS and request.template_body == body and request.copies == 2
    assert request.reprint_of == job_id and request.printer == "Other"


def test_unknown_job_is_not_found(db):
    with db.read() as s, pytest.raises(NotFound, match="no print job 999"):
        log.load_job(s, 999)


def test_customised_template_is_shared_and_reset(db, actor):
    body = json.dumps({"name": "bin_100x50", "fields": []})
    with db.write() as s:
        save_custom_template(s, actor, "bin_100x50", body)
    with db.read() as s:
        custom = custom_template(s, "bin_100x50")
        assert custom is not None and custom.body == body and custom.updated_by == "system"
        assert customised_names(s) == ["bin_100x50"]
    with db.write() as s:
        save_custom_template(s, actor, "bin_100x50", "{}")
    with db.write() as s:
        assert custom_template(s, "bin_100x50").body == "{}"
        reset_template(s, actor, "bin_100x50")
    with db.read() as s:
        assert custom_template(s, "bin_100x50") is None
        actions = list(s.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))
    assert actions[-3:] == ["label_template.save", "label_template.save",
                            "label_template.reset"]


def test_editing_templates_needs_the_permission(db, actor):
    picker = Actor(actor.user_id, "pete", "ws", frozenset({Perm.STOCK_VIEW}))
    with db.write() as s, pytest.raises(PermissionDenied, match="label and document"):
        save_custom_template(s, picker, "sku_50x30", "{}")


def test_upgrade_gives_existing_supervisors_the_label_permission(tmp_path):
    from alembic import command
    from sqlalchemy import text

    from models.db import Database
    from models.db.schema import alembic_config, upgrade
    from models.reference_data import sync_reference_data

    db = Database(str(tmp_path / "before-0003.sqlite"))
    config = alembic_config()
    with db.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0002")
    with db.write() as s:
        sync_reference_data(s)
        # As a database made before labels.edit existed.
        s.execute(text("DELETE FROM role_permission WHERE permission_code = 'labels.edit'"))
        s.execute(text("DELETE FROM permission WHERE code = 'labels.edit'"))
    upgrade(db)
    with db.read() as s:
        holders = set(s.scalars(text(
            "SELECT r.name FROM role r JOIN role_permission rp ON rp.role_id = r.id "
            "WHERE rp.permission_code = 'labels.edit'")))
    db.dispose()
    assert holders == {"admin", "supervisor", "back_office"}
