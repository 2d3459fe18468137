"""What came back of the order shown, under its form: each return (RMA-…) with the day it
came, where its units went and why. Hidden while nothing came back."""

from __future__ import annotations

from PySide6.QtWidgets import QGroupBox, QVBoxLayout, QWidget

from app.error_display import in_user_language
from models.returns.order_returns import OrderReturn
from models.sales.order_pages import OrderDetail
from views.lazy_table import display
from views.sales.review_panel import compact_table, fill_rows


class OrderReturnsBox(QGroupBox):
    """The order's returns, oldest first."""

    def __init__(self, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Returns"))
        self._language = language
        self.table = compact_table([self.tr("Return"), self.tr("Came back"),
                                    self.tr("Where the units went"), self.tr("Why")], self)
        self.table.setObjectName("order_returns")
        QVBoxLayout(self).addWidget(self.table)

    def show_order(self, data: OrderDetail | None) -> None:
        """Show the returns of `data`; hide when there are none."""
        returns = data.returns if data is not None else ()
        self.setVisible(bool(returns))
        fill_rows(self.table, [[r.code, display(r.at), self._went(r), "; ".join(
            in_user_language(reason, self._language) for reason in r.reasons)]
            for r in returns])

    def _went(self, back: OrderReturn) -> str:
        units = back.units
        parts = [self.tr("received {n}").format(n=back.received)]
        for kind, text in (("restock", self.tr("restocked {n}")),
                           ("quarantine", self.tr("quarantined {n}")),
                           ("scrap", self.tr("scrapped {n}"))):
            if units.get(kind):
                parts.append(text.format(n=units[kind]))
        if back.waiting:
            parts.append(self.tr("waiting {n}").format(n=back.waiting))
        return " · ".join(parts)
