"""Shops: the list of the shops orders come from, and a form to add one (or rename one by
its code)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.ops.sales import ShopRow, list_shops, save_shop
from app.workspace import Workspace
from models.entities import Platform
from views.field_errors import FieldErrors
from views.sales.texts import platform_text


class ShopDialog(QDialog):
    """Lists the shops and adds one; `changed` is emitted after every save (the page
    reloads its shop pickers)."""

    changed = Signal()

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self.setWindowTitle(self.tr("Shops"))
        self.resize(640, 520)
        self.list = QTableWidget(0, 3, self)
        self.list.setObjectName("shop_list")
        self.list.setHorizontalHeaderLabels([self.tr("Code"), self.tr("Name"),
                                             self.tr("Platform")])
        self.list.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.list.verticalHeader().hide()
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list.currentCellChanged.connect(lambda row, *_: self._picked(row))
        self.code = QLineEdit(self)
        self.code.setObjectName("shop_code")
        self.code.setPlaceholderText(self.tr("e.g. TMALL-1"))
        self.name = QLineEdit(self)
        self.name.setObjectName("shop_name")
        self.sender_phone = QLineEdit(self)
        self.sender_phone.setObjectName("shop_sender_phone")
        self.sender_phone.setPlaceholderText(self.tr("e.g. 021-55501234"))
        self.sender_address = QLineEdit(self)
        self.sender_address.setObjectName("shop_sender_address")
        self.sender_address.setPlaceholderText(self.tr("empty: the warehouse's address"))
        self.platform = QComboBox(self)
        self.platform.setObjectName("shop_platform")
        for platform in Platform:
            self.platform.addItem(platform_text(platform), str(platform))
        self.general_error = QLabel(self)
        self.general_error.setWordWrap(True)
        self.general_error.setStyleSheet("color: #c62828;")
        self.errors = FieldErrors(self.general_error)
        self.status = QLabel(self)
        self.status.setObjectName("shop_status")
        self.save_button = QPushButton(self.tr("Save shop"), self)
        self.save_button.setObjectName("save_shop")
        self.save_button.setProperty("role", "primary")
        self.save_button.setToolTip("Ctrl+S")
        self.save_button.clicked.connect(self.save)
        new_button = QPushButton(self.tr("New shop"), self)
        new_button.setObjectName("new_shop")
        new_button.setToolTip("Ctrl+N")
        new_button.clicked.connect(self.new_shop)
        done = QPushButton(self.tr("Close"), self)
        done.clicked.connect(self.accept)
        for keys, slot in (("Ctrl+S", self.save), ("Ctrl+N", self.new_shop)):
            QShortcut(QKeySequence(keys), self, activated=slot)
        form = QFormLayout()
        for label, name, widget in ((self.tr("Code"), "code", self.code),
                                    (self.tr("Name"), "name", self.name),
                                    (self.tr("Platform"), "platform", self.platform),
                                    (self.tr("Sender phone"), "sender_phone",
                                     self.sender_phone),
                                    (self.tr("Return address"), "sender_address",
                                     self.sender_address)):
            message = QLabel(self)
            self.errors.add(name, widget, message)
            holder = QVBoxLayout()
            holder.setSpacing(2)
            holder.addWidget(widget)
            holder.addWidget(message)
            form.addRow(label, holder)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(new_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(done)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.general_error)
        layout.addLayout(form)
        layout.addLayout(buttons)
        self.shops: list[ShopRow] = []
        self.reload()

    def reload(self) -> None:
        """Load the shop list again."""
        list_shops().success(self._listed) \
            .run_in_background(self._workspace.runner, parent=self, key=("shops", id(self)))

    def _listed(self, shops: list[ShopRow]) -> None:
        self.shops = shops
        self.list.blockSignals(True)
        self.list.setRowCount(0)
        for row, shop in enumerate(shops):
            self.list.insertRow(row)
            for column, text in enumerate((shop.code, shop.name, platform_text(shop.platform))):
                item = QTableWidgetItem(text)
                if not shop.active:
                    item.setForeground(Qt.GlobalColor.gray)
                self.list.setItem(row, column, item)
        for column in (0, 2):
            self.list.resizeColumnToContents(column)
        self.list.blockSignals(False)

    def _picked(self, row: int) -> None:
        if 0 <= row < len(self.shops):
            shop = self.shops[row]
            self._fill(shop)

    def _fill(self, shop: ShopRow) -> None:
        self.errors.clear()
        self.status.clear()
        self.code.setText(shop.code)
        self.name.setText(shop.name)
        self.platform.setCurrentIndex(max(self.platform.findData(shop.platform), 0))
        self.sender_phone.setText(shop.sender_phone)
        self.sender_address.setText(shop.sender_address)

    def new_shop(self) -> None:
        """An empty form for a new shop (Ctrl+N)."""
        self.list.clearSelection()
        self._fill(ShopRow("", "", Platform.OTHER, True))
        self.code.setFocus()

    def save(self) -> None:
        """Save the shop in the form (Ctrl+S)."""
        save_shop(actor=self._workspace.actor, code=self.code.text(), name=self.name.text(),
                  platform=self.platform.currentData(), sender_phone=self.sender_phone.text(),
                  sender_address=self.sender_address.text()) \
            .success(self._saved).failure(self.errors.show_failure) \
            .run_in_background(self._workspace.runner, parent=self)

    def _saved(self, code: str) -> None:
        self.errors.clear()
        self.code.setText(code)  # as it is stored: in capitals
        self.status.setText(self.tr("Saved shop {code}.").format(code=code))
        self.reload()
        self.changed.emit()


