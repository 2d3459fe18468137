"""The print log: the newest jobs of every workstation, with reprint and retry."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from models.printjobs.log import JobRecord
from views.printing.status_text import job_status_text

RETRYABLE = ("failed", "cancelled")


class PrintLogPanel(QWidget):
    """A table of jobs; `reprint(job_id)` and `retry(job_id)` ask the page to act."""

    reprint = Signal(int)
    retry = Signal(int)
    refresh_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._jobs: list[JobRecord] = []
        self.table = QTableWidget(0, 8)
        self.table.setObjectName("print_log")
        self.table.setHorizontalHeaderLabels([
            self.tr("Job"), self.tr("Time"), self.tr("Status"), self.tr("Labels sent"),
            self.tr("Template"), self.tr("Printer"), self.tr("By"), self.tr("Problem")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.table.itemSelectionChanged.connect(self._selected)
        self.reprint_button = QPushButton(self.tr("Reprint"))
        self.reprint_button.setObjectName("reprint")
        self.retry_button = QPushButton(self.tr("Retry"))
        self.retry_button.setObjectName("retry")
        refresh = QPushButton(self.tr("Refresh"))
        self.reprint_button.clicked.connect(lambda: self._emit(self.reprint))
        self.retry_button.clicked.connect(lambda: self._emit(self.retry))
        refresh.clicked.connect(self.refresh_requested)
        buttons = QHBoxLayout()
        buttons.addWidget(refresh)
        buttons.addStretch(1)
        buttons.addWidget(self.retry_button)
        buttons.addWidget(self.reprint_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self._selected()

    def show_jobs(self, jobs: list[JobRecord]) -> None:
        """Show `jobs`, newest first, keeping the selected job selected."""
        keep = self.selected_job()
        self._jobs = jobs
        self.table.setRowCount(len(jobs))
        for row, job in enumerate(jobs):
            copies = f" ×{job.copies}" if job.copies > 1 else ""
            values = [str(job.id), job.created_at.astimezone().strftime("%m-%d %H:%M:%S"),
                      job_status_text(job.status), f"{job.rows_sent}/{job.row_count}{copies}",
                      job.template, job.printer, f"{job.username}@{job.workstation}",
                      job.error]
            for column, text in enumerate(values):
                item = QTableWidgetItem(text)
                if column == 2 and job.status in RETRYABLE:
                    item.setForeground(Qt.GlobalColor.red)
                self.table.setItem(row, column, item)
            if keep is not None and job.id == keep.id:
                self.table.selectRow(row)
        self.table.resizeColumnsToContents()
        self._selected()

    def selected_job(self) -> JobRecord | None:
        """The job chosen in the table."""
        rows = self.table.selectionModel().selectedRows()
        return self._jobs[rows[0].row()] if rows and rows[0].row() < len(self._jobs) else None

    def _selected(self) -> None:
        job = self.selected_job()
        self.reprint_button.setEnabled(job is not None)
        self.retry_button.setEnabled(job is not None and job.status in RETRYABLE)

    def _emit(self, signal: Signal) -> None:
        job = self.selected_job()
        if job is not None:
            signal.emit(job.id)
