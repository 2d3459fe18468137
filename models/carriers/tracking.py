"""Giving an order its tracking number from the order's carrier.

A carrier is served by an adapter for its kind: the number pool hands out the next number of
the ranges the carrier sent; manual entry takes the number typed or scanned from the carrier's
own waybill. A carrier with an API is a third adapter with the same one method.
"""

from __future__ import annotations

from typing import Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import audit
from models.actor import Actor
from models.carriers.carriers import carrier_by_code
from models.carriers.check_digits import RULES, normalize_number
from models.carriers.ranges import take_number
from models.entities import Carrier, CarrierKind, SalesOrder, SalesOrderStatus
from models.errors import InputError, NotFound
from models.permissions import Perm

#: Orders that may get a tracking number: approved (every unit reserved), in a wave, picked.
SHIPPABLE = frozenset({SalesOrderStatus.APPROVED, SalesOrderStatus.PICKING,
                       SalesOrderStatus.PICKED})


class NumberNeeded(InputError):
    """A manual carrier's order has no tracking number yet and none was typed."""

    def __init__(self, carrier: str) -> None:
        super().__init__(f"Scan or type the tracking number of the {carrier} waybill.")
        self.carrier = carrier


class CarrierAdapter(Protocol):
    """How one kind of carrier comes to a tracking number for an order."""

    def tracking_number(self, session: Session, carrier: Carrier, order: SalesOrder,
                        typed: str | None) -> str:
        """The order's new tracking number, or InputError saying what is missing."""
        ...


class NumberPool:
    """The next number of the ranges the carrier sent (nothing to type)."""

    def tracking_number(self, session: Session, carrier: Carrier, order: SalesOrder,
                        typed: str | None) -> str:
        """The pool's next number; a typed one is refused, the pool decides."""
        if typed:
            raise InputError(f"Carrier {carrier.code} hands out its numbers from its ranges: "
                             "leave the tracking number empty.")
        return take_number(session, carrier)


class ManualEntry:
    """The number typed or scanned from the carrier's own waybill, checked by its rule."""

    def tracking_number(self, session: Session, carrier: Carrier, order: SalesOrder,
                        typed: str | None) -> str:
        """The typed number, if the carrier's check-digit rule accepts it."""
        number = normalize_number(typed or "")
        if not number:
            raise NumberNeeded(carrier.code)
        problem = RULES[carrier.check_rule].problem(number)
        if problem is not None:
            raise InputError(problem)
        return number


ADAPTERS: dict[str, CarrierAdapter] = {CarrierKind.POOL: NumberPool(),
                                       CarrierKind.MANUAL: ManualEntry()}


def assign_tracking(session: Session, actor: Actor, *, order_id: int,
                    typed: str | None = None) -> str:
    """The order's tracking number: the one it has, or a new one from its carrier."""
    order = session.get(SalesOrder, order_id, with_for_update=True)
    if order is None:
        raise NotFound(f"There is no sales order with id {order_id}.")
    return give_tracking(session, actor, order, typed=typed)


def give_tracking(session: Session, actor: Actor, order: SalesOrder, *,
                  typed: str | None = None) -> str:
    """`assign_tracking` for an order the caller read and locked (FOR UPDATE) already."""
    actor.require(Perm.STOCK_MOVE)
    if order.tracking_number:
        if typed and normalize_number(typed) != order.tracking_number:
            raise InputError(f"Order {order.number} has tracking number "
                             f"{order.tracking_number} already.")
        return order.tracking_number
    if order.status not in SHIPPABLE:
        raise InputError(f"Order {order.number} is {order.status}: only an approved order, "
                         "or one being picked, gets a tracking number.")
    if not order.carrier:
        raise InputError(f"Order {order.number} has no carrier: choose one (or let a review "
                         "rule assign it) first.")
    carrier = carrier_by_code(session, order.carrier)
    if not carrier.active:
        raise InputError(f"Carrier {carrier.code} is not in use any more: choose another for "
                         f"order {order.number}.")
    number = ADAPTERS[carrier.kind].tracking_number(session, carrier, order, typed)
    other = session.scalar(select(SalesOrder.number).where(
        SalesOrder.carrier == order.carrier, SalesOrder.tracking_number == number))
    if other is not None:
        raise InputError(f"Tracking number {number} is on order {other} already: scan the "
                         "waybill of this parcel.")
    order.tracking_number = number
    audit.record(session, actor, "order.tracking", entity="sales_order", entity_id=order.id,
                 carrier=carrier.code, tracking_number=number)
    return number
