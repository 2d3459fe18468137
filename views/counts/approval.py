"""Approving a count: first what it would post (lines that differ, units and value) with a
note, then what it posted and the count's accuracy figures."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.error_display import in_user_language
from models.counting.review import ApprovalResult, CountAccuracy
from views.lazy_table import display


def _money(value: Any) -> str:
    if value is None:
        return ""
    return f"{Decimal(value).quantize(Decimal('0.01')):,}"


class ApproveDialog(QDialog):
    """Asks to approve `code`; `approved` carries the note when the user confirms."""

    approved = Signal(str)

    def __init__(self, code: str, *, lines: int, units: int, value: Decimal,
                 pending: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Approve {code}").format(code=code))
        text = self.tr("Approving posts {lines} adjustments to or from inventory loss: "
                       "{units} units, value {value}.").format(
            lines=lines, units=f"{units:+d}", value=_money(value))
        if pending:
            text += " " + self.tr("{n} bins are not counted yet: they are not adjusted.") \
                .format(n=pending)
        self.summary = QLabel(text)
        self.summary.setWordWrap(True)
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("Optional note for the ledger"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.approve_button = buttons.addButton(self.tr("Approve and post"),
                                                QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self._approve)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.note)
        layout.addWidget(buttons)
        self.resize(520, 160)

    def _approve(self) -> None:
        self.approved.emit(self.note.text().strip())
        self.accept()


class ApprovedDialog(QDialog):
    """What an approval posted and how accurate the count was."""

    def __init__(self, code: str, result: ApprovalResult, accuracy: CountAccuracy,
                 parent: QWidget | None = None, *, language: str | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("{code} approved").format(code=code))
        self.heading = QLabel(in_user_language(result.message, language))
        self.heading.setWordWrap(True)
        self.heading.setStyleSheet("font-weight: 600;")
        form = QFormLayout()
        rows = [
            (self.tr("Bins approved"), display(result.bins_approved)),
            (self.tr("Adjustment moves posted"), display(result.moves)),
            (self.tr("Units found (added)"), f"+{display(result.units_gained)}"),
            (self.tr("Units missing (written off)"), f"-{display(result.units_lost)}"),
            (self.tr("Bins not counted, left out"), ", ".join(result.left_out)),
            (self.tr("Lines counted"), display(accuracy.lines)),
            (self.tr("Lines without variance"), display(accuracy.lines_without_variance)),
            (self.tr("Count accuracy"), _percent(accuracy.accuracy_pct)),
            (self.tr("Value found"), _money(accuracy.value_gained)),
            (self.tr("Shrinkage value"), _money(accuracy.value_lost)),
            (self.tr("Net value change"), _money(accuracy.net_value)),
        ]
        self.figures: dict[str, str] = {}
        for label, value in rows:
            if value:
                form.addRow(label, QLabel(value))
                self.figures[label] = value
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        layout.addWidget(buttons)


def _percent(value: Any) -> str:
    if value is None:
        return ""
    return f"{Decimal(value).quantize(Decimal('0.1'))} %"
