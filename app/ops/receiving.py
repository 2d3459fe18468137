"""What the receiving screen asks besides scans: a finished receipt's discrepancy report and
labels, and replaying a batch-scanner file into the open receipt."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from app.ops.sessions import reading
from app.runner import Op, Progress
from models.db import Database
from models.errors import InputError
from models.floor import FloorView
from models.receiving import ReceivingWorkflow, discrepancy_data
from models.receiving.batch_file import ReplayResult, read_batch_file, replay
from models.receiving.finishing import summarize
from models.receiving.labels import LabelRule, label_rows
from models.receiving.receipts import find_receipt
from printing.render import render_many
from printing.templates import load_template


@dataclass(frozen=True)
class LabelBatch:
    """The labels a receipt gets by a rule: template, rows, and what got none and why."""

    template: str
    rows: list[dict[str, Any]]
    notes: list[str]


def discrepancy_report(*, receipt: str) -> Op[bytes]:
    """The receipt's discrepancy report (ordered, received, damaged, difference) as PDF."""
    def work(session: Session) -> bytes:
        summary = summarize(session, find_receipt(session, receipt))
        return render_many(load_template("receiving-discrepancy"),
                           [discrepancy_data(summary)], "pdf", 300)
    return Op.query(reading(work))


def receipt_labels(*, receipt: str, rule: LabelRule) -> Op[LabelBatch]:
    """The labels of what the receipt brought in, one per unit, case or lot."""
    def work(session: Session) -> LabelBatch:
        return LabelBatch(*label_rows(session, find_receipt(session, receipt), rule))
    return Op.query(reading(work))


def labels_pdf(*, batch: LabelBatch) -> Op[bytes]:
    """The labels as one PDF, for a system printer or a file."""
    def work(_db: Database, _progress: Progress) -> bytes:
        return render_many(load_template(batch.template), batch.rows, "pdf", 300)
    return Op.query(work)


def replay_file(*, workflow: ReceivingWorkflow, path: Path
                ) -> Op[tuple[list[ReplayResult], FloorView]]:
    """Replay a batch-scanner file into the workflow's open receipt, a result per line."""
    def work(_db: Database, progress: Progress) -> tuple[list[ReplayResult], FloorView]:
        if workflow.state is None:
            raise InputError("Open the purchase order first (scan it, or F2 with its "
                             "number), then replay the file into it.")
        fingerprint, lines = read_batch_file(path)
        progress.update("Replaying the batch file…", 0, len(lines))
        results = replay(workflow, lines, fingerprint=fingerprint)
        return results, workflow.view()
    return Op.change(work, changes={"stock"}).with_progress("Replaying the batch file…")
