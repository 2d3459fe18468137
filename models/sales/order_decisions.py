"""What a person decides about orders, many at once (the exceptions queue's bulk actions):
retry the review, release a hold, approve by hand, hold, cancel. Each releases what the order
had reserved first, and is traced as a review run of its own."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from models.actor import Actor
from models.entities import SalesOrder, SalesOrderLine, SalesOrderStatus
from models.errors import InputError
from models.permissions import Perm
from models.sales.allocation import release_order_lines
from models.sales.review import ReviewSummary, decide, load_orders, review_orders

S = SalesOrderStatus
WAITING = (S.HELD, S.EXCEPTION, S.BACKORDER)


def _release(session: Session, actor: Actor, order_ids: Sequence[int]) -> int:
    line_ids = list(session.scalars(select(SalesOrderLine.id).where(
        SalesOrderLine.order_id.in_(order_ids))))
    return release_order_lines(session, actor, line_ids) if line_ids else 0


def _orders(session: Session, order_ids: Sequence[int],
            statuses: Sequence[str]) -> tuple[list[Any], dict[str, str]]:
    """The orders that may take the action, and why each other one was left alone."""
    rows = load_orders(session, order_ids=order_ids, statuses=statuses)
    missing = sorted(set(order_ids) - {row.id for row in rows})
    skipped = {}
    for number, status in session.execute(select(SalesOrder.number, SalesOrder.status)
                                          .where(SalesOrder.id.in_(missing))):
        skipped[number] = ("is in use on another workstation: try again" if status in statuses
                           else f"is {status}")
    return rows, skipped


def _act(session: Session, actor: Actor, *, kind: str, order_ids: Sequence[int],
         statuses: Sequence[str], status: str, step: str, reason: str = "") -> ReviewSummary:
    """Give the orders `status` (a hold of an order held already replaces its reason, and
    says so)."""
    rows, skipped = _orders(session, order_ids, statuses)
    _release(session, actor, [row.id for row in rows])
    notes = {}

    def choose(order: Any, _lines: list[Any]) -> None:
        order.status, order.reason = status, reason
        if order.row.status == S.HELD == status:
            before = order.row.hold_reason
            order.steps.append((None, "", f"hold reason replaced by {actor.username} "
                                f"(was: {before})"))
            notes[f"{order.row.code} {order.row.number}"] = (
                f"was held already ({before}); the reason is now: {reason}")
        else:
            order.steps.append((None, "", step))

    summary = decide(session, actor, kind=kind, rows=rows, choose=choose)
    summary.skipped.update(skipped)
    summary.notes.update(notes)
    return summary


def retry_orders(session: Session, actor: Actor, *, order_ids: Sequence[int]) -> ReviewSummary:
    """Review held, exception and backorder orders again: the rules, then the stock."""
    actor.require(Perm.ORDERS_REVIEW)
    rows, skipped = _orders(session, order_ids, WAITING)
    ids = [row.id for row in rows]
    _release(session, actor, ids)
    if ids:
        session.execute(update(SalesOrder), [{"id": i, "status": S.NEW} for i in ids])
    summary = review_orders(session, actor, order_ids=ids, kind="retry") if ids \
        else ReviewSummary()
    summary.skipped.update(skipped)
    return summary


def release_holds(session: Session, actor: Actor, *, order_ids: Sequence[int]) -> ReviewSummary:
    """Lift the hold of held orders and reserve their stock (the rules are not asked again)."""
    actor.require(Perm.ORDERS_APPROVE)
    return _act(session, actor, kind="release", order_ids=order_ids, statuses=(S.HELD,),
                status=S.APPROVED, step=f"hold released by {actor.username}")


def approve_orders(session: Session, actor: Actor, *,
                   order_ids: Sequence[int]) -> ReviewSummary:
    """Approve orders by hand, past the rules, and reserve their stock."""
    actor.require(Perm.ORDERS_APPROVE)
    return _act(session, actor, kind="approve", order_ids=order_ids,
                statuses=(S.NEW, *WAITING), status=S.APPROVED,
                step=f"approved by hand by {actor.username}")


def hold_orders(session: Session, actor: Actor, *, order_ids: Sequence[int],
                reason: str) -> ReviewSummary:
    """Hold orders with a reason (a held order's reason is replaced); what they had
    reserved is released."""
    actor.require(Perm.ORDERS_REVIEW)
    reason = reason.strip()
    if not reason:
        raise InputError("Say why the order is held: the exceptions queue shows the reason.")
    return _act(session, actor, kind="hold", order_ids=order_ids,
                statuses=(S.NEW, S.APPROVED, *WAITING), status=S.HELD,
                step=f"held by {actor.username}", reason=reason[:500])


def cancel_orders(session: Session, actor: Actor, *, order_ids: Sequence[int],
                  reason: str = "") -> ReviewSummary:
    """Cancel orders; what they had reserved is released."""
    actor.require(Perm.ORDERS_REVIEW)
    because = f": {reason.strip()}" if reason.strip() else ""
    return _act(session, actor, kind="cancel", order_ids=order_ids,
                statuses=(S.NEW, S.APPROVED, *WAITING), status=S.CANCELLED,
                step=f"cancelled by {actor.username}{because}")


ACTIONS: dict[str, Callable[..., ReviewSummary]] = {
    "retry": retry_orders, "release": release_holds, "approve": approve_orders,
    "hold": hold_orders, "cancel": cancel_orders}
