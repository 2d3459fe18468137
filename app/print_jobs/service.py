"""Printing as the command line and the Printing page ask for it: print a template's rows on
a named printer, retry a failed job, reprint any logged job, ask a printer how it is."""

from __future__ import annotations

from typing import Any

from app.print_jobs.rendering import chunk_renderer, template_for
from app.print_jobs.sending import Control, JobOutcome, send_job
from app.printer_profiles import PrinterProfile, PrinterSettings
from devices.printers.status import PrinterStatus, query_status
from devices.printers.transport import open_transport
from models.actor import Actor
from models.db import Database
from models.entities import JobStatus
from models.errors import InputError
from models.printjobs import log
from models.printjobs.templates import custom_template


def print_labels(db: Database, actor: Actor, *, template: str, rows: list[dict[str, Any]],
                 printer: PrinterProfile, copies: int | None = None,
                 control: Control | None = None) -> JobOutcome:
    """Log and send a job: `rows` filled into `template` on `printer`."""
    with db.read() as session:
        custom = custom_template(session, template)
    checked = template_for(template, custom.body if custom else "")
    problems = [f"row {number}: {problem}" for number, row in enumerate(rows, start=1)
                for problem in checked.check(row)]
    if problems:
        more = f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""
        raise InputError(f"The data does not fit template {template}: "
                         f"{'; '.join(problems[:5])}{more}.")
    request = log.JobRequest(template=template, rows=rows, format=printer.language,
                             dpi=printer.dpi, printer=printer.name, address=printer.address,
                             copies=copies or printer.copies,
                             # The body as printed: a reprint is the same label even after
                             # the template is edited or WareDesk updated.
                             template_body=checked.source)
    with db.write() as session:
        job_id = log.start_job(session, actor, request)
    return _send(db, job_id, printer, control)


def retry_job(db: Database, job_id: int, printers: PrinterSettings,
              control: Control | None = None) -> JobOutcome:
    """Send what a failed or cancelled job has not sent yet, on the printer it was for."""
    with db.read() as session:
        job = log.load_job(session, job_id)
    if job.status not in (JobStatus.FAILED, JobStatus.CANCELLED):
        raise InputError(f"Job {job_id} is {job.status}: only a failed or cancelled job is "
                         "retried (reprint it to print it again).")
    return _send(db, job_id, printers.find(job.printer), control)


def reprint_job(db: Database, actor: Actor, job_id: int, printers: PrinterSettings, *,
                printer: str | None = None, copies: int | None = None,
                control: Control | None = None) -> JobOutcome:
    """Print a logged job again, as a new job: same template body and data, on its printer
    or another one."""
    with db.read() as session:
        job = log.load_job(session, job_id)
    profile = printers.find(printer or job.printer)
    request = job.request(format=profile.language, dpi=profile.dpi, printer=profile.name,
                          address=profile.address, copies=copies or job.copies)
    with db.write() as session:
        new_id = log.start_job(session, actor, request)
    return _send(db, new_id, profile, control)


def printer_status(profile: PrinterProfile, *, timeout: float = 2.0) -> PrinterStatus:
    """What the printer says about itself now (UNKNOWN when it cannot say)."""
    return query_status(open_transport(profile.target(), timeout=timeout), profile.language,
                        timeout=timeout)


def _send(db: Database, job_id: int, profile: PrinterProfile,
          control: Control | None) -> JobOutcome:
    with db.read() as session:
        job = log.load_job(session, job_id)
    if job.format != profile.language or job.dpi != profile.dpi:
        raise InputError(f"Printer {profile.name} now speaks {profile.language.upper()} at "
                         f"{profile.dpi} dpi, not {job.format.upper()} at {job.dpi} dpi: "
                         "reprint the job instead.")
    render = chunk_renderer(job.template, job.template_body, profile, copies=job.copies)
    transport = open_transport(profile.target())
    return send_job(db, job_id, render=render, transport=transport, control=control)
