"""What the review made of an order, under its form: why it waits, where and how it ships,
the stock reserved for it bin by bin, and the trace of every rule that matched."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.error_display import in_user_language
from models.sales.order_pages import OrderDetail
from views.lazy_table import display

SHOWN_ROWS = 8


def compact_table(headers: list[str], parent: QWidget) -> QTableWidget:
    """A read-only table for a few rows under a form."""
    table = QTableWidget(0, len(headers), parent)
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    return table


def fill_rows(table: QTableWidget, rows: list[list[str]]) -> None:
    """Show these rows, the table as tall as they are."""
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            table.setItem(r, c, item)
    # As tall as its rows (at least one, at most SHOWN_ROWS; more scroll), no empty space.
    shown = min(max(len(rows), 1), SHOWN_ROWS)
    table.setFixedHeight(table.horizontalHeader().height() + 2 * table.frameWidth()
                         + shown * table.verticalHeader().defaultSectionSize())


class ReviewPanel(QGroupBox):
    """The review's outcome for the order shown; hidden for a new order being typed."""

    def __init__(self, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Review"))
        self._language = language
        self.reason = QLabel(self)
        self.reason.setObjectName("review_reason")
        self.reason.setWordWrap(True)
        self.shipping = QLabel(self)
        self.shipping.setObjectName("review_shipping")
        self.reserved = compact_table([self.tr("Line"), self.tr("SKU"), self.tr("Bin"),
                                self.tr("Lot"), self.tr("Expiry"), self.tr("Reserved")], self)
        self.reserved.setObjectName("reservations")
        self.trace = compact_table([self.tr("When"), self.tr("By"), self.tr("Rule"),
                             self.tr("What it did")], self)
        self.trace.setObjectName("trace")
        form = QFormLayout()
        form.addRow(self.tr("Why it waits"), self.reason)
        form.addRow(self.tr("Ships"), self.shipping)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("Reserved stock"), self))
        layout.addWidget(self.reserved)
        layout.addWidget(QLabel(self.tr("Review trace"), self))
        layout.addWidget(self.trace)

    def show_order(self, data: OrderDetail | None) -> None:
        """Show the review of `data`; hide for a new order."""
        self.setVisible(data is not None)
        if data is None:
            return
        self.reason.setText(in_user_language(data.reason, self._language) if data.reason else "–")
        parts = [self.tr("from {warehouse}").format(warehouse=data.warehouse)] \
            if data.warehouse else []
        if data.carrier:
            parts.append(self.tr("by {carrier}").format(carrier=data.carrier))
        if data.tracking_number:
            parts.append(self.tr("tracking {number}").format(number=data.tracking_number))
        parts.append(self.tr("priority {n}").format(n=data.priority))
        self.shipping.setText(", ".join(parts))
        fill_rows(self.reserved, [[str(r.line_no), r.sku, r.location, r.lot or "",
                               display(r.expiry), str(r.qty)] for r in data.reservations])
        fill_rows(self.trace, [[display(t.at), t.user, t.rule,
                            in_user_language(t.effect, self._language)] for t in data.trace])
