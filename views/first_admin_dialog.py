"""The first run: nobody can sign in to this database yet, so the first person creates the
administrator account (and is signed in as it)."""

from __future__ import annotations

from PySide6.QtCore import Qt
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
from app.ops.accounts import SignedIn, create_administrator
from app.runner import Runner
from models.users import MIN_PASSWORD_LENGTH


class FirstAdminDialog(QDialog):
    """Creates the administrator through the runner; `signed_in` holds them, once accepted."""

    def __init__(self, runner: Runner, *, workstation: str, database: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._workstation = workstation
        self.signed_in: SignedIn | None = None
        self.setWindowTitle(self.tr("Create the administrator – WareDesk"))
        self.setMinimumWidth(480)

        title = QLabel(self.tr("Welcome to WareDesk"), self)
        title.setObjectName("PageTitle")
        intro = QLabel(self.tr(
            "Nobody can sign in to this database yet ({db}). Create the administrator "
            "account: it can add users for everyone else.").format(db=database), self)
        intro.setWordWrap(True)
        self.username = QLineEdit("admin", self)
        self.username.setObjectName("username")
        self.password = QLineEdit(self)
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(
            self.tr("at least {n} characters").format(n=MIN_PASSWORD_LENGTH))
        self.repeat = QLineEdit(self)
        self.repeat.setObjectName("repeat")
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = QLabel(self)
        self.error.setObjectName("admin_error")
        self.error.setProperty("tone", "error")
        self.error.setWordWrap(True)
        self.error.hide()
        self.create_button = QPushButton(self.tr("Create administrator"), self)
        self.create_button.setObjectName("create_admin")
        self.create_button.setProperty("role", "primary")
        self.create_button.setAutoDefault(False)
        self.create_button.clicked.connect(self.submit)
        self.username.returnPressed.connect(self.password.setFocus)
        self.password.returnPressed.connect(self.repeat.setFocus)
        self.repeat.returnPressed.connect(self.submit)

        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        form.addRow(self.tr("User name"), self.username)
        form.addRow(self.tr("Password"), self.password)
        form.addRow(self.tr("Password again"), self.repeat)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.create_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 20)
        layout.setSpacing(12)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.password.setFocus()

    def submit(self) -> None:
        """Create the account in the background."""
        if not self.create_button.isEnabled():
            return  # already creating
        if self.password.text() != self.repeat.text():
            self._show(self.tr("The two passwords differ; type the same password twice."))
            self.repeat.clear()
            self.repeat.setFocus()
            return
        self.error.hide()
        self.create_button.setEnabled(False)
        create_administrator(username=self.username.text(), password=self.password.text(),
                             workstation=self._workstation) \
            .success(self._succeeded).failure(self._failed) \
            .run_in_background(self._runner, parent=self)

    def _succeeded(self, user: SignedIn) -> None:
        self.signed_in = user
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.create_button.setEnabled(True)
        self._show(error_text(error))

    def _show(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()
