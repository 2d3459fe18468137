"""The sign-in window: user name, password, Enter. A wrong password is said right there."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.error_display import error_text
from app.ops.accounts import SignedIn, sign_in
from app.runner import Runner
from models.users import LoginFailed


class LoginDialog(QDialog):
    """Signs a user in through the runner; `signed_in` holds who, once accepted."""

    change_database = Signal()

    def __init__(self, runner: Runner, *, workstation: str, database: str, hint: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._workstation = workstation
        self.signed_in: SignedIn | None = None
        self.setWindowTitle(self.tr("Sign in – WareDesk"))
        self.setMinimumWidth(440)

        title = QLabel("WareDesk", self)
        title.setObjectName("PageTitle")
        subtitle = QLabel(self.tr("Sign in to start working."), self)
        subtitle.setObjectName("Muted")
        self.hint = QLabel(hint, self)
        self.hint.setObjectName("login_hint")
        self.hint.setProperty("tone", "info")
        self.hint.setWordWrap(True)
        self.hint.setVisible(bool(hint))
        self.username = QLineEdit(self)
        self.username.setObjectName("username")
        self.password = QLineEdit(self)
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = QLabel(self)
        self.error.setObjectName("login_error")
        self.error.setProperty("tone", "error")
        self.error.setWordWrap(True)
        self.error.hide()
        self.sign_in_button = QPushButton(self.tr("Sign in"), self)
        self.sign_in_button.setObjectName("sign_in")
        self.sign_in_button.setProperty("role", "primary")
        # Enter is handled per field (a scanner ends a badge scan with Enter in the user
        # name), so no button is the dialog's default.
        self.sign_in_button.setAutoDefault(False)
        self.sign_in_button.clicked.connect(self.submit)
        self.username.returnPressed.connect(self._username_entered)
        self.password.returnPressed.connect(self.submit)
        where = QLabel(self.tr("Database: {db}\nWorkstation: {ws}").format(
            db=database, ws=workstation), self)
        where.setObjectName("Muted")
        where.setWordWrap(True)
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        other_db = QPushButton(self.tr("Use another database…"), self)
        other_db.setObjectName("change_database")
        other_db.setAutoDefault(False)
        other_db.clicked.connect(self.change_database)

        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        form.addRow(self.tr("User name"), self.username)
        form.addRow(self.tr("Password"), self.password)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.sign_in_button)
        footer = QHBoxLayout()
        footer.addWidget(where, 1)
        footer.addWidget(other_db, 0, Qt.AlignmentFlag.AlignBottom)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 20)
        layout.setSpacing(12)
        layout.addWidget(title)
        layout.addWidget(subtitle)
        layout.addWidget(self.hint)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        layout.addSpacing(8)
        layout.addLayout(footer)
        self.username.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Esc starts over (it does not quit the app, which the window's close button does)."""
        if event.key() == Qt.Key.Key_Escape:
            self.username.clear()
            self.password.clear()
            self.error.hide()
            self.username.setFocus()
            return
        super().keyPressEvent(event)

    def _username_entered(self) -> None:
        if self.password.text():
            self.submit()
        else:
            self.password.setFocus()

    def submit(self) -> None:
        """Check the user name and password in the background."""
        if not self.sign_in_button.isEnabled():
            return  # already checking
        if not self.username.text().strip():
            self.username.setFocus()
            return
        self.error.hide()
        self.sign_in_button.setEnabled(False)
        self.sign_in_button.setText(self.tr("Signing in…"))
        sign_in(username=self.username.text(), password=self.password.text(),
                workstation=self._workstation) \
            .success(self._succeeded).failure(self._failed) \
            .run_in_background(self._runner, parent=self)

    def _succeeded(self, user: SignedIn) -> None:
        self.signed_in = user
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.sign_in_button.setEnabled(True)
        self.sign_in_button.setText(self.tr("Sign in"))
        # The one failure everyone meets is said in the window's language.
        self.error.setText(self.tr("Wrong user name or password.")
                           if isinstance(error, LoginFailed) else error_text(error))
        self.error.show()
        self.password.clear()
        self.password.setFocus()
