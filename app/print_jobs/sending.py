"""Sending a logged job: in chunks of data rows, each rendered and handed to the printer,
the progress recorded in the log after every chunk, so a cancelled or failed job says how
many labels went out and a retry sends only the rest."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from devices.errors import DeviceError
from devices.printers.status import State, query_status
from devices.printers.transport import Transport
from models.db import Database
from models.entities import JobStatus
from models.errors import WareDeskError
from models.printjobs import log

log_ = logging.getLogger(__name__)

#: Data rows per chunk: small enough for a responsive cancel, large enough to keep a label
#: printer streaming.
CHUNK_ROWS = 50
#: A quick look at the printer before a job: a printer that says it is out of paper gets
#: no job (it would sit in its buffer); one that says nothing still gets it.
PRECHECK_TIMEOUT_S = 1.0

ChunkRenderer = Callable[[list[dict[str, Any]]], bytes]
EXTENSIONS = {"zpl": "zpl", "tspl": "tspl", "pdf": "pdf"}


@dataclass(frozen=True)
class JobOutcome:
    """How a job ended this time."""

    job_id: int
    status: JobStatus
    rows_sent: int
    row_count: int
    error: str = ""

    def __str__(self) -> str:
        if self.status is JobStatus.SENT:
            return f"Job {self.job_id}: {self.row_count} label(s) sent."
        text = f"Job {self.job_id} {self.status}: {self.rows_sent} of {self.row_count} sent"
        return f"{text}. {self.error}" if self.error else f"{text}."


@dataclass
class Control:
    """How a job reports progress and learns it was cancelled (the GUI's runner, or none)."""

    report: Callable[[int, int], None] = lambda done, total: None
    cancelled: Callable[[], bool] = lambda: False
    chunk_rows: int = CHUNK_ROWS
    precheck: bool = True


def send_job(db: Database, job_id: int, *, render: ChunkRenderer, transport: Transport,
             control: Control | None = None) -> JobOutcome:
    """Send the rows of job `job_id` not yet sent; the outcome is also in the log."""
    control = control or Control()
    with db.write() as session:
        job = log.begin_attempt(session, job_id)
    total, sent = job.row_count, job.rows_sent
    control.report(sent, total)
    try:
        if control.precheck:
            _precheck(transport, job.format, job.printer)
        while sent < total:
            if control.cancelled():
                return _finish(db, job_id, JobStatus.CANCELLED, sent, total)
            end = min(sent + control.chunk_rows, total)
            data = render(job.rows[sent:end])
            part = f"-{sent // control.chunk_rows + 1}" if total > control.chunk_rows else ""
            transport.send(data, name=f"waredesk-job-{job_id}{part}",
                           extension=EXTENSIONS.get(job.format, "bin"))
            sent = end
            with db.write() as session:
                log.record_progress(session, job_id, sent)
            control.report(sent, total)
    except (DeviceError, WareDeskError) as exc:
        return _finish(db, job_id, JobStatus.FAILED, sent, total, str(exc))
    except Exception as exc:  # a renderer bug must still close the job in the log
        log_.exception("print job %s failed", job_id)
        return _finish(db, job_id, JobStatus.FAILED, sent, total,
                       f"{type(exc).__name__}: {exc}")
    return _finish(db, job_id, JobStatus.SENT, sent, total)


class PrinterNotReady(DeviceError):
    """The printer reported a condition that stops it printing."""


def _precheck(transport: Transport, language: str, printer: str) -> None:
    status = query_status(transport, language, timeout=PRECHECK_TIMEOUT_S)
    if status.state is State.PROBLEM:
        flags = ", ".join(sorted(f.value for f in status.flags))
        raise PrinterNotReady(f"Printer {printer} reports {flags}: fix it, then retry the "
                              "job.")
    if status.state is State.OFFLINE:
        raise PrinterNotReady(status.detail)


def _finish(db: Database, job_id: int, status: JobStatus, sent: int, total: int,
            error: str = "") -> JobOutcome:
    with db.write() as session:
        log.finish_job(session, job_id, status, rows_sent=sent, error=error)
    return JobOutcome(job_id, status, sent, total, error)
