"""The supervisor's approval of an over-receipt: a supervisor types their own user name and
password at the receiver's screen; the workflow checks them and their permission."""

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


class ApprovalDialog(QDialog):
    """User name and password of the supervisor who approves; emits `approved`."""

    approved = Signal(str, str)  # username, password

    def __init__(self, why: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Supervisor approval"))
        font = QFont(self.font())
        font.setPointSize(16)
        self.setFont(font)
        self.why = QLabel(why or self.tr("More than the order allows is being received."))
        self.why.setWordWrap(True)
        self.username = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow(self.tr("Supervisor"), self.username)
        form.addRow(self.tr("Password"), self.password)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Approve"))
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.why)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(520, self.sizeHint().height())

    def submit(self) -> None:
        """Hand the typed credentials on (empty ones are not sent)."""
        username = self.username.text().strip()
        if not username or not self.password.text():
            (self.username if not username else self.password).setFocus()
            return
        self.approved.emit(username, self.password.text())
        self.accept()
