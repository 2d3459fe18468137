"""The product form: every field of a product and its barcodes (with pack quantities), and the
fields a save rejected marked in red with the reason."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
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

from models.figures import plain
from models.masterdata.fields import FieldError
from models.masterdata.products import ProductInput
from views.field_errors import FieldErrors

TEXT_FIELDS = ("sku", "name", "alt_name", "category", "unit", "weight_g", "length_mm",
               "width_mm", "height_mm", "shelf_life_days", "min_remaining_days", "min_stock",
               "max_stock", "safety_stock", "standard_cost")


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return plain(value)
    return str(value)


class ProductEditor(QWidget):
    """Edits one product; `values()` gives the raw form for `app.ops.products.save_product`."""

    #: The user changed something since the product was shown.
    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.general_error = QLabel(self)
        self.general_error.setProperty("tone", "error")
        self.general_error.setWordWrap(True)
        self.errors = FieldErrors(self.general_error)
        self.edits: dict[str, QLineEdit] = {}
        for name in TEXT_FIELDS:
            edit = QLineEdit(self)
            edit.setObjectName(name)
            edit.textEdited.connect(lambda _t: self.edited.emit())
            self.edits[name] = edit
        self.tracking = QComboBox(self)
        self.tracking.setObjectName("tracking")
        for code, label in (("none", self.tr("Not tracked")), ("lot", self.tr("By lot")),
                            ("serial", self.tr("By serial number"))):
            self.tracking.addItem(label, code)
        self.tracking.activated.connect(lambda _i: self.edited.emit())
        self.expiry_tracked = QCheckBox(self.tr("Lots have an expiry date"), self)
        self.expiry_tracked.setObjectName("expiry_tracked")
        self.active = QCheckBox(self.tr("Active (can be received and sold)"), self)
        self.active.setObjectName("active")
        for box in (self.expiry_tracked, self.active):
            box.clicked.connect(lambda _c: self.edited.emit())
        self.barcodes = QTableWidget(0, 2, self)
        self.barcodes.setObjectName("barcodes")
        self.barcodes.setHorizontalHeaderLabels([self.tr("Barcode"), self.tr("Units in pack")])
        self.barcodes.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.barcodes.verticalHeader().hide()
        self.barcodes.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.barcodes.setMinimumHeight(120)
        self.barcodes.itemChanged.connect(lambda _i: self.edited.emit())
        self.add_barcode = QPushButton(self.tr("Add barcode"), self)
        self.add_barcode.setObjectName("add_barcode")
        self.add_barcode.clicked.connect(lambda: self._add_barcode_row())
        self.remove_barcode = QPushButton(self.tr("Remove barcode"), self)
        self.remove_barcode.setObjectName("remove_barcode")
        self.remove_barcode.clicked.connect(self._remove_barcode_row)
        self._layout()
        self.show_record(None)

    def _row(self, form: QFormLayout, label: str, name: str, widget: QWidget) -> None:
        self.errors.add_row(form, label, name, widget)

    def _group(self, title: str, rows: list[tuple[str, str, QWidget]]) -> QGroupBox:
        group = QGroupBox(title, self)
        form = QFormLayout(group)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        for label, name, widget in rows:
            self._row(form, label, name, widget)
        return group

    def _layout(self) -> None:
        e = self.edits
        product = self._group(self.tr("Product"), [
            (self.tr("SKU"), "sku", e["sku"]), (self.tr("Name"), "name", e["name"]),
            (self.tr("Alternative name"), "alt_name", e["alt_name"]),
            (self.tr("Category"), "category", e["category"]),
            (self.tr("Unit"), "unit", e["unit"]), ("", "active", self.active)])
        tracking = self._group(self.tr("Tracking and shelf life"), [
            (self.tr("Tracking"), "tracking", self.tracking),
            ("", "expiry_tracked", self.expiry_tracked),
            (self.tr("Shelf life (days)"), "shelf_life_days", e["shelf_life_days"]),
            (self.tr("Minimum days left on receipt"), "min_remaining_days",
             e["min_remaining_days"])])
        size = self._group(self.tr("Weight and size"), [
            (self.tr("Weight (g)"), "weight_g", e["weight_g"]),
            (self.tr("Length (mm)"), "length_mm", e["length_mm"]),
            (self.tr("Width (mm)"), "width_mm", e["width_mm"]),
            (self.tr("Height (mm)"), "height_mm", e["height_mm"])])
        levels = self._group(self.tr("Stock levels and cost"), [
            (self.tr("Minimum stock"), "min_stock", e["min_stock"]),
            (self.tr("Maximum stock"), "max_stock", e["max_stock"]),
            (self.tr("Safety stock"), "safety_stock", e["safety_stock"]),
            (self.tr("Standard cost"), "standard_cost", e["standard_cost"])])
        codes = QGroupBox(self.tr("Barcodes"), self)
        codes_layout = QVBoxLayout(codes)
        barcode_error = QLabel(self)
        self.errors.add("barcodes", self.barcodes, barcode_error)
        codes_layout.addWidget(self.barcodes)
        codes_layout.addWidget(barcode_error)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_barcode)
        buttons.addWidget(self.remove_barcode)
        buttons.addStretch(1)
        codes_layout.addLayout(buttons)

        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(10)
        grid.addWidget(self.general_error, 0, 0, 1, 2)
        grid.addWidget(product, 1, 0)
        grid.addWidget(tracking, 1, 1)
        grid.addWidget(size, 2, 0)
        grid.addWidget(levels, 2, 1)
        grid.addWidget(codes, 3, 0, 1, 2)
        grid.setRowStretch(4, 1)

    # --- filling and reading -----------------------------------------------------------------

    def show_record(self, data: ProductInput | None) -> None:
        """Show a product's fields, or empty ones for a new product."""
        data = data or ProductInput(sku="", name="")
        self.errors.clear()
        for name, edit in self.edits.items():
            edit.setText(_text(getattr(data, name)))
        self.tracking.setCurrentIndex(max(self.tracking.findData(data.tracking), 0))
        self.expiry_tracked.setChecked(data.expiry_tracked)
        self.active.setChecked(data.active)
        self.barcodes.blockSignals(True)
        self.barcodes.setRowCount(0)
        for barcode in data.barcodes:
            self._add_barcode_row(barcode.code, str(barcode.pack_qty))
        self.barcodes.blockSignals(False)

    def values(self) -> dict[str, Any]:
        """The form as typed: text fields, yes/no fields, and (code, pack quantity) pairs."""
        if self.barcodes.state() == QAbstractItemView.State.EditingState:
            # Ctrl+S while a barcode cell is being typed: moving off the cell commits it.
            self.barcodes.setCurrentIndex(QModelIndex())
        values: dict[str, Any] = {name: edit.text() for name, edit in self.edits.items()}
        values["tracking"] = self.tracking.currentData()
        values["expiry_tracked"] = self.expiry_tracked.isChecked()
        values["active"] = self.active.isChecked()
        values["barcodes"] = [self._barcode_row(row) for row in range(self.barcodes.rowCount())
                              if any(self._barcode_row(row))]
        return values

    def show_errors(self, errors: list[FieldError]) -> None:
        """Mark the fields a save rejected."""
        self.errors.show(errors)

    def set_read_only(self, read_only: bool) -> None:
        """For roles that may look but not edit."""
        for edit in self.edits.values():
            edit.setReadOnly(read_only)
        for widget in (self.tracking, self.expiry_tracked, self.active, self.add_barcode,
                       self.remove_barcode):
            widget.setEnabled(not read_only)
        self.barcodes.setEditTriggers(
            QAbstractItemView.EditTrigger.NoEditTriggers if read_only
            else QAbstractItemView.EditTrigger.AllEditTriggers)

    def focus_first(self) -> None:
        """Put the cursor in the SKU field."""
        self.edits["sku"].setFocus()

    def _barcode_row(self, row: int) -> tuple[str, str]:
        cells = [self.barcodes.item(row, column) for column in (0, 1)]
        code, pack = (cell.text().strip() if cell is not None else "" for cell in cells)
        return code, pack

    def _add_barcode_row(self, code: str = "", pack: str = "1") -> None:
        row = self.barcodes.rowCount()
        self.barcodes.insertRow(row)
        self.barcodes.setItem(row, 0, QTableWidgetItem(code))
        self.barcodes.setItem(row, 1, QTableWidgetItem(pack))
        if not code:
            self.barcodes.setCurrentCell(row, 0)
            self.barcodes.editItem(self.barcodes.item(row, 0))

    def _remove_barcode_row(self) -> None:
        row = self.barcodes.currentRow()
        if row >= 0:
            self.barcodes.removeRow(row)
            self.edited.emit()
