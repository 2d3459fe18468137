"""The review buttons above the order list: review the new orders by the rules, and decide
about the orders chosen in the list (retry, release a hold, approve by hand, hold, cancel).
Each button shows only for a role that may use it; hold and cancel ask for the reason."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QInputDialog, QPushButton, QWidget

from app.error_display import in_user_language
from models.actor import Actor
from models.permissions import Perm
from models.sales.review import ReviewSummary


class ReviewBar(QWidget):
    """Emits what the user chose; the page runs it on the chosen orders."""

    #: Review every new order by the rules.
    review_new = Signal()
    #: (action, reason): retry, release, approve, hold or cancel the chosen orders.
    decided = Signal(str, str)

    def __init__(self, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        may_review, may_approve = actor.can(Perm.ORDERS_REVIEW), actor.can(Perm.ORDERS_APPROVE)
        self.review_button = QPushButton(self.tr("Review new"), self)
        self.review_button.setToolTip(self.tr("Review every new order by the rules (F9)"))
        self.review_button.setShortcut("F9")
        self.review_button.clicked.connect(self.review_new)
        self.buttons: dict[str, QPushButton] = {}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.review_button)
        for action, label, tip, allowed in (
                ("retry", self.tr("Retry"), self.tr("The rules and the stock again"),
                 may_review),
                ("release", self.tr("Release"), self.tr("Lift the hold and reserve"),
                 may_approve),
                ("approve", self.tr("Approve"), self.tr("Approve by hand and reserve"),
                 may_approve),
                ("hold", self.tr("Hold…"), self.tr("Hold with a reason"), may_review),
                ("cancel", self.tr("Cancel order…"), self.tr("Cancel and release the stock"),
                 may_review)):
            button = self.buttons[action] = QPushButton(label, self)
            button.setObjectName(f"order_{action}")
            button.setToolTip(tip)
            button.setVisible(allowed)
            button.clicked.connect(lambda _c=False, a=action: self._chosen(a))
            layout.addWidget(button)
        layout.addStretch(1)
        self.review_button.setVisible(may_review)
        self.setVisible(may_review or may_approve)

    def ask_reason(self, action: str) -> str | None:
        """The reason for a hold (required) or a cancellation (optional); None to give up."""
        title = self.tr("Hold orders") if action == "hold" else self.tr("Cancel orders")
        label = self.tr("Why are they held? (the queue shows it)") if action == "hold" \
            else self.tr("Why are they cancelled? (optional)")
        text, ok = QInputDialog.getText(self, title, label)
        return text if ok else None

    def _chosen(self, action: str) -> None:
        reason = ""
        if action in ("hold", "cancel"):
            answer = self.ask_reason(action)
            if answer is None:
                return
            reason = answer
        self.decided.emit(action, reason)

    def summary_text(self, summary: ReviewSummary, language: str) -> str:
        """'2 approved, 1 held, 0 exceptions.', why each exception is one, a hold reason
        replaced, and the orders left alone, with why."""
        text = self.tr("{approved} approved, {held} held, {exception} exceptions, "
                       "{backorder} backordered, {cancelled} cancelled.").format(
            approved=summary.approved, held=summary.held, exception=summary.exception,
            backorder=summary.backorder, cancelled=summary.cancelled)
        for order, note in summary.notes.items():
            text += f" {order}: {in_user_language(note, language)}."
        if summary.skipped:
            text += " " + self.tr("Left alone: {orders}.").format(orders="; ".join(
                f"{number} {in_user_language(why, language)}"
                for number, why in sorted(summary.skipped.items())))
        return text
