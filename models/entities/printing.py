"""The print log and the label templates customised for every workstation."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from models.entities.base import Base, BigId, UtcDateTime, utcnow


class JobStatus(StrEnum):
    """Where a print job is."""

    QUEUED = "queued"  # recorded, being rendered and sent
    SENT = "sent"  # every label handed to the printer
    FAILED = "failed"  # stopped by an error (see `error`); can be retried
    CANCELLED = "cancelled"  # stopped by the user


class PrintJob(Base):
    """One print job: what was printed (template and data rows), on which printer, by whom,
    and how it ended. The template's body is kept as printed, so a reprint is identical."""

    __tablename__ = "print_job"
    __table_args__ = (
        CheckConstraint("status IN ('queued', 'sent', 'failed', 'cancelled')", name="status"),
        CheckConstraint("copies >= 1", name="copies_positive"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    template: Mapped[str] = mapped_column(String(64))
    template_body: Mapped[str] = mapped_column(Text, default="", server_default="")
    rows: Mapped[str] = mapped_column(Text)  # JSON list of the data rows
    row_count: Mapped[int] = mapped_column(Integer)
    format: Mapped[str] = mapped_column(String(8))
    dpi: Mapped[int] = mapped_column(Integer)
    printer: Mapped[str] = mapped_column(String(64))
    address: Mapped[str] = mapped_column(String(255))
    copies: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    status: Mapped[str] = mapped_column(String(12), default=JobStatus.QUEUED,
                                        server_default=JobStatus.QUEUED)
    rows_sent: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    error: Mapped[str] = mapped_column(Text, default="", server_default="")
    reprint_of: Mapped[int | None] = mapped_column(ForeignKey("print_job.id"))
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"))
    workstation: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, index=True)
    finished_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class LabelTemplate(Base):
    """A template as customised in this database: its JSON body replaces the built-in one of
    the same name on every workstation until it is reset."""

    __tablename__ = "label_template"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    body: Mapped[str] = mapped_column(Text)
    updated_by: Mapped[int] = mapped_column(ForeignKey("app_user.id"))
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
