"""What a return writes: the return itself (one per parcel), each step as a posting through
the ledger under the step's key (customer -> returns location when received; returns
location -> a bin, quarantine or inventory loss when disposed of), the undo of the last step
as a reversing posting, and the order's status (`returned` once everything shipped is back).
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.actor import Actor
from models.entities import (
    CustomerReturn,
    LocationType,
    ReturnStep,
    ReturnStepKind,
    SalesOrder,
    SalesOrderStatus,
    SerialNumber,
    StockMove,
)
from models.ledger import MoveLine, Reason, post_moves, reverse_posting
from models.reference_data import virtual_location_id
from models.returns.orders import return_items

POSTING_REASONS = {ReturnStepKind.RECEIVE: Reason.RETURN, ReturnStepKind.RESTOCK: Reason.RESTOCK,
                   ReturnStepKind.QUARANTINE: Reason.QUARANTINE,
                   ReturnStepKind.SCRAP: Reason.SCRAP}


def open_return(session: Session, actor: Actor, order_id: int, scanned: str) -> int:
    """A new return of the order (the parcel now on the returns table)."""
    parcel = CustomerReturn(order_id=order_id, scanned=scanned[:64], user_id=actor.user_id,
                            workstation=actor.workstation[:64])
    session.add(parcel)
    session.flush()
    return parcel.id


def step_by_key(session: Session, key: str) -> ReturnStep | None:
    """The step saved under this key (a scan retried after a lost answer)."""
    return session.scalar(select(ReturnStep).where(ReturnStep.key == key))


def customer_id(session: Session) -> int:
    """The virtual customer location returns come from."""
    return virtual_location_id(session, LocationType.CUSTOMER)


def loss_id(session: Session) -> int:
    """The virtual inventory-loss location scrapped goods go to."""
    return virtual_location_id(session, LocationType.INVENTORY_LOSS)


def post_step(session: Session, actor: Actor, order: SalesOrder, return_id: int, *,
              kind: ReturnStepKind, product_id: int, lot_id: int | None, qty: int,
              from_id: int, to_id: int, key: str, reason: str = "", note: str = "",
              approved_by: int | None = None, serial_id: int | None = None) -> ReturnStep:
    """Move the units (one posting under the step's key; a serial-tracked unit's posting
    carries its serial) and keep the step."""
    posting = post_moves(session, actor, [MoveLine(product_id, qty, from_id, to_id,
                                                   lot_id=lot_id, serial_id=serial_id)],
                         reason=POSTING_REASONS[kind], reference=f"{order.number} RMA-{return_id}",
                         note=note[:255], idempotency_key=f"return:{key}")
    step = ReturnStep(return_id=return_id, kind=kind, product_id=product_id, lot_id=lot_id,
                      qty=qty, to_location_id=to_id, reason=reason, note=note[:255],
                      posting_id=posting.posting_id, key=key, user_id=actor.user_id,
                      approved_by=approved_by)
    session.add(step)
    session.flush()
    if kind is ReturnStepKind.RECEIVE:
        settle_status(session, order)
    return step


def undo_last(session: Session, actor: Actor, order: SalesOrder, return_id: int, *, key: str
              ) -> tuple[ReturnStep, bool] | None:
    """Reverse the return's last step; (the step, True when this undo was done before under
    the same key). None when nothing is left to undo."""
    before = session.scalar(select(ReturnStep).where(ReturnStep.undo_key == key))
    if before is not None:
        return before, True
    last = last_step(session, return_id)
    if last is None:
        return None
    reverse_posting(session, actor, last.posting_id, idempotency_key=f"return-undo:{key}",
                    note=f"undo RMA-{return_id}")
    last.undone = True
    last.undo_key = key
    session.flush()
    if last.kind == ReturnStepKind.RECEIVE:
        settle_status(session, order)
    return last, False


def last_step(session: Session, return_id: int) -> ReturnStep | None:
    """The return's last step not undone (the one an undo reverses), locked."""
    return session.scalar(
        select(ReturnStep).where(ReturnStep.return_id == return_id,
                                 ReturnStep.undone.is_(False))
        .order_by(ReturnStep.id.desc()).limit(1).with_for_update())


def serial_of(session: Session, step: ReturnStep) -> str:
    """The serial number the step moved ("" for a product not tracked by serial)."""
    return session.scalar(select(SerialNumber.serial)
                          .join(StockMove, StockMove.serial_id == SerialNumber.id)
                          .where(StockMove.posting_id == step.posting_id).limit(1)) or ""


def settle_status(session: Session, order: SalesOrder) -> None:
    """`returned` once every unit shipped came back, `shipped` again when one did not."""
    items = return_items(session, order.id, None)
    back = bool(items) and all(i.left <= 0 for i in items)
    order.status = SalesOrderStatus.RETURNED if back else SalesOrderStatus.SHIPPED
    session.flush()
