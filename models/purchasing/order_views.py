"""Purchase orders as people see them: the searchable list, and one order with its lines and
what arrived against each."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from models.entities import (
    Product,
    PurchaseOrder,
    PurchaseOrderLine,
    ReceiptScan,
    Supplier,
    Warehouse,
)
from models.purchasing.orders import PREFIX, load_order, normalize_number
from models.purchasing.received import received_by_line
from models.text_match import contains, prefix_range, starts_with

PAGE_SIZE = 200


@dataclass(frozen=True)
class OrderListRow:
    """An order as the list shows it."""

    id: int
    number: str
    supplier: str
    supplier_name: str
    warehouse: str
    status: str
    expected_date: date | None
    lines: int
    ordered: int
    received: int

    @property
    def code(self) -> str:
        """PO-<number>."""
        return PREFIX + self.number

    @property
    def key(self) -> str:
        """Where the next page starts."""
        return self.number


def order_list(session: Session, text: str = "", *, status: str = "",
               after: str | None = None, limit: int = PAGE_SIZE) -> list[OrderListRow]:
    """Orders whose number (with or without PO-) or supplier code starts with `text`, or whose
    supplier name contains it; newest number first, after number `after`."""
    text = text.strip()
    ordered = (select(PurchaseOrderLine.order_id, func.count().label("lines"),
                      func.sum(PurchaseOrderLine.qty).label("qty"))
               .group_by(PurchaseOrderLine.order_id).subquery())
    arrived = (select(PurchaseOrderLine.order_id, func.sum(ReceiptScan.qty).label("qty"))
               .join(ReceiptScan, ReceiptScan.order_line_id == PurchaseOrderLine.id)
               .where(ReceiptScan.reversal_id.is_(None))
               .group_by(PurchaseOrderLine.order_id).subquery())
    stmt = (select(PurchaseOrder.id, PurchaseOrder.number, Supplier.code, Supplier.name,
                   Warehouse.code, PurchaseOrder.status, PurchaseOrder.expected_date,
                   func.coalesce(ordered.c.lines, 0), func.coalesce(ordered.c.qty, 0),
                   func.coalesce(arrived.c.qty, 0))
            .join(Supplier, Supplier.id == PurchaseOrder.supplier_id)
            .join(Warehouse, Warehouse.id == PurchaseOrder.warehouse_id)
            .outerjoin(ordered, ordered.c.order_id == PurchaseOrder.id)
            .outerjoin(arrived, arrived.c.order_id == PurchaseOrder.id))
    if text:
        stmt = stmt.where(or_(prefix_range(PurchaseOrder.number, normalize_number(text)),
                              starts_with(Supplier.code, text), contains(Supplier.name, text)))
    if status:
        stmt = stmt.where(PurchaseOrder.status == status)
    if after is not None:
        stmt = stmt.where(PurchaseOrder.number < after)
    stmt = stmt.order_by(PurchaseOrder.number.desc()).limit(limit)
    return [OrderListRow(*row[:7], *(int(v) for v in row[7:])) for row in session.execute(stmt)]


@dataclass(frozen=True)
class OrderLineView:
    """One line of an order, with what was received against it."""

    line_id: int
    line_no: int
    sku: str
    name: str
    alt_name: str
    qty: int
    received: int
    unit_cost: Decimal | None
    expected_date: date | None

    @property
    def open_qty(self) -> int:
        """Still expected (never below zero: more may have come than was ordered)."""
        return max(self.qty - self.received, 0)


@dataclass(frozen=True)
class OrderView:
    """An order's header and lines, for the editor, `po show` and the printed order."""

    id: int
    number: str
    supplier: str
    supplier_name: str
    supplier_address: str
    warehouse: str
    status: str
    expected_date: date | None
    note: str
    order_date: date
    lines: tuple[OrderLineView, ...]

    @property
    def code(self) -> str:
        """PO-<number>, the order's barcode."""
        return PREFIX + self.number

    @property
    def has_receipts(self) -> bool:
        """True when goods arrived against any line."""
        return any(line.received for line in self.lines)


def order_view(session: Session, order_id: int) -> OrderView:
    """One order with its lines and received quantities; NotFound if there is none."""
    order = load_order(session, order_id)
    received = received_by_line(session, order.id)
    products = {p.id: p for p in session.scalars(select(Product).where(
        Product.id.in_([line.product_id for line in order.lines])))}
    warehouse = session.get(Warehouse, order.warehouse_id)
    assert warehouse is not None
    lines = tuple(OrderLineView(
        line.id, line.line_no, products[line.product_id].sku, products[line.product_id].name,
        products[line.product_id].alt_name, line.qty, received.get(line.id, 0),
        line.unit_cost, line.expected_date) for line in order.lines)
    return OrderView(order.id, order.number, order.supplier.code, order.supplier.name,
                     order.supplier.address, warehouse.code, order.status,
                     order.expected_date, order.note, order.created_at.date(), lines)
