"""What a finished receipt brought in: each product ordered, received and damaged, with the
differences marked, and where the purchase order stands now."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QColor, QFont
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

SHORT_OR_OVER = "#ffe0b2"


class SummaryDialog(QDialog):
    """Shows a models.receiving ReceiptSummary; Enter or Esc closes it."""

    def __init__(self, summary: Any, parent: QWidget | None = None, *,
                 outputs: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Receipt {receipt} finished").format(
            receipt=summary.receipt))
        font = QFont(self.font())
        font.setPointSize(15)
        self.setFont(font)
        order = summary.order or self.tr("unplanned")
        self.heading = QLabel(self.tr("{receipt} – {order}").format(
            receipt=summary.receipt, order=order))
        heading_font = QFont(font)
        heading_font.setPointSize(20)
        heading_font.setBold(True)
        self.heading.setFont(heading_font)
        self.message = QLabel(in_user_language(summary.message))
        self.message.setWordWrap(True)
        self.table = self._table(summary.lines)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        #: The report and label buttons (views.floor.receipt_outputs), when given.
        self.outputs = outputs
        if outputs is not None:
            layout.addWidget(outputs)
            self.finished.connect(lambda _result: getattr(outputs, "shutdown", lambda: None)())
        layout.addWidget(buttons)
        self.resize(820, 480)

    def _table(self, lines: Any) -> QTableWidget:
        headers = [self.tr("SKU"), self.tr("Name"), self.tr("Ordered"), self.tr("Received"),
                   self.tr("Damaged")]
        table = QTableWidget(len(lines), len(headers))
        table.setHorizontalHeaderLabels(headers)
        table.verticalHeader().hide()
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for row, line in enumerate(lines):
            ordered = "" if line.ordered is None else str(line.ordered)
            differs = line.received != (line.ordered or 0) or line.damaged
            for column, text in enumerate((line.sku, line.name, ordered, str(line.received),
                                           str(line.damaged) if line.damaged else "")):
                item = QTableWidgetItem(text)
                if differs:
                    item.setBackground(QColor(SHORT_OR_OVER))
                table.setItem(row, column, item)
        return table
