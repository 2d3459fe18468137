"""What a finished receipt prints: its discrepancy report as PDF, and its labels by rule (per
unit, per case, per lot) on one of this workstation's printers or into a PDF file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.error_display import error_text
from app.ops import receiving as ops
from app.print_jobs.sending import JobOutcome
from app.print_jobs.service import print_labels
from app.print_worker import PrintWorker
from app.printer_profiles import PrinterSettings
from app.workspace import Workspace
from models.receiving.labels import LabelRule

FILE = "__file__"


class ReceiptOutputs(QWidget):
    """Buttons under a receipt's summary; results and errors show in the line below them."""

    def __init__(self, workspace: Workspace, receipt: str, parent: QWidget | None = None
                 ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.receipt = receipt
        self.worker = PrintWorker(self)
        self.worker.finished.connect(self._printed)
        self.report_button = QPushButton(self.tr("Discrepancy report (PDF)…"))
        self.report_button.setObjectName("save_report")
        self.report_button.clicked.connect(self.save_report)
        self.rule = QComboBox()
        self.rule.setObjectName("label_rule")
        for rule, text in ((LabelRule.UNIT, self.tr("A label per unit")),
                           (LabelRule.CASE, self.tr("A label per case")),
                           (LabelRule.LOT, self.tr("A lot label per lot"))):
            self.rule.addItem(text, rule)
        self.target = QComboBox()
        self.target.setObjectName("label_target")
        for profile in PrinterSettings.of(workspace.settings).profiles:
            self.target.addItem(profile.name, profile.name)
        self.target.addItem(self.tr("PDF file…"), FILE)
        self.labels_button = QPushButton(self.tr("Print labels"))
        self.labels_button.setObjectName("print_labels")
        self.labels_button.clicked.connect(self.print_labels)
        self.status = QLabel()
        self.status.setObjectName("outputs_status")
        self.status.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.report_button)
        row.addStretch(1)
        row.addWidget(self.rule)
        row.addWidget(self.target)
        row.addWidget(self.labels_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.status)

    def save_report(self) -> None:
        """Ask where, then write the discrepancy report there."""
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the discrepancy report"),
            f"{self.receipt}-discrepancies.pdf", self.tr("PDF (*.pdf)"))
        if not path:
            return
        ops.discrepancy_report(receipt=self.receipt) \
            .success(lambda pdf: self._written(Path(path), pdf)) \
            .failure(self._failed).run_in_background(self.workspace.runner, parent=self)

    def print_labels(self) -> None:
        """Collect the labels by the chosen rule and send them to the chosen printer."""
        if self.worker.busy:
            return
        rule = LabelRule(self.rule.currentData())
        ops.receipt_labels(receipt=self.receipt, rule=rule).success(self._send) \
            .failure(self._failed).run_in_background(self.workspace.runner, parent=self)

    def _send(self, batch: ops.LabelBatch) -> None:
        skipped = "".join(f"\n{note}" for note in batch.notes)
        if not batch.rows:
            self.status.setText(self.tr("Nothing to label by this rule.") + skipped)
            return
        target = self.target.currentData()
        if target == FILE:
            path, _ = QFileDialog.getSaveFileName(
                self, self.tr("Save the labels"), f"{self.receipt}-labels.pdf",
                self.tr("PDF (*.pdf)"))
            if path:
                ops.labels_pdf(batch=batch) \
                    .success(lambda pdf: self._written(Path(path), pdf)) \
                    .failure(self._failed).run_in_background(self.workspace.runner,
                                                             parent=self)
            return
        profile = PrinterSettings.of(self.workspace.settings).find(target)
        db, actor = self.workspace.runner.db, self.workspace.actor
        self.status.setText(self.tr("Printing {n} labels on {printer}…").format(
            n=len(batch.rows), printer=profile.name) + skipped)
        self.worker.run(lambda control: print_labels(
            db, actor, template=batch.template, rows=batch.rows, printer=profile,
            control=control))

    def _printed(self, outcome: JobOutcome | BaseException) -> None:
        if isinstance(outcome, BaseException):
            self._failed(outcome)
            return
        self.status.setText(self.tr("Print job {job}: {status}, {sent} of {total} labels "
                                    "sent.").format(job=outcome.job_id, status=outcome.status,
                                                    sent=outcome.rows_sent,
                                                    total=outcome.row_count))

    def _written(self, path: Path, data: bytes) -> None:
        try:
            path.write_bytes(data)
        except OSError as exc:
            self.status.setText(self.tr("Cannot write {path}: {why}").format(
                path=path, why=exc.strerror))
            return
        self.status.setText(self.tr("Saved {path}.").format(path=path))

    def _failed(self, error: BaseException) -> None:
        self.status.setText(error_text(error))

    def shutdown(self) -> None:
        """Let the print thread end (the dialog is closing)."""
        self.worker.shutdown()
