"""The print log: a job is recorded before its first label is sent, its progress as chunks
go out, and how it ended (sent, failed with the reason, cancelled)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.actor import Actor
from models.entities import JobStatus, PrintJob, User, utcnow
from models.errors import InputError, NotFound

MAX_ERROR = 2000


@dataclass(frozen=True)
class JobRequest:
    """What to print, where and how often."""

    template: str
    rows: list[dict[str, Any]]
    format: str
    dpi: int
    printer: str
    address: str
    copies: int = 1
    template_body: str = ""
    reprint_of: int | None = None


@dataclass(frozen=True)
class JobRecord:
    """A logged job as the log and a retry or reprint read it."""

    id: int
    template: str
    template_body: str
    rows: list[dict[str, Any]]
    format: str
    dpi: int
    printer: str
    address: str
    copies: int
    status: JobStatus
    rows_sent: int
    attempts: int
    error: str
    reprint_of: int | None
    username: str
    workstation: str
    created_at: datetime
    finished_at: datetime | None

    @property
    def row_count(self) -> int:
        """How many labels (data rows) the job holds, before copies."""
        return len(self.rows)

    def request(self, **changes: Any) -> JobRequest:
        """The request that prints this job again (with `changes`, e.g. another printer)."""
        values = {"template": self.template, "rows": self.rows, "format": self.format,
                  "dpi": self.dpi, "printer": self.printer, "address": self.address,
                  "copies": self.copies, "template_body": self.template_body,
                  "reprint_of": self.id}
        return JobRequest(**(values | changes))


def start_job(session: Session, actor: Actor, request: JobRequest) -> int:
    """Record a queued job; its id."""
    if not request.rows:
        raise InputError("There is nothing to print: the data has no rows.")
    if request.copies < 1:
        raise InputError("Print at least one copy.")
    job = PrintJob(
        template=request.template, template_body=request.template_body,
        rows=json.dumps(request.rows, ensure_ascii=False, default=str),
        row_count=len(request.rows), format=request.format, dpi=request.dpi,
        printer=request.printer, address=request.address, copies=request.copies,
        status=JobStatus.QUEUED, reprint_of=request.reprint_of, user_id=actor.user_id,
        workstation=actor.workstation, created_at=utcnow())
    session.add(job)
    session.flush()
    return job.id


def begin_attempt(session: Session, job_id: int) -> JobRecord:
    """Mark the job queued again for another attempt (a retry) and return it."""
    job = _job(session, job_id)
    job.status, job.error, job.finished_at = JobStatus.QUEUED, "", None
    job.attempts += 1
    session.flush()
    return load_job(session, job_id)


def record_progress(session: Session, job_id: int, rows_sent: int) -> None:
    """Note how many data rows have reached the printer."""
    _job(session, job_id).rows_sent = rows_sent


def finish_job(session: Session, job_id: int, status: JobStatus, *, rows_sent: int,
               error: str = "") -> None:
    """Record how the job ended."""
    job = _job(session, job_id)
    job.status, job.rows_sent = status, rows_sent
    job.error = error[:MAX_ERROR]
    job.finished_at = utcnow()


def load_job(session: Session, job_id: int) -> JobRecord:
    """A logged job; NotFound when there is none with this number."""
    job = _job(session, job_id)
    username = session.scalar(select(User.username).where(User.id == job.user_id)) or ""
    return _record(job, username)


def job_log(session: Session, *, limit: int = 200, before_id: int | None = None,
            workstation: str | None = None) -> list[JobRecord]:
    """The newest jobs first (older ones after `before_id`), optionally of one workstation."""
    query = (select(PrintJob, User.username).join(User, User.id == PrintJob.user_id)
             .order_by(PrintJob.id.desc()).limit(limit))
    if before_id is not None:
        query = query.where(PrintJob.id < before_id)
    if workstation:
        query = query.where(PrintJob.workstation == workstation)
    return [_record(job, username) for job, username in session.execute(query)]


def _job(session: Session, job_id: int) -> PrintJob:
    job = session.get(PrintJob, job_id)
    if job is None:
        raise NotFound(f"There is no print job {job_id} in the log.")
    return job


def _record(job: PrintJob, username: str) -> JobRecord:
    return JobRecord(
        id=job.id, template=job.template, template_body=job.template_body,
        rows=json.loads(job.rows), format=job.format, dpi=job.dpi, printer=job.printer,
        address=job.address, copies=job.copies, status=JobStatus(job.status),
        rows_sent=job.rows_sent, attempts=job.attempts, error=job.error,
        reprint_of=job.reprint_of, username=username, workstation=job.workstation,
        created_at=job.created_at, finished_at=job.finished_at)
