"""This workstation's settings: language, workstation name and database."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.error_display import error_text
from app.workspace import Workspace
from app.workstation_settings import apply_settings
from models.errors import WareDeskError
from models.permissions import Perm

# Each language is named in itself, so anyone can find their own.
LANGUAGE_NAMES = {"en": "English", "zh_CN": "简体中文"}


class SettingsPage(QWidget):
    """Saved to this workstation's settings file; the database URL only by administrators."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        settings = workspace.settings
        heading = QLabel(self.tr("Settings"), self)
        heading.setObjectName("PageTitle")
        intro = QLabel(self.tr("These settings belong to this workstation; other "
                               "workstations keep their own."), self)
        intro.setObjectName("Muted")
        self.language = QComboBox(self)
        self.language.setObjectName("language")
        for code, name in LANGUAGE_NAMES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(self.language.findData(settings.language), 0))
        self.workstation = QLineEdit(settings.workstation, self)
        self.workstation.setObjectName("workstation")
        self.database_url = QLineEdit(settings.database_url, self)
        self.database_url.setObjectName("database_url")
        self.database_url.setPlaceholderText(self.tr("empty: the embedded database"))
        self.database_url.setReadOnly(not workspace.actor.can(Perm.SYSTEM_ADMIN))
        in_use = QLabel(self.tr("In use now: {db}").format(db=workspace.database), self)
        in_use.setObjectName("Muted")
        in_use.setWordWrap(True)
        self.status = QLabel(self)
        self.status.setObjectName("settings_status")
        self.status.setWordWrap(True)
        self.status.hide()
        self.save_button = QPushButton(self.tr("Save"), self)
        self.save_button.setObjectName("save")
        self.save_button.setProperty("role", "primary")
        self.save_button.setToolTip("Ctrl+S")
        self.save_button.clicked.connect(self.save)

        display = QGroupBox(self.tr("Display"), self)
        display_form = QFormLayout(display)
        display_form.addRow(self.tr("Language"), self.language)
        station = QGroupBox(self.tr("Workstation"), self)
        station_form = QFormLayout(station)
        station_form.addRow(self.tr("Workstation name"), self.workstation)
        station_form.addRow(self.tr("Database"), self.database_url)
        station_form.addRow("", in_use)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        column = QWidget(self)
        column.setMaximumWidth(760)
        inner = QVBoxLayout(column)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.setSpacing(10)
        inner.addWidget(heading)
        inner.addWidget(intro)
        inner.addWidget(display)
        inner.addWidget(station)
        inner.addWidget(self.status)
        inner.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(column)
        layout.addStretch(1)

    def save(self) -> None:
        """Save the settings; a new language shows at once, a new database or workstation
        name after signing in again."""
        try:
            change = apply_settings(self._workspace.settings,
                                    language=self.language.currentData(),
                                    workstation=self.workstation.text(),
                                    database_url=self.database_url.text())
        except WareDeskError as exc:
            self._say(error_text(exc), "error")
            return
        if change.reopen:
            answer = QMessageBox.question(
                self, self.tr("Sign in again"),
                self.tr("The new database or workstation name is used from the next "
                        "sign-in. Sign out now?"))
            if answer == QMessageBox.StandardButton.Yes:
                self._workspace.reopen()
                return
        if change.language:
            self._workspace.on_language_changed()  # rebuilds the window; this page goes
            return
        self._say(self.tr("Saved.") if change.anything else self.tr("Nothing changed."), "ok")

    def _say(self, message: str, tone: str) -> None:
        self.status.setText(message)
        self.status.setProperty("tone", tone)
        self.status.style().unpolish(self.status)
        self.status.style().polish(self.status)
        self.status.show()
