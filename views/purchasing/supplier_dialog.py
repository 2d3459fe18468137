"""Suppliers: a list to pick one from and its form (contact, address and the over-receipt
rule receiving applies), with New and Save."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.ops.purchasing import SavedSupplier, list_suppliers, load_supplier, save_supplier
from app.workspace import Workspace
from models.entities import BeyondTolerance
from models.permissions import Perm
from models.purchasing.suppliers import MAX_TOLERANCE_PCT, SupplierInput, SupplierRow
from views.field_errors import FieldErrors

TEXT_FIELDS = ("code", "name", "contact", "phone", "email", "address")


class SupplierDialog(QDialog):
    """Keeps suppliers; `changed` is emitted after every save (the order editor reloads its
    supplier picker)."""

    changed = Signal()

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self.current_id: int | None = None
        self.setWindowTitle(self.tr("Suppliers"))
        self.resize(820, 480)
        self.search = QLineEdit(self)
        self.search.setObjectName("supplier_search")
        self.search.setPlaceholderText(self.tr("Search code or name (Ctrl+F)"))
        self.search.textEdited.connect(lambda _t: self.reload())
        self.list = QListWidget(self)
        self.list.setObjectName("supplier_list")
        self.list.currentItemChanged.connect(self._picked)
        self.general_error = QLabel(self)
        self.general_error.setWordWrap(True)
        self.general_error.setStyleSheet("color: #c62828;")
        self.errors = FieldErrors(self.general_error)
        self.edits: dict[str, QLineEdit] = {}
        for name in TEXT_FIELDS:
            self.edits[name] = QLineEdit(self)
            self.edits[name].setObjectName(f"supplier_{name}")
        self.tolerance = QSpinBox(self)
        self.tolerance.setObjectName("supplier_over_receipt_pct")
        self.tolerance.setRange(0, MAX_TOLERANCE_PCT)
        self.tolerance.setSuffix(" %")
        self.beyond = QComboBox(self)
        self.beyond.setObjectName("supplier_over_receipt_beyond")
        self.beyond.addItem(self.tr("Warn, and take them"), BeyondTolerance.WARN)
        self.beyond.addItem(self.tr("Block until a supervisor approves"), BeyondTolerance.BLOCK)
        self.active = QCheckBox(self.tr("Active (new orders can be placed)"), self)
        self.active.setObjectName("supplier_active")
        self.status = QLabel(self)
        self.status.setObjectName("supplier_status")
        self.status.setWordWrap(True)
        self.new_button = QPushButton(self.tr("New supplier"), self)
        self.new_button.setObjectName("new_supplier")
        self.new_button.setToolTip("Ctrl+N")
        self.new_button.clicked.connect(self.new_supplier)
        self.save_button = QPushButton(self.tr("Save"), self)
        self.save_button.setObjectName("save_supplier")
        self.save_button.setProperty("role", "primary")
        self.save_button.setToolTip("Ctrl+S")
        self.save_button.clicked.connect(self.save)
        done = QPushButton(self.tr("Close"), self)
        done.clicked.connect(self.accept)
        can_edit = workspace.actor.can(Perm.PURCHASING_EDIT)
        for button in (self.new_button, self.save_button):
            button.setVisible(can_edit)
        for shortcut, slot in (("Ctrl+N", self.new_supplier), ("Ctrl+S", self.save),
                               ("Ctrl+F", self.search.setFocus)):
            QShortcut(QKeySequence(shortcut), self, activated=slot)
        self._layout(done)
        self.new_supplier()
        self.reload()

    def _layout(self, done: QPushButton) -> None:
        form = QFormLayout()
        labels = {"code": self.tr("Code"), "name": self.tr("Name"),
                  "contact": self.tr("Contact"), "phone": self.tr("Phone"),
                  "email": self.tr("E-mail"), "address": self.tr("Address")}
        rows: list[tuple[str, str, QWidget]] = [
            (labels[name], name, self.edits[name]) for name in TEXT_FIELDS]
        rows += [(self.tr("Over-receipt tolerance"), "over_receipt_pct", self.tolerance),
                 (self.tr("Beyond the tolerance"), "over_receipt_beyond", self.beyond),
                 ("", "active", self.active)]
        for label, name, widget in rows:
            self.errors.add_row(form, label, name, widget)
        left = QVBoxLayout()
        left.addWidget(self.search)
        left.addWidget(self.list, 1)
        left.addWidget(self.new_button)
        right = QVBoxLayout()
        right.addWidget(self.general_error)
        right.addLayout(form)
        right.addWidget(self.status)
        right.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(done)
        right.addLayout(buttons)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 2)
        layout.addLayout(right, 3)

    def reload(self, choose: int | None = None) -> None:
        """Load the supplier list again."""
        list_suppliers(text=self.search.text()) \
            .success(lambda rows: self._listed(rows, choose)) \
            .run_in_background(self._workspace.runner, parent=self, key=("suppliers", id(self)))

    def _listed(self, rows: list[SupplierRow], choose: int | None) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for row in rows:
            item = QListWidgetItem(f"{row.code} – {row.name}", self.list)
            item.setData(Qt.ItemDataRole.UserRole, row.id)
            if not row.active:
                item.setForeground(Qt.GlobalColor.gray)
            if row.id == choose:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)

    def new_supplier(self) -> None:
        """An empty form for a new supplier (Ctrl+N)."""
        self.list.clearSelection()
        self._show(None, SupplierInput(code="", name=""))
        self.edits["code"].setFocus()

    def _picked(self, item: QListWidgetItem | None, _old: QListWidgetItem | None) -> None:
        if item is None:
            return
        supplier_id = item.data(Qt.ItemDataRole.UserRole)
        load_supplier(supplier_id=supplier_id) \
            .success(lambda data: self._show(supplier_id, data)) \
            .run_in_background(self._workspace.runner, parent=self, key=("supplier", id(self)))

    def _show(self, supplier_id: int | None, data: SupplierInput) -> None:
        self.current_id = supplier_id
        self.errors.clear()
        self.status.clear()
        for name, edit in self.edits.items():
            edit.setText(getattr(data, name))
        self.tolerance.setValue(data.over_receipt_pct)
        self.beyond.setCurrentIndex(max(self.beyond.findData(data.over_receipt_beyond), 0))
        self.active.setChecked(data.active)

    def values(self) -> dict[str, Any]:
        """The form as typed."""
        values: dict[str, Any] = {name: edit.text() for name, edit in self.edits.items()}
        values |= {"over_receipt_pct": str(self.tolerance.value()),
                   "over_receipt_beyond": self.beyond.currentData(),
                   "active": self.active.isChecked()}
        return values

    def save(self) -> None:
        """Save the supplier in the form (Ctrl+S)."""
        if not self._workspace.actor.can(Perm.PURCHASING_EDIT):
            return
        save_supplier(actor=self._workspace.actor, values=self.values(),
                      supplier_id=self.current_id) \
            .success(self._saved).failure(self.errors.show_failure) \
            .run_in_background(self._workspace.runner, parent=self)

    def _saved(self, saved: SavedSupplier) -> None:
        self._show(saved.id, saved.data)
        self.status.setText(self.tr("Saved."))
        self.reload(choose=saved.id)
        self.changed.emit()

