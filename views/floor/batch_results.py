"""The result of replaying a batch-scanner file: every line with its code and what receiving
answered, refused lines in red, so the worker knows which items to receive by hand."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.error_display import in_user_language
from models.feedback import Level
from models.receiving.batch_file import ReplayResult

TINTS = {Level.WARNING: "#fff8e1", Level.ERROR: "#ffebee"}


class BatchResultsDialog(QDialog):
    """One row per file line; Enter or Esc closes it."""

    def __init__(self, results: Sequence[ReplayResult], parent: QWidget | None = None
                 ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Batch file replayed"))
        refused = sum(r.level is Level.ERROR for r in results)
        self.heading = QLabel(self.tr("{n} lines: {ok} received, {bad} refused.").format(
            n=len(results), ok=len(results) - refused, bad=refused))
        headers = [self.tr("Line"), self.tr("Code"), self.tr("Quantity"), self.tr("Result")]
        self.table = QTableWidget(len(results), len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        for row, result in enumerate(results):
            qty = "" if result.line.qty is None else str(result.line.qty)
            for column, text in enumerate((str(result.line.line_no), result.line.code, qty,
                                           in_user_language(result.message))):
                item = QTableWidgetItem(text)
                if result.level in TINTS:
                    item.setBackground(QColor(TINTS[result.level]))
                self.table.setItem(row, column, item)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(900, 480)
