"""What an order import needs to know: the file, the shop its orders are for, and how its
columns are read (recognised from them, or a built-in profile)."""

from __future__ import annotations

from pathlib import Path

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

from app.ops.sales import ShopRow
from models.sales.profiles import BUILTIN
from views.sales.texts import platform_text


class ImportDialog(QDialog):
    """Asks for the file, the shop and the profile; `accepted` means: import them."""

    def __init__(self, shops: list[ShopRow], shop: str | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import sales orders"))
        self.resize(620, 220)
        self.file = QLineEdit(self)
        self.file.setObjectName("import_file")
        self.file.setPlaceholderText(self.tr("A shop's order export: .csv, .txt or .xlsx"))
        self.file.textChanged.connect(self._check)
        browse = QPushButton(self.tr("Choose…"), self)
        browse.setObjectName("choose_file")
        browse.clicked.connect(self.choose_file)
        self.shop = QComboBox(self)
        self.shop.setObjectName("import_shop")
        for row in shops:
            if row.active:
                self.shop.addItem(f"{row.code} – {row.name} ({platform_text(row.platform)})",
                                  row.code)
        if shop and self.shop.findData(shop) >= 0:
            self.shop.setCurrentIndex(self.shop.findData(shop))
        self.profile = QComboBox(self)
        self.profile.setObjectName("import_profile")
        self.profile.addItem(self.tr("Recognise from the columns"), None)
        for profile in BUILTIN.values():
            self.profile.addItem(profile.title, profile.name)
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
        form.addRow(self.tr("Columns"), self.profile)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self._check()

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
        """The built-in profile chosen; None: recognise it from the columns."""
        return self.profile.currentData()

    def _check(self) -> None:
        self.import_button.setEnabled(bool(self.file.text().strip()) and self.shop.count() > 0)
