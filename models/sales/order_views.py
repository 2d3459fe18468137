"""Read-only views of sales orders for lists and the order detail."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models.entities import Product, SalesOrder, SalesOrderLine, Shop
from models.errors import NotFound
from models.sales.shops import shop_by_code


@dataclass(frozen=True)
class OrderRow:
    """One order in a list."""

    id: int
    shop: str
    number: str
    status: str
    ordered_at: datetime
    recipient: str
    city: str
    lines: int
    units: int
    paid_total: Decimal
    currency: str


@dataclass(frozen=True)
class OrderLineView:
    """A line of an order, with the product it was matched to (if any)."""

    line_no: int
    sku: str
    title: str
    qty: int
    unit_price: Decimal
    product_sku: str | None
    line_ref: str


def order_list(session: Session, *, shop: str = "", status: str = "",
               limit: int = 1_000) -> list[OrderRow]:
    """Orders newest first, optionally of one shop and one status."""
    counts = (select(SalesOrderLine.order_id, func.count().label("lines"),
                     func.sum(SalesOrderLine.qty).label("units"))
              .group_by(SalesOrderLine.order_id).subquery())
    query = (select(SalesOrder.id, Shop.code, SalesOrder.number, SalesOrder.status,
                    SalesOrder.ordered_at, SalesOrder.recipient, SalesOrder.city,
                    func.coalesce(counts.c.lines, 0), func.coalesce(counts.c.units, 0),
                    SalesOrder.paid_total, SalesOrder.currency)
             .join(Shop, Shop.id == SalesOrder.shop_id)
             .outerjoin(counts, counts.c.order_id == SalesOrder.id)
             .order_by(SalesOrder.ordered_at.desc(), SalesOrder.id.desc()).limit(limit))
    if shop:
        query = query.where(SalesOrder.shop_id == shop_by_code(session, shop).id)
    if status:
        query = query.where(SalesOrder.status == status)
    return [OrderRow(*row) for row in session.execute(query)]


def order_by_number(session: Session, shop: str, number: str) -> SalesOrder:
    """The shop's order of this number."""
    shop_row = shop_by_code(session, shop)
    order = session.scalar(select(SalesOrder).where(
        SalesOrder.shop_id == shop_row.id, SalesOrder.number == number.strip()))
    if order is None:
        raise NotFound(f"Shop {shop_row.code} has no order {number}.")
    return order


def order_lines(session: Session, order_id: int) -> list[OrderLineView]:
    """An order's lines in order."""
    query = (select(SalesOrderLine.line_no, SalesOrderLine.sku, SalesOrderLine.title,
                    SalesOrderLine.qty, SalesOrderLine.unit_price, Product.sku,
                    SalesOrderLine.line_ref)
             .outerjoin(Product, Product.id == SalesOrderLine.product_id)
             .where(SalesOrderLine.order_id == order_id).order_by(SalesOrderLine.line_no))
    return [OrderLineView(*row) for row in session.execute(query)]
