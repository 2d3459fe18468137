"""The question behind F3 (unplanned receipt) and F7 (putaway to another bin): why, and for an
unplanned receipt optionally which supplier delivered."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)


class ReasonDialog(QDialog):
    """A reason (required) and, when asked for, a supplier code; emits `given`."""

    given = Signal(str, str)  # reason, supplier code ("" when not asked or left empty)

    def __init__(self, title: str, question: str, *, ask_supplier: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        font = QFont(self.font())
        font.setPointSize(16)
        self.setFont(font)
        self.question = QLabel(question)
        self.question.setWordWrap(True)
        self.reason = QLineEdit()
        self.supplier = QLineEdit()
        form = QFormLayout()
        form.addRow(self.tr("Reason"), self.reason)
        if ask_supplier:
            self.supplier.setPlaceholderText(self.tr("optional"))
            form.addRow(self.tr("Supplier code"), self.supplier)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.question)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(560, self.sizeHint().height())

    def submit(self) -> None:
        """Hand the reason on; without one the dialog stays open."""
        reason = self.reason.text().strip()
        if not reason:
            self.reason.setFocus()
            return
        self.given.emit(reason, self.supplier.text().strip())
        self.accept()
