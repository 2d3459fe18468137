"""The purchase order form: header (number, supplier, warehouse, expected date, note) and the
lines grid (SKU, product, ordered, received, unit cost, expected), with the fields a save
rejected marked in red."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.ops.purchasing import OrderChoices
from models.entities import PoStatus
from models.masterdata.fields import FieldError
from models.purchasing.order_values import order_values
from models.purchasing.order_views import OrderView
from views.field_errors import FieldErrors
from views.line_grid import SKU, LineGrid
from views.purchasing.statuses import status_text

PRODUCT, QTY, RECEIVED, COST, EXPECTED = range(1, 6)


class OrderEditor(QWidget):
    """Edits one order; `values()` gives the raw form for `app.ops.purchasing.save_order`."""

    #: The user changed something since the order was shown.
    edited = Signal()
    #: A SKU was typed into line `row`: the page looks the product up.
    sku_entered = Signal(int, str)
    close_requested = Signal()
    reopen_requested = Signal()
    print_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view: OrderView | None = None
        self._can_edit = True
        self.general_error = QLabel(self)
        self.general_error.setProperty("tone", "error")
        self.general_error.setWordWrap(True)
        self.errors = FieldErrors(self.general_error)
        self.number = self._line_edit("number", self.tr("Empty: the next free number"))
        self.expected_date = self._line_edit("expected_date", self.tr("e.g. 2026-12-01"))
        self.note = self._line_edit("note", "")
        self.supplier = self._combo("supplier")
        self.warehouse = self._combo("warehouse")
        self.status = QLabel(self)
        self.status.setObjectName("order_status")
        self.lines = LineGrid(
            self, [self.tr("SKU"), self.tr("Product"), self.tr("Ordered"), self.tr("Received"),
                   self.tr("Unit cost"), self.tr("Expected")],
            editable=(SKU, QTY, COST, EXPECTED), numeric=(QTY, RECEIVED, COST),
            stretch=PRODUCT, widths={SKU: 130, QTY: 80, RECEIVED: 80, COST: 90,
                                     EXPECTED: 100})
        self.lines.setMinimumHeight(180)
        self.lines.edited.connect(self.edited)
        self.lines.sku_entered.connect(self.sku_entered)
        self.close_button = self._button("close_order", self.tr("Close order"),
                                         self.close_requested)
        self.close_button.setToolTip(self.tr("Short-close: nothing more is expected"))
        self.reopen_button = self._button("reopen_order", self.tr("Reopen"),
                                          self.reopen_requested)
        self.print_button = self._button("print_order", self.tr("Print PDF…"),
                                         self.print_requested)
        self.print_button.setToolTip("Ctrl+P")
        QShortcut(QKeySequence("Ctrl+P"), self, activated=self.print_button.click,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self._layout()
        self.show_record(None)

    def _line_edit(self, name: str, hint: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setObjectName(name)
        edit.setPlaceholderText(hint)
        edit.textEdited.connect(lambda _t: self.edited.emit())
        return edit

    def _combo(self, name: str) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(name)
        combo.activated.connect(lambda _i: self.edited.emit())
        return combo

    def _button(self, name: str, text: str, signal: Signal) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.clicked.connect(signal.emit)
        return button

    def _row(self, form: QFormLayout, label: str, name: str, widget: QWidget) -> None:
        self.errors.add_row(form, label, name, widget)

    def _layout(self) -> None:
        header = QGroupBox(self.tr("Order"), self)
        form = QFormLayout(header)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for label, name, widget in (
                (self.tr("Number"), "number", self.number),
                (self.tr("Supplier"), "supplier", self.supplier),
                (self.tr("Warehouse"), "warehouse", self.warehouse),
                (self.tr("Expected"), "expected_date", self.expected_date),
                (self.tr("Note"), "note", self.note)):
            self._row(form, label, name, widget)
        form.addRow(self.tr("Status"), self.status)
        lines = QGroupBox(self.tr("Lines"), self)
        lines_layout = QVBoxLayout(lines)
        lines_error = QLabel(self)
        self.errors.add("lines", self.lines, lines_error)
        lines_layout.addWidget(self.lines)
        lines_layout.addWidget(lines_error)
        lines_layout.addLayout(self.lines.buttons())
        actions = QHBoxLayout()
        actions.addWidget(self.print_button)
        actions.addStretch(1)
        actions.addWidget(self.reopen_button)
        actions.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addLayout(actions)
        layout.addWidget(self.general_error)
        layout.addWidget(header)
        layout.addWidget(lines, 1)

    # --- choices ---------------------------------------------------------------------------

    def set_choices(self, choices: OrderChoices) -> None:
        """The suppliers and warehouses the pickers offer (the shown order's stay chosen)."""
        keep = self.supplier.currentData(), self.warehouse.currentData()
        self.supplier.clear()
        for row in choices.suppliers:
            self.supplier.addItem(f"{row.code} – {row.name}", row.code)
        self.warehouse.clear()
        for row in choices.warehouses:
            self.warehouse.addItem(f"{row.code} – {row.name}", row.code)
        self._choose(self.supplier, keep[0])
        self._choose(self.warehouse, keep[1])

    @staticmethod
    def _choose(combo: QComboBox, code: str | None) -> None:
        if not code:
            return
        if combo.findData(code) < 0:  # an inactive supplier still shows on its orders
            combo.addItem(code, code)
        combo.setCurrentIndex(combo.findData(code))

    # --- filling and reading ---------------------------------------------------------------

    def show_record(self, data: OrderView | None) -> None:
        """Show an order, or an empty form for a new one."""
        self.view = data
        self.errors.clear()
        values = order_values(data) if data is not None else {
            "number": "", "supplier": "", "warehouse": "", "expected_date": "", "note": "",
            "lines": []}
        self.number.setText(values["number"])
        self.expected_date.setText(values["expected_date"])
        self.note.setText(values["note"])
        if data is not None:
            self._choose(self.supplier, data.supplier)
            self._choose(self.warehouse, data.warehouse)
        self.status.setText(status_text(data.status) if data else self.tr("New"))
        self.lines.clear_rows()
        for line in values["lines"]:
            self.add_line_row(line, focus=False)
        self._apply_state()

    def values(self) -> dict[str, Any]:
        """The form as typed: header texts and the lines as dicts of cell texts."""
        self.lines.commit()
        return {
            "number": self.number.text(), "supplier": self.supplier.currentData() or "",
            "warehouse": self.warehouse.currentData() or "",
            "expected_date": self.expected_date.text(), "note": self.note.text(),
            "lines": [line for row in range(self.lines.rowCount())
                      if (line := self._line(row))["sku"] or line["qty"]],
        }

    def _line(self, row: int) -> dict[str, Any]:
        text = self.lines.text
        return {"line_id": self.lines.data_of(row), "sku": text(row, SKU),
                "qty": text(row, QTY), "unit_cost": text(row, COST),
                "expected_date": text(row, EXPECTED)}

    def show_errors(self, errors: list[FieldError]) -> None:
        """Mark the fields a save rejected."""
        self.errors.show(errors)

    def set_read_only(self, read_only: bool) -> None:
        """For roles that may look but not edit."""
        self._can_edit = not read_only
        self._apply_state()

    def focus_first(self) -> None:
        """Put the cursor in the supplier picker (the number may stay empty)."""
        self.supplier.setFocus()

    def set_product_name(self, row: int, sku: str, name: str | None) -> None:
        """Show the looked-up product of line `row` (None: there is no such product)."""
        if name is not None:
            self.lines.set_cell(row, SKU, sku)  # 'tea-001' typed, TEA-001 found
        self.lines.set_cell(
            row, PRODUCT, name if name is not None else self.tr("No product with this SKU"),
            color=Qt.GlobalColor.darkRed if name is None else self.palette().text().color())

    # --- internals -------------------------------------------------------------------------

    def _apply_state(self) -> None:
        closed = self.view is not None and self.view.status == PoStatus.CLOSED
        editable = self._can_edit and not closed
        for edit in (self.number, self.expected_date, self.note):
            edit.setReadOnly(not editable)
        for widget in (self.supplier, self.warehouse):
            widget.setEnabled(editable)
        self.lines.set_editable(editable)
        # Received goods fix the warehouse: the stock came into it.
        if self.view is not None and self.view.has_receipts:
            self.warehouse.setEnabled(False)
        stored = self.view is not None
        self.close_button.setVisible(self._can_edit and stored and not closed)
        self.reopen_button.setVisible(self._can_edit and stored and closed)
        self.print_button.setEnabled(stored)

    def add_line_row(self, line: dict[str, Any] | None = None, *, focus: bool = True) -> int:
        """Append a line (empty for the user to fill); returns its row."""
        line = line or {}
        return self.lines.add_row(
            {SKU: line.get("sku", ""), PRODUCT: line.get("name", ""), QTY: line.get("qty", ""),
             RECEIVED: str(line.get("received", 0)), COST: line.get("unit_cost", ""),
             EXPECTED: line.get("expected_date", "")}, line.get("line_id"), focus=focus)
