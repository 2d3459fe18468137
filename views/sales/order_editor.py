"""The sales order form: the order (shop, number, time, amounts), who it goes to, the notes,
and the lines grid (shop SKU, the product it matched, title, quantity, unit price, and the
units returned once something came back). An order still `new` can be edited; one that has
moved on is shown read-only, with what the review made of it and what came back of it."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from itertools import pairwise
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.ops.sales import ShopRow
from models.entities import SalesOrderStatus
from models.masterdata.fields import FieldError
from models.sales.order_pages import OrderDetail
from views.field_errors import FieldErrors
from views.lazy_table import display
from views.line_grid import SKU, LineGrid
from views.sales.returns_box import OrderReturnsBox
from views.sales.review_panel import ReviewPanel
from views.sales.texts import money, status_text

PRODUCT, TITLE, QTY, PRICE, RETURNED = range(1, 6)
_NOT_MATCHED = Qt.GlobalColor.darkRed
#: The order's text fields in the order the cursor goes through them.
TEXT_FIELDS = ("number", "ordered_at", "buyer_name", "recipient", "phone", "email",
               "province", "city", "district", "street", "postcode", "country", "buyer_note",
               "seller_note", "currency", "shipping_fee", "discount")


def _plain(value: Any) -> str:
    if isinstance(value, Decimal):
        return format(value, "f")  # money as stored: 199.00
    return "" if value is None else display(value)


class SalesOrderEditor(QWidget):
    """Shows one order, or takes a new one; `values()` gives the raw form for
    `app.ops.sales.save_order`."""

    #: The user changed something since the order was shown.
    edited = Signal()
    #: A SKU was typed into line `row`: the page looks the product up.
    sku_entered = Signal(int, str)

    def __init__(self, language: str = "en", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view: OrderDetail | None = None
        self.review = ReviewPanel(language, self)
        self.returns = OrderReturnsBox(language, self)
        self._can_edit = True
        self._paid_at = ""
        self._new_shop: str | None = None  # the shop chosen for the last new order
        self.general_error = QLabel(self)
        self.general_error.setProperty("tone", "error")
        self.general_error.setWordWrap(True)
        self.errors = FieldErrors(self.general_error)
        self.shop = QComboBox(self)
        self.shop.setObjectName("shop")
        self.shop.setPlaceholderText(self.tr("Choose a shop"))
        self.shop.activated.connect(lambda _i: self.edited.emit())
        self.shop.currentIndexChanged.connect(self._shop_changed)
        hints = {"number": self.tr("e.g. TEL-20261204-01"),
                 "ordered_at": self.tr("e.g. 2026-12-04 09:30"), "currency": "CNY",
                 "shipping_fee": "0.00", "discount": "0.00"}
        self.edits: dict[str, QLineEdit] = {}
        for name in TEXT_FIELDS:
            edit = self.edits[name] = QLineEdit(self)
            edit.setObjectName(name)
            edit.setPlaceholderText(hints.get(name, ""))
            edit.textEdited.connect(lambda _t: self.edited.emit())
        self.status = QLabel(self)
        self.status.setObjectName("order_status")
        self.totals = QLabel(self)
        self.totals.setObjectName("order_totals")
        self.times = QLabel(self)
        self.times.setObjectName("order_times")
        for label in (self.totals, self.times):
            label.setWordWrap(True)  # the form may be narrow: never wider than its column
        self.lines = LineGrid(
            self, [self.tr("Shop SKU"), self.tr("Product"), self.tr("Title"), self.tr("Qty"),
                   self.tr("Unit price"), self.tr("Returned")],
            editable=(SKU, TITLE, QTY, PRICE), passive=(PRODUCT, RETURNED),
            numeric=(QTY, PRICE, RETURNED), stretch=TITLE,
            widths={SKU: 130, PRODUCT: 200, QTY: 50, PRICE: 80, RETURNED: 70})
        self.lines.edited.connect(self.edited)
        self.lines.sku_entered.connect(self.sku_entered)
        self._layout()
        # After the layout: putting a field into the form's rows resets its place in the order.
        order = [self.shop, *self.edits.values(), self.lines]
        for first, second in pairwise(order):
            QWidget.setTabOrder(first, second)
        self.show_record(None)

    def _group(self, title: str, *columns: list[tuple[str, str]]) -> QGroupBox:
        """A box of fields in side-by-side columns of (label, field name)."""
        box = QGroupBox(title, self)
        row = QHBoxLayout()
        QVBoxLayout(box).addLayout(row)
        for fields in columns:
            form = QFormLayout()
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
            for label, name in fields:
                self.errors.add_row(form, label, name,
                                    self.shop if name == "shop" else self.edits[name])
            row.addLayout(form, 1)
        return box

    def _layout(self) -> None:
        order = self._group(
            self.tr("Order"),
            [(self.tr("Shop"), "shop"), (self.tr("Order number"), "number"),
             (self.tr("Ordered at"), "ordered_at")],
            [(self.tr("Currency"), "currency"), (self.tr("Shipping fee"), "shipping_fee"),
             (self.tr("Discount"), "discount")])
        summary = QHBoxLayout()
        for label, value in ((self.tr("Status"), self.status),
                             (self.tr("Amounts"), self.totals), (self.tr("Times"), self.times)):
            caption = QLabel(label + ":", self)
            summary.addWidget(caption, 0, Qt.AlignmentFlag.AlignTop)
            summary.addWidget(value, 1, Qt.AlignmentFlag.AlignTop)
        order.layout().addLayout(summary)  # type: ignore[attr-defined]
        ship_to = self._group(
            self.tr("Buyer and recipient"),
            [(self.tr("Buyer"), "buyer_name"), (self.tr("Recipient"), "recipient"),
             (self.tr("Phone"), "phone"), (self.tr("E-mail"), "email"),
             (self.tr("Buyer note"), "buyer_note"), (self.tr("Seller note"), "seller_note")],
            [(self.tr("Province"), "province"), (self.tr("City"), "city"),
             (self.tr("District"), "district"), (self.tr("Street"), "street"),
             (self.tr("Postcode"), "postcode"), (self.tr("Country"), "country")])
        lines = QGroupBox(self.tr("Lines"), self)
        lines_layout = QVBoxLayout(lines)
        lines_error = QLabel(self)
        self.errors.add("lines", self.lines, lines_error)
        lines_layout.addWidget(self.lines)
        lines_layout.addWidget(lines_error)
        lines_layout.addLayout(self.lines.buttons())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(self.general_error)
        layout.addWidget(order)
        layout.addWidget(self.review)  # why it waits comes before who it goes to
        layout.addWidget(self.returns)
        layout.addWidget(ship_to)
        layout.addWidget(lines, 1)

    # --- shops -----------------------------------------------------------------------------

    def set_shops(self, shops: list[ShopRow]) -> None:
        """The shops a new order can be entered for (the shown order's stays chosen)."""
        keep = self.shop.currentData()
        self.shop.clear()
        for row in shops:
            if row.active:
                self.shop.addItem(f"{row.code} – {row.name}", row.code)
        self._choose_shop(keep)

    def _choose_shop(self, code: str | None) -> None:
        if not code:
            self.shop.setCurrentIndex(-1)
            return
        if self.shop.findData(code) < 0:  # an inactive shop still shows on its orders
            self.shop.addItem(code, code)
        self.shop.setCurrentIndex(self.shop.findData(code))

    # --- filling and reading ---------------------------------------------------------------

    def show_record(self, data: OrderDetail | None) -> None:
        """Show an order, or an empty form for a new one (ordered now)."""
        self.view = data
        self.errors.clear()
        if data is None:
            texts = dict.fromkeys(TEXT_FIELDS, "") | {
                "ordered_at": datetime.now().strftime("%Y-%m-%d %H:%M"), "currency": "CNY"}
            self._paid_at = ""
            self._choose_shop(self._new_shop)
        else:
            texts = {name: _plain(getattr(data, name)) for name in TEXT_FIELDS}
            self._paid_at = _plain(data.paid_at)
            self._choose_shop(data.shop)
        for name, edit in self.edits.items():
            edit.setText(texts[name])
            edit.setCursorPosition(0)
        self.status.setText(status_text(data.status) if data else self.tr("New"))
        self._show_summary(data)
        self.review.show_order(data)
        self.returns.show_order(data)
        self.lines.clear_rows()
        # The column of units back shows only on an order something came back of.
        self.lines.setColumnHidden(RETURNED, not (data and data.returns))
        for line in data.lines if data else ():
            row = self.lines.add_row(
                {SKU: line.line.sku, TITLE: line.line.title, QTY: str(line.line.qty),
                 PRICE: _plain(line.line.unit_price)}, line.line.line_ref, focus=False)
            self.set_product(row, line.line.sku, line.line.product_sku, line.product_name)
            self.lines.set_cell(row, RETURNED, str(line.returned),
                                color=self.palette().text().color())
        self._apply_state()

    def _show_summary(self, data: OrderDetail | None) -> None:
        if data is None:
            self.totals.setText(self.tr("Worked out from the lines when saved"))
            self.times.setText("")
            return
        self.totals.setText(self.tr("goods {goods}, paid {paid}").format(
            goods=money(data.goods_total), paid=money(data.paid_total, data.currency)))
        times = [self.tr("paid {time}").format(time=display(data.paid_at))] \
            if data.paid_at else []
        times.append(self.tr("entered {time}").format(time=display(data.created_at)))
        self.times.setText(" · ".join(times))

    def values(self) -> dict[str, Any]:
        """The form as typed: the shop, the order's texts, and the lines as dicts."""
        self.lines.commit()
        values: dict[str, Any] = {name: edit.text() for name, edit in self.edits.items()}
        values |= {"shop": self.shop.currentData() or "", "paid_at": self._paid_at,
                   "lines": [line for row in range(self.lines.rowCount())
                             if any((line := self._line(row)).values())]}
        return values

    def _line(self, row: int) -> dict[str, str]:
        text = self.lines.text
        return {"sku": text(row, SKU), "title": text(row, TITLE), "qty": text(row, QTY),
                "unit_price": text(row, PRICE), "line_ref": self.lines.data_of(row) or ""}

    def show_errors(self, errors: list[FieldError]) -> None:
        """Mark the fields a save rejected."""
        self.errors.show(errors)

    def set_read_only(self, read_only: bool) -> None:
        """For roles that may look but not enter orders."""
        self._can_edit = not read_only
        self._apply_state()

    def focus_first(self) -> None:
        """Put the cursor in the order number (the shop stays as last chosen)."""
        self.edits["number"].setFocus()

    def set_product(self, row: int, sku: str, product_sku: str | None,
                    name: str | None) -> None:
        """Show the product line `row` matched, or mark it as matching none; `sku` is the
        shop SKU as it is to be saved ('tea-001' typed, TEA-001 found)."""
        self.lines.set_cell(row, SKU, sku)
        if product_sku is None:
            self.lines.set_cell(row, PRODUCT, self.tr("Not matched"), color=_NOT_MATCHED,
                                tip=self.tr("No product has the SKU or barcode {sku}").format(
                                    sku=sku))
        else:
            shown = f"{product_sku} – {name}" if name else product_sku
            self.lines.set_cell(row, PRODUCT, shown, color=self.palette().text().color(),
                                tip=shown)

    # --- internals -------------------------------------------------------------------------

    def _shop_changed(self, _index: int) -> None:
        if self.view is None:  # a new order's shop is offered again for the next one
            self._new_shop = self.shop.currentData()

    def _apply_state(self) -> None:
        stored = self.view is not None
        editable = self._can_edit and (
            not stored or self.view.status == SalesOrderStatus.NEW)  # type: ignore[union-attr]
        for name, edit in self.edits.items():
            # The shop and number are what an order is known by: a changed number is a new order.
            edit.setReadOnly(not editable or (stored and name == "number"))
        self.shop.setEnabled(editable and not stored)
        self.lines.set_editable(editable)
