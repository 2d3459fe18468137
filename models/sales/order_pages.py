"""Sales orders as the Sales orders page shows them: the list a page at a time (searched by
order number, buyer, recipient or SKU), and one order in full with its matched products and
what came back of it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import and_, exists, func, or_, select
from sqlalchemy.orm import Session

from models.entities import Product, SalesOrder, SalesOrderLine, Shop
from models.errors import NotFound
from models.masterdata.listing import PAGE_SIZE
from models.returns.order_returns import OrderReturn, order_returns
from models.sales.order_views import OrderLineView, OrderRow, order_lines
from models.sales.review_views import (
    ReservedStock,
    TraceStep,
    order_reservations,
    order_trace,
)
from models.text_match import contains, starts_with

#: Where the next page of the list starts: the last row's (ordered_at, id).
PageKey = tuple[datetime, int]


def order_key(row: OrderRow) -> PageKey:
    """The list's sort key of a row (newest first)."""
    return row.ordered_at, row.id


def order_page(session: Session, text: str = "", *, shop: str = "", status: str = "",
               after: PageKey | None = None, limit: int = PAGE_SIZE) -> list[OrderRow]:
    """Orders newest first, after `after`: those whose number or a line's SKU starts with
    `text`, or whose buyer or recipient contains it; of one shop and status if given."""
    text = text.strip()
    # Per shown row only: counting every order's lines first would read the whole table.
    lines = (select(func.count()).where(SalesOrderLine.order_id == SalesOrder.id)
             .scalar_subquery())
    units = (select(func.coalesce(func.sum(SalesOrderLine.qty), 0))
             .where(SalesOrderLine.order_id == SalesOrder.id).scalar_subquery())
    query = (select(SalesOrder.id, Shop.code, SalesOrder.number, SalesOrder.status,
                    SalesOrder.ordered_at, SalesOrder.recipient, SalesOrder.city, lines,
                    units, SalesOrder.paid_total, SalesOrder.currency)
             .join(Shop, Shop.id == SalesOrder.shop_id))
    if text:
        query = query.where(or_(
            starts_with(SalesOrder.number, text), contains(SalesOrder.buyer_name, text),
            contains(SalesOrder.recipient, text),
            exists().where(SalesOrderLine.order_id == SalesOrder.id,
                           starts_with(SalesOrderLine.sku, text))))
    if shop:
        query = query.where(Shop.code == shop)
    if status:
        query = query.where(SalesOrder.status == status)
    if after is not None:
        ordered_at, order_id = after
        query = query.where(or_(SalesOrder.ordered_at < ordered_at,
                                and_(SalesOrder.ordered_at == ordered_at,
                                     SalesOrder.id < order_id)))
    query = query.order_by(SalesOrder.ordered_at.desc(), SalesOrder.id.desc()).limit(limit)
    return [OrderRow(*row[:7], int(row[7]), int(row[8]), *row[9:])
            for row in session.execute(query)]


@dataclass(frozen=True)
class DetailLine:
    """A line as the order detail shows it: the shop's line, the product it matched and
    the units of it that came back."""

    line: OrderLineView
    product_name: str | None
    returned: int = 0

    @property
    def matched(self) -> bool:
        """True when the shop's SKU is a product (or barcode) here."""
        return self.line.product_sku is not None


@dataclass(frozen=True)
class OrderDetail:
    """One order in full: who, where, when, what was paid, and its lines."""

    id: int
    shop: str
    shop_name: str
    number: str
    status: str
    buyer_name: str
    recipient: str
    phone: str
    email: str
    province: str
    city: str
    district: str
    street: str
    postcode: str
    country: str
    buyer_note: str
    seller_note: str
    ordered_at: datetime
    paid_at: datetime | None
    created_at: datetime
    updated_at: datetime
    goods_total: Decimal
    shipping_fee: Decimal
    discount: Decimal
    paid_total: Decimal
    currency: str
    lines: tuple[DetailLine, ...]
    # What the review made of it: why it waits, where and how it ships, what it holds.
    reason: str = ""
    warehouse: str = ""
    carrier: str = ""
    tracking_number: str = ""
    priority: int = 0
    reservations: tuple[ReservedStock, ...] = ()
    trace: tuple[TraceStep, ...] = ()
    returns: tuple[OrderReturn, ...] = ()  # the parcels that came back, oldest first

    @property
    def address(self) -> str:
        """The whole address on one line, as a label would print it."""
        parts = (self.province, self.city, self.district, self.street, self.postcode,
                 self.country)
        return " ".join(part for part in parts if part)


def order_detail(session: Session, order_id: int) -> OrderDetail:
    """The order with this id and its lines; NotFound if there is none."""
    order = session.get(SalesOrder, order_id)
    if order is None:
        raise NotFound(f"There is no sales order {order_id}.")
    lines = order_lines(session, order_id)
    skus = {line.product_sku for line in lines if line.product_sku}
    names = dict(session.execute(select(Product.sku, Product.name).where(
        Product.sku.in_(skus))).all()) if skus else {}
    back = order_returns(session, order_id)
    returned = back.per_line([(line.product_sku, line.qty) for line in lines])
    return OrderDetail(
        order.id, order.shop.code, order.shop.name, order.number, order.status,
        order.buyer_name, order.recipient, order.phone, order.email, order.province,
        order.city, order.district, order.street, order.postcode, order.country,
        order.buyer_note, order.seller_note, order.ordered_at, order.paid_at,
        order.created_at, order.updated_at, order.goods_total, order.shipping_fee,
        order.discount, order.paid_total, order.currency,
        tuple(DetailLine(line, names.get(line.product_sku or ""), n)
              for line, n in zip(lines, returned, strict=True)),
        reason=order.exception_reason or order.hold_reason,
        warehouse=order.warehouse.code if order.warehouse_id else "",
        carrier=order.carrier or "", tracking_number=order.tracking_number or "",
        priority=order.priority,
        reservations=tuple(order_reservations(session, order_id)),
        trace=tuple(order_trace(session, order_id)), returns=back.returns)
