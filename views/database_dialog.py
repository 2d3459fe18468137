"""When the database cannot be opened (unreachable, too new a schema, a bad URL): say why in
one line and let the user try again, with the same or another database."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


class DatabaseDialog(QDialog):
    """Shows `message`; accepted with `url()` to try, rejected to quit."""

    def __init__(self, *, message: str, url: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Database – WareDesk"))
        self.setMinimumWidth(560)
        title = QLabel(self.tr("Choose the database") if not message
                       else self.tr("The database cannot be opened"), self)
        title.setObjectName("PageTitle")
        error = QLabel(message, self)
        error.setObjectName("database_error")
        error.setProperty("tone", "error")
        error.setWordWrap(True)
        error.setVisible(bool(message))
        explain = QLabel(self.tr(
            "A SQLite file path for this workstation alone, or "
            "postgresql://user:password@server/database for a warehouse's shared database."),
            self)
        explain.setObjectName("Muted")
        explain.setWordWrap(True)
        self.url_edit = QLineEdit(url, self)
        self.url_edit.setObjectName("database_url")
        retry = QPushButton(self.tr("Open this database"), self)
        retry.setObjectName("retry")
        retry.setProperty("role", "primary")
        retry.setDefault(True)
        retry.clicked.connect(self.accept)
        quit_button = QPushButton(self.tr("Quit"), self)
        quit_button.setObjectName("quit")
        quit_button.setAutoDefault(False)
        quit_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(quit_button)
        buttons.addWidget(retry)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 18)
        layout.setSpacing(10)
        layout.addWidget(title)
        layout.addWidget(error)
        layout.addWidget(explain)
        layout.addWidget(self.url_edit)
        layout.addLayout(buttons)

    def url(self) -> str:
        """The database URL to open."""
        return self.url_edit.text().strip()
