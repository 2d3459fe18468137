"""The saved custom mappings: edit one (against the file chosen for import), rename or delete
it."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.error_display import error_text
from app.ops.order_mappings import delete_mapping, list_mappings, rename_mapping
from app.workspace import Workspace
from models.sales.profiles import OrderProfile


class MappingListDialog(QDialog):
    """Lists the custom mappings. `edit_requested` asks the import dialog to open one in the
    mapping editor (with its file as the sample); `changed` follows a rename or delete."""

    edit_requested = Signal(object)
    changed = Signal()

    def __init__(self, workspace: Workspace, *, can_edit: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self.setWindowTitle(self.tr("Column mappings"))
        self.resize(560, 380)
        self.profiles: list[OrderProfile] = []
        self.list = QListWidget(self)
        self.list.setObjectName("mapping_list")
        self.list.itemActivated.connect(lambda _item: self.edit())
        self.status = QLabel(self)
        self.status.setObjectName("mapping_list_status")
        self.status.setWordWrap(True)
        self.edit_button = QPushButton(self.tr("Edit…"), self)
        self.edit_button.setObjectName("edit_mapping")
        self.edit_button.setEnabled(can_edit)
        if not can_edit:
            self.edit_button.setToolTip(self.tr("Choose a file in the import dialog first: "
                                                "the mapping is edited against it."))
        self.edit_button.clicked.connect(self.edit)
        rename = QPushButton(self.tr("Rename…"), self)
        rename.setObjectName("rename_mapping")
        rename.clicked.connect(self.rename)
        delete = QPushButton(self.tr("Delete"), self)
        delete.setObjectName("delete_mapping")
        delete.setToolTip("Del")
        delete.clicked.connect(self.delete)
        QShortcut(QKeySequence.StandardKey.Delete, self.list, activated=self.delete)
        close = QPushButton(self.tr("Close"), self)
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        for button in (self.edit_button, rename, delete):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.reload()

    def reload(self) -> None:
        """Load the mappings again."""
        list_mappings().success(self._listed) \
            .run_in_background(self._workspace.runner, parent=self, key=("mappings", id(self)))

    def _listed(self, profiles: list[OrderProfile]) -> None:
        self.profiles = profiles
        self.list.clear()
        for profile in profiles:
            item = QListWidgetItem(f"{profile.name} – {profile.title}", self.list)
            item.setToolTip(", ".join(profile.signature))
        if not profiles and not self.status.text():
            self.status.setText(self.tr("No mappings yet: choose a file no profile knows, "
                                        "then Map columns…"))
        self.list.setCurrentRow(0)

    def current(self) -> OrderProfile | None:
        """The mapping chosen in the list."""
        row = self.list.currentRow()
        return self.profiles[row] if 0 <= row < len(self.profiles) else None

    def edit(self) -> None:
        """Open the chosen mapping in the mapping editor."""
        profile = self.current()
        if profile is not None and self.edit_button.isEnabled():
            self.edit_requested.emit(profile)
            self.accept()

    def rename(self) -> None:
        """Ask for a new name of the chosen mapping."""
        profile = self.current()
        if profile is None:
            return
        name, ok = QInputDialog.getText(self, self.tr("Rename mapping"),
                                        self.tr("New name of {name}:").format(
                                            name=profile.name), text=profile.name)
        if ok and name.strip() and name.strip() != profile.name:
            rename_mapping(actor=self._workspace.actor, name=profile.name, new_name=name) \
                .success(lambda renamed: self._done(self.tr("Renamed to {name}.").format(
                    name=renamed.name))) \
                .failure(lambda e: self.status.setText(error_text(e))) \
                .run_in_background(self._workspace.runner, parent=self)

    def delete(self) -> None:
        """Delete the chosen mapping, once confirmed."""
        profile = self.current()
        if profile is None:
            return
        answer = QMessageBox.question(
            self, self.tr("Delete mapping"),
            self.tr("Delete the mapping {name}? Orders imported with it stay.").format(
                name=profile.name))
        if answer == QMessageBox.StandardButton.Yes:
            delete_mapping(actor=self._workspace.actor, name=profile.name) \
                .success(lambda _: self._done(self.tr("Deleted {name}.").format(
                    name=profile.name))) \
                .failure(lambda e: self.status.setText(error_text(e))) \
                .run_in_background(self._workspace.runner, parent=self)

    def _done(self, message: str) -> None:
        self.status.setText(message)
        self.reload()
        self.changed.emit()
