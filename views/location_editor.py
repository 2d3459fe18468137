"""The location form: warehouse, place in the hierarchy, kind and use, walk sequence, barcode,
capacity, and blocking with a reason; rejected fields are marked in red with the reason."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from models.masterdata.fields import FieldError
from models.masterdata.listing import WarehouseRow
from models.masterdata.locations import KIND_ORDER, USER_TYPES, LocationInput
from views.field_errors import FieldErrors

KINDS = {
    "zone": QT_TRANSLATE_NOOP("LocationKinds", "Zone"),
    "aisle": QT_TRANSLATE_NOOP("LocationKinds", "Aisle"),
    "rack": QT_TRANSLATE_NOOP("LocationKinds", "Rack"),
    "level": QT_TRANSLATE_NOOP("LocationKinds", "Level"),
    "bin": QT_TRANSLATE_NOOP("LocationKinds", "Bin"),
}
TYPES = {
    "receiving": QT_TRANSLATE_NOOP("LocationTypes", "Receiving"),
    "storage": QT_TRANSLATE_NOOP("LocationTypes", "Storage"),
    "pick_face": QT_TRANSLATE_NOOP("LocationTypes", "Pick face"),
    "packing": QT_TRANSLATE_NOOP("LocationTypes", "Packing"),
    "shipping": QT_TRANSLATE_NOOP("LocationTypes", "Shipping"),
    "quarantine": QT_TRANSLATE_NOOP("LocationTypes", "Quarantine"),
    "returns": QT_TRANSLATE_NOOP("LocationTypes", "Returns"),
}


def kind_text(kind: str) -> str:
    """A location kind in the user's language."""
    return QCoreApplication.translate("LocationKinds", KINDS[kind]) if kind in KINDS else kind


def type_text(loc_type: str) -> str:
    """A location type in the user's language."""
    source = TYPES.get(loc_type)
    return QCoreApplication.translate("LocationTypes", source) if source else loc_type


