"""Read-only views of the review: the exceptions queue, an order's trace and reservations, and
finding orders by number."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models.entities import (
    Location,
    Lot,
    OrderRuleTrace,
    Product,
    Reservation,
    ReviewRun,
    SalesOrder,
    SalesOrderLine,
    SalesOrderStatus,
    Shop,
    User,
)
from models.errors import InputError, NotFound
from models.sales.shops import shop_by_code

QUEUE = (SalesOrderStatus.HELD, SalesOrderStatus.EXCEPTION, SalesOrderStatus.BACKORDER)


@dataclass(frozen=True)
class QueueRow:
    """An order that waits for a person, and why."""

    id: int
    shop: str
    number: str
    status: str
    reason: str
    ordered_at: datetime
    paid_total: Decimal
    currency: str


@dataclass(frozen=True)
class TraceStep:
    """One step of an order's review."""

    run_id: int
    kind: str
    at: datetime
    user: str
    step: int
    rule: str
    effect: str


@dataclass(frozen=True)
class ReservedStock:
    """Units reserved for an order line in one bin (and lot)."""

    line_no: int
    sku: str
    location: str
    lot: str | None
    expiry: object
    qty: int


def find_orders(session: Session, numbers: Sequence[str], *, shop: str = "") -> list[int]:
    """The ids of the orders of these numbers (of one shop, or of any when the number is
    unique); NotFound or InputError naming the number otherwise."""
    shop_id = shop_by_code(session, shop).id if shop else None
    ids = []
    for number in numbers:
        query = select(SalesOrder.id, Shop.code).join(Shop, Shop.id == SalesOrder.shop_id)\
            .where(SalesOrder.number == number.strip())
        if shop_id is not None:
            query = query.where(SalesOrder.shop_id == shop_id)
        found = session.execute(query).all()
        if not found:
            raise NotFound(f"There is no order {number}" + (f" in shop {shop}." if shop
                                                              else "."))
        if len(found) > 1:
            shops = ", ".join(sorted(code for _, code in found))
            raise InputError(f"Order number {number} is in several shops ({shops}): "
                             "say which with --shop.")
        ids.append(found[0][0])
    return ids


def exception_queue(session: Session, *, shop: str = "", status: str = "",
                    limit: int = 1_000) -> list[QueueRow]:
    """Held, exception and backorder orders with their reason, oldest first."""
    reason = func.coalesce(func.nullif(SalesOrder.exception_reason, ""), SalesOrder.hold_reason)
    query = (select(SalesOrder.id, Shop.code, SalesOrder.number, SalesOrder.status, reason,
                    SalesOrder.ordered_at, SalesOrder.paid_total, SalesOrder.currency)
             .join(Shop, Shop.id == SalesOrder.shop_id)
             .where(SalesOrder.status.in_([status] if status else list(QUEUE)))
             .order_by(SalesOrder.ordered_at, SalesOrder.id).limit(limit))
    if shop:
        query = query.where(SalesOrder.shop_id == shop_by_code(session, shop).id)
    return [QueueRow(*row) for row in session.execute(query)]


def order_trace(session: Session, order_id: int) -> list[TraceStep]:
    """Every step of every review of the order, oldest first."""
    query = (select(OrderRuleTrace.run_id, ReviewRun.kind, OrderRuleTrace.at, User.username,
                    OrderRuleTrace.step, OrderRuleTrace.rule_name, OrderRuleTrace.effect)
             .join(ReviewRun, ReviewRun.id == OrderRuleTrace.run_id)
             .join(User, User.id == ReviewRun.user_id)
             .where(OrderRuleTrace.order_id == order_id)
             .order_by(OrderRuleTrace.id))
    return [TraceStep(*row) for row in session.execute(query)]


def order_reservations(session: Session, order_id: int) -> list[ReservedStock]:
    """What is still reserved for the order, line by line."""
    query = (select(SalesOrderLine.line_no, Product.sku, Location.code, Lot.number, Lot.expiry,
                    Reservation.qty)
             .join(SalesOrderLine, SalesOrderLine.id == Reservation.order_line_id)
             .join(Product, Product.id == Reservation.product_id)
             .join(Location, Location.id == Reservation.location_id)
             .outerjoin(Lot, Lot.id == Reservation.lot_id)
             .where(SalesOrderLine.order_id == order_id, Reservation.qty > 0)
             .order_by(SalesOrderLine.line_no, Reservation.id))
    return [ReservedStock(*row) for row in session.execute(query)]


def order_by_id(session: Session, order_id: int) -> SalesOrder:
    """The order with this id."""
    order = session.get(SalesOrder, order_id)
    if order is None:
        raise NotFound(f"There is no order #{order_id}.")
    return order
