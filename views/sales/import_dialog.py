"""What an order import needs to know: the file, the shop its orders are for, and how its
columns are read (recognised from them, or a profile chosen); a file no profile knows has its
columns mapped in the mapping editor, and the saved mappings are kept from here."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.error_display import error_text
from app.ops.order_mappings import FileLayout, examine_file, list_mappings
from app.ops.sales import ShopRow
from app.workspace import Workspace
from models.sales.profiles import BUILTIN, OrderProfile
from views.sales.mapping_dialog import MappingDialog
from views.sales.mapping_list import MappingListDialog
from views.sales.texts import platform_text

_EXAMINE_DELAY_MS = 300


class ImportDialog(QDialog):
    """Asks for the file, the shop and the profile; `accepted` means: import them."""

    def __init__(self, workspace: Workspace, shops: list[ShopRow], shop: str | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self.file_layout: FileLayout | None = None
        self.mapping_dialog: MappingDialog | None = None
        self.mapping_list: MappingListDialog | None = None
        self.setWindowTitle(self.tr("Import sales orders"))
        self.resize(680, 260)
        self.file = QLineEdit(self)
        self.file.setObjectName("import_file")
        self.file.setPlaceholderText(self.tr("A shop's order export: .csv, .txt or .xlsx"))
        self.file.textChanged.connect(self._file_changed)
        browse = QPushButton(self.tr("Choose…"), self)
        browse.setObjectName("choose_file")
        browse.clicked.connect(self.choose_file)
        self.shop = QComboBox(self)
        self.shop.setObjectName("import_shop")
        for row in shops:
            if row.active:
                self.shop.addItem(f"{row.code} – {row.name} ({platform_text(row.platform)})",
                                  row.code)
        # No shop is taken for granted: the orders would land in the wrong one.
        self.shop.setPlaceholderText(self.tr("Choose a shop"))
        self.shop.setCurrentIndex(self.shop.findData(shop) if shop else -1)
        self.shop.currentIndexChanged.connect(self._check)
        self.profile = QComboBox(self)
        self.profile.setObjectName("import_profile")
        self._fill_profiles([])
        self.layout_note = QLabel(self)
        self.layout_note.setObjectName("file_layout")
        self.layout_note.setWordWrap(True)
        self.map_button = QPushButton(self.tr("Map columns…"), self)
        self.map_button.setObjectName("map_columns")
        self.map_button.setToolTip("Ctrl+M")
        self.map_button.clicked.connect(lambda: self.open_mapping())
        self.mappings_button = QPushButton(self.tr("Mappings…"), self)
        self.mappings_button.setObjectName("mappings")
        self.mappings_button.clicked.connect(self.open_mappings)
        QShortcut(QKeySequence("Ctrl+M"), self, activated=lambda: self.open_mapping())
        self._examine_timer = QTimer(self)
        self._examine_timer.setSingleShot(True)
        self._examine_timer.setInterval(_EXAMINE_DELAY_MS)
        self._examine_timer.timeout.connect(self.examine)
        note = QLabel(self.tr("All or nothing: a file with a bad row imports nothing, and "
                              "every bad row is listed. Orders imported before are updated "
                              "while they are new."), self)
        note.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.import_button = self.buttons.addButton(
            self.tr("Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setObjectName("start_import")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        file_row = QHBoxLayout()
        file_row.addWidget(self.file, 1)
        file_row.addWidget(browse)
        form = QFormLayout()
        form.addRow(self.tr("File"), file_row)
        form.addRow(self.tr("Shop"), self.shop)
        profile_row = QHBoxLayout()
        profile_row.addWidget(self.profile, 1)
        profile_row.addWidget(self.mappings_button)
        form.addRow(self.tr("Columns"), profile_row)
        note_row = QHBoxLayout()
        note_row.addWidget(self.layout_note, 1)
        note_row.addWidget(self.map_button)
        form.addRow("", note_row)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self._check()
        self.reload_profiles()

    def choose_file(self) -> None:
        """Pick the export in the system's file dialog."""
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import sales orders"), self.file.text(),
            self.tr("Order exports (*.csv *.txt *.xlsx)"))
        if path:
            self.file.setText(path)
            self.import_button.setFocus()

    def path(self) -> Path:
        """The file to import."""
        return Path(self.file.text().strip())

    def shop_code(self) -> str:
        """The shop the orders are for."""
        return self.shop.currentData() or ""

    def profile_name(self) -> str | None:
        """The profile chosen; None: recognise it from the columns."""
        return self.profile.currentData()

    def _check(self) -> None:
        self.import_button.setEnabled(bool(self.file.text().strip())
                                      and self.shop.currentIndex() >= 0)
        self.map_button.setEnabled(self.file_layout is not None)

    # --- profiles and mappings -------------------------------------------------------------

    def reload_profiles(self) -> None:
        """Load the custom mappings into the profile picker again."""
        list_mappings().success(self._fill_profiles) \
            .run_in_background(self._workspace.runner, parent=self,
                               key=("import-profiles", id(self)))

    def _fill_profiles(self, custom: list[OrderProfile]) -> None:
        chosen = self.profile.currentData()
        self.profile.clear()
        self.profile.addItem(self.tr("Recognise from the columns"), None)
        for profile in BUILTIN.values():
            self.profile.addItem(profile.title, profile.name)
        for profile in custom:
            self._add_custom(profile)
        self.profile.setCurrentIndex(max(self.profile.findData(chosen), 0))

    def _add_custom(self, profile: OrderProfile) -> None:
        self.profile.addItem(f"{profile.title} ({profile.name})", profile.name)

    def _file_changed(self) -> None:
        self.file_layout = None
        self.layout_note.clear()
        self._check()
        if self.file.text().strip():
            self._examine_timer.start()

    def examine(self) -> None:
        """Read the file's columns and say which profile knows them."""
        self._examine_timer.stop()
        examine_file(path=self.path()).success(self._examined) \
            .failure(lambda e: self.layout_note.setText(error_text(e))) \
            .run_in_background(self._workspace.runner, parent=self,
                               key=("examine", id(self)))

    def _examined(self, found: FileLayout) -> None:
        self.file_layout = found
        if found.profile is not None:
            self.layout_note.setText(self.tr("Recognised: {profile}.").format(
                profile=found.profile.title))
        else:
            self.layout_note.setText(self.tr("No profile knows these columns: map them to "
                                             "import this file."))
            self.map_button.setDefault(True)
        self._check()

    def open_mapping(self, profile: OrderProfile | None = None) -> MappingDialog | None:
        """Map the chosen file's columns (Ctrl+M), starting from `profile` or a guess; once
        the mapping is saved, the file is imported with it."""
        if self.file_layout is None:
            return None
        dialog = self.mapping_dialog = MappingDialog(
            self._workspace, self.path(), self.file_layout.header, profile, self)
        dialog.accepted.connect(lambda: self._mapped(dialog))
        dialog.open()
        return dialog

    def _mapped(self, dialog: MappingDialog) -> None:
        assert dialog.saved is not None
        profile = dialog.saved.profile
        if self.profile.findData(profile.name) < 0:
            self._add_custom(profile)
        self.profile.setCurrentIndex(self.profile.findData(profile.name))
        if self.import_button.isEnabled():
            self.accept()

    def open_mappings(self) -> MappingListDialog:
        """List the saved mappings to edit, rename or delete them."""
        dialog = self.mapping_list = MappingListDialog(
            self._workspace, can_edit=self.file_layout is not None, parent=self)
        dialog.edit_requested.connect(self.open_mapping)
        dialog.changed.connect(self.reload_profiles)
        dialog.open()
        return dialog