class LocationEditor(QWidget):
    """Edits one location; `values()` gives the raw form for `app.ops.locations`."""

    edited = Signal()
    #: The user asked to create a warehouse.
    new_warehouse = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.general_error = QLabel(self)
        self.general_error.setProperty("tone", "error")
        self.general_error.setWordWrap(True)
        self.errors = FieldErrors(self.general_error)
        self.warehouse = QComboBox(self)
        self.warehouse.setObjectName("warehouse")
        self.add_warehouse = QPushButton(self.tr("New warehouse…"), self)
        self.add_warehouse.setObjectName("add_warehouse")
        self.add_warehouse.clicked.connect(self.new_warehouse)
        self.edits = {name: QLineEdit(self) for name in
                      ("code", "name", "parent", "zone", "barcode", "capacity",
                       "blocked_reason")}
        for name, edit in self.edits.items():
            edit.setObjectName(name)
            edit.textEdited.connect(lambda _t: self.edited.emit())
        self.edits["barcode"].setPlaceholderText(self.tr("the code, unless the label differs"))
        self.edits["capacity"].setPlaceholderText(self.tr("empty: no limit"))
        self.edits["parent"].setPlaceholderText(self.tr("code of the zone, aisle, rack or level"))
        self.kind = QComboBox(self)
        self.kind.setObjectName("kind")
        for kind in KIND_ORDER:
            self.kind.addItem(kind_text(kind), str(kind))
        self.type = QComboBox(self)
        self.type.setObjectName("type")
        for loc_type in USER_TYPES:
            self.type.addItem(type_text(loc_type), str(loc_type))
        self.walk_seq = QSpinBox(self)
        self.walk_seq.setObjectName("walk_seq")
        self.walk_seq.setRange(0, 999_999_999)
        self.blocked = QCheckBox(self.tr("Blocked: no stock moves in or out"), self)
        self.blocked.setObjectName("blocked")
        self.blocked.toggled.connect(self.edits["blocked_reason"].setEnabled)
        self.active = QCheckBox(self.tr("Active"), self)
        self.active.setObjectName("active")
        for combo in (self.warehouse, self.kind, self.type):
            combo.activated.connect(lambda _i: self.edited.emit())
        self.walk_seq.valueChanged.connect(lambda _v: self.edited.emit())
        for box in (self.blocked, self.active):
            box.clicked.connect(lambda _c: self.edited.emit())
        self._layout()
        self.show_record(None)

    def _form(self, title: str, rows: list[tuple[str, str, QWidget]]) -> QGroupBox:
        group = QGroupBox(title, self)
        form = QFormLayout(group)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        for label, name, widget in rows:
            self.errors.add_row(form, label, name, widget)
        return group

    def _layout(self) -> None:
        e = self.edits
        warehouse_row = QWidget(self)
        row = QHBoxLayout(warehouse_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.warehouse, 1)
        row.addWidget(self.add_warehouse)
        place = self._form(self.tr("Location"), [
            (self.tr("Warehouse"), "warehouse", warehouse_row),
            (self.tr("Code"), "code", e["code"]), (self.tr("Name"), "name", e["name"]),
            (self.tr("Inside"), "parent", e["parent"]),
            (self.tr("Kind"), "kind", self.kind), (self.tr("Use"), "type", self.type),
            (self.tr("Zone"), "zone", e["zone"]),
            (self.tr("Walk sequence"), "walk_seq", self.walk_seq),
            (self.tr("Barcode"), "barcode", e["barcode"]),
            (self.tr("Capacity (units)"), "capacity", e["capacity"])])
        state = self._form(self.tr("State"), [
            ("", "active", self.active), ("", "blocked", self.blocked),
            (self.tr("Reason"), "blocked_reason", e["blocked_reason"])])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addWidget(self.general_error)
        layout.addWidget(place)
        layout.addWidget(state)
        layout.addStretch(1)

    # --- filling and reading -----------------------------------------------------------------

    def set_warehouses(self, warehouses: list[WarehouseRow]) -> None:
        """The warehouses to choose from."""
        current = self.warehouse.currentData()
        self.warehouse.clear()
        for wh in warehouses:
            self.warehouse.addItem(f"{wh.code} – {wh.name}", wh.code)
        index = self.warehouse.findData(current)
        self.warehouse.setCurrentIndex(index if index >= 0 else 0)

    def show_record(self, data: LocationInput | None) -> None:
        """Show a location's fields, or empty ones for a new bin."""
        data = data or LocationInput(warehouse=self.warehouse.currentData() or "", code="")
        self.errors.clear()
        index = self.warehouse.findData(data.warehouse)
        if index >= 0:
            self.warehouse.setCurrentIndex(index)
        for name, edit in self.edits.items():
            value = getattr(data, name)
            edit.setText("" if value is None else str(value))
        if data.barcode == data.code:
            self.edits["barcode"].clear()  # the placeholder says it is the code
        self.kind.setCurrentIndex(max(self.kind.findData(str(data.kind)), 0))
        self.type.setCurrentIndex(max(self.type.findData(str(data.type)), 0))
        self.walk_seq.setValue(data.walk_seq)
        self.blocked.setChecked(data.blocked)
        self.edits["blocked_reason"].setEnabled(data.blocked)
        self.active.setChecked(data.active)

    def values(self) -> dict[str, Any]:
        """The form as typed."""
        values: dict[str, Any] = {name: edit.text() for name, edit in self.edits.items()}
        values |= {"warehouse": self.warehouse.currentData() or "",
                   "kind": self.kind.currentData(), "type": self.type.currentData(),
                   "walk_seq": str(self.walk_seq.value()), "blocked": self.blocked.isChecked(),
                   "active": self.active.isChecked()}
        if not values["blocked"]:
            values["blocked_reason"] = ""
        return values

    def show_errors(self, errors: list[FieldError]) -> None:
        """Mark the fields a save rejected."""
        self.errors.show(errors)

    def set_read_only(self, read_only: bool) -> None:
        """For roles that may look but not edit."""
        for edit in self.edits.values():
            edit.setReadOnly(read_only)
        for widget in (self.warehouse, self.add_warehouse, self.kind, self.type, self.walk_seq,
                       self.blocked, self.active):
            widget.setEnabled(not read_only)

    def focus_first(self) -> None:
        """Put the cursor in the code field."""
        self.edits["code"].setFocus()
