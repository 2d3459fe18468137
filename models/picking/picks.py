"""What a pick changes: stock from the bin to the packing location through the ledger
(consuming the order's reservation, as shipping does: the move line names the reservation),
the task's picked units, and the order and wave once nothing is left to pick. Also the undo
of a pick and a bin that held fewer than the tasks want (its products are then held there
until it is counted, models/counting/short_holds.py).

Every pick is a posting with an idempotency key and a pick event under the same key, in one
transaction: a crash loses at most the scan in flight, and a retried scan is never picked
twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import exists, select, update
from sqlalchemy.orm import Session

from models.actor import Actor
from models.counting.short_holds import hold_short
from models.entities import (
    Location,
    PickEvent,
    PickTask,
    Product,
    Reservation,
    SalesOrder,
    SalesOrderStatus,
    StockPosting,
    TaskStatus,
    Wave,
    WaveStatus,
)
from models.errors import InputError
from models.ledger import MoveLine, Reason, post_moves, reverse_posting
from models.ledger.reservations import ReserveRequest, reinstate, release_units, reserve_quant
from models.sales.allocation import StockPool, partial_policy


@dataclass(frozen=True)
class Settled:
    """What a pick or an undo finished (or reopened)."""

    order_picked: str = ""  # the order number that is now picked
    wave_done: bool = False


def already_picked(session: Session, key: str) -> bool:
    """True when a pick with this scan's key was posted (a retry after a lost answer)."""
    return bool(session.scalar(select(exists().where(PickEvent.key == key))))


def post_pick(session: Session, actor: Actor, wave: Wave, task_id: int, qty: int, *,
              key: str, serial_id: int | None = None) -> Settled:
    """Move `qty` units of a task from its bin to the packing location."""
    task = session.get(PickTask, task_id, with_for_update=True)
    assert task is not None and task.wave_id == wave.id
    if task.status != TaskStatus.OPEN or task.picked + qty > task.qty:
        raise InputError("This pick was changed on another workstation meanwhile; "
                         "scan the bin again.")
    order_no = session.scalar(select(SalesOrder.number).where(SalesOrder.id == task.order_id))
    line = MoveLine(task.product_id, qty, task.location_id, wave.packing_location_id,
                    lot_id=task.lot_id, serial_id=serial_id,
                    reservation_id=task.reservation_id)
    posting = post_moves(session, actor, [line], reason=Reason.PICK,
                         reference=f"{wave.code} {order_no}", idempotency_key=f"pick:{key}")
    session.add(PickEvent(task_id=task.id, wave_id=wave.id, key=key, qty=qty,
                          posting_id=posting.posting_id, user_id=actor.user_id))
    task.picked += qty
    if task.picked == task.qty:
        task.status = TaskStatus.DONE
    if wave.status == WaveStatus.OPEN:
        wave.status = WaveStatus.PICKING
    session.flush()
    return _settle(session, wave, task.order_id)


def _settle(session: Session, wave: Wave, order_id: int) -> Settled:
    open_task = select(PickTask.id).where(PickTask.wave_id == wave.id,
                                          PickTask.status == TaskStatus.OPEN)
    picked = ""
    if session.scalar(open_task.where(PickTask.order_id == order_id).limit(1)) is None:
        order = session.get(SalesOrder, order_id)
        assert order is not None
        if order.status == SalesOrderStatus.PICKING:
            order.status = SalesOrderStatus.PICKED
            picked = order.number
    done = session.scalar(open_task.limit(1)) is None
    if done:
        wave.status = WaveStatus.DONE
    session.flush()
    return Settled(picked, done)


def already_undone(session: Session, key: str) -> bool:
    """True when an undo with this scan's key was posted (a retry after a lost answer)."""
    return bool(session.scalar(select(exists().where(
        StockPosting.idempotency_key == f"unpick:{key}"))))


def undo_pick(session: Session, actor: Actor, wave: Wave, *, key: str
              ) -> tuple[PickEvent, PickTask] | None:
    """Reverse this worker's last pick in the wave (a reversing posting back to the bin, the
    reservation reinstated); None when there is none."""
    event = session.scalar(
        select(PickEvent)
        .where(PickEvent.wave_id == wave.id, PickEvent.user_id == actor.user_id,
               PickEvent.undone.is_(False))
        .order_by(PickEvent.id.desc()).limit(1).with_for_update())
    if event is None:
        return None
    task = session.get(PickTask, event.task_id, with_for_update=True)
    assert task is not None
    if task.status == TaskStatus.SHORT:
        raise InputError("The bin was reported short after this pick: put the units in "
                         "the order's tote and tell a supervisor, it cannot be undone here.")
    reverse_posting(session, actor, event.posting_id, idempotency_key=f"unpick:{key}",
                    note=f"undo of a pick in {wave.code}")
    reinstate(session, task.reservation_id, event.qty)
    event.undone = True
    task.picked -= event.qty
    task.status = TaskStatus.OPEN
    order = session.get(SalesOrder, task.order_id)
    assert order is not None
    if order.status == SalesOrderStatus.PICKED:
        order.status = SalesOrderStatus.PICKING
    wave.status = WaveStatus.PICKING
    session.flush()
    return event, task


@dataclass(frozen=True)
class Shortage:
    """One task a bin was short for, and where its missing units went."""

    sku: str
    order: str
    missing: int
    moved_to: tuple[str, ...]  # bins the missing units were reserved in instead
    left: int  # units found nowhere: the order is backordered or an exception


@dataclass(frozen=True)
class BinShort:
    """What a short report changed: each task's shortage, and the count the bin is in now."""

    shortages: tuple[Shortage, ...]
    count: str  # COUNT-<n>: until it is approved, the products are not reserved in the bin


def short_bin(session: Session, actor: Actor, wave: Wave, location_id: int, *,
              today: date) -> BinShort | None:
    """The bin holds no more for the wave: each open task there keeps what was picked; its
    products are held in the bin until it is counted (a count is planned); the rest of each
    reservation is released and reserved in other bins (first expiry / first in first out,
    as on approval) as new tasks at their walk position. What no bin has makes the order a
    backorder (or an exception, by the partial-stock setting). None when nothing was left to
    pick there."""
    tasks = session.scalars(
        select(PickTask)
        .where(PickTask.wave_id == wave.id, PickTask.location_id == location_id,
               PickTask.status == TaskStatus.OPEN)
        .order_by(PickTask.id).with_for_update()).all()
    if not tasks:
        return None
    code = session.scalar(select(Location.code).where(Location.id == location_id))
    count = hold_short(session, actor, location_id, {t.product_id for t in tasks},
                       reason=f"Short pick in {wave.code}: {code}")
    found: list[Shortage] = []
    for task in tasks:
        missing = task.qty - task.picked
        release_units(session, task.reservation_id, missing)
        task.status = TaskStatus.SHORT
        task.short_reason = f"{code} held {task.picked} of {task.qty}"
        moved, left = _reallocate(session, actor, wave, task, missing, today=today)
        order = session.get(SalesOrder, task.order_id)
        sku = session.scalar(select(Product.sku).where(Product.id == task.product_id))
        assert order is not None
        if left:
            _order_short(session, order, f"short pick in {wave.code}: {sku} {left} missing "
                                         f"({code} short, none free elsewhere)")
        found.append(Shortage(sku or "", order.number, missing, moved, left))
    if wave.status == WaveStatus.OPEN:
        wave.status = WaveStatus.PICKING
    session.flush()
    for order_id in {t.order_id for t in tasks}:
        _settle(session, wave, order_id)
    return BinShort(tuple(found), count)


def _reallocate(session: Session, actor: Actor, wave: Wave, task: PickTask, missing: int, *,
                today: date) -> tuple[tuple[str, ...], int]:
    reference = session.scalar(select(Reservation.reference)
                               .where(Reservation.id == task.reservation_id)) or wave.code
    pool = StockPool(session, wave.warehouse_id, [task.product_id], today=today)
    moved = []
    for piece in pool.pieces.get(task.product_id, []):
        if not missing:
            break
        qty = min(piece.free, missing)
        reservation_id = reserve_quant(session, actor, ReserveRequest(
            task.product_id, piece.location_id, piece.lot_id, qty, reference,
            task.order_line_id))
        bin_ = session.get(Location, piece.location_id)
        assert bin_ is not None
        session.add(PickTask(wave_id=wave.id, order_id=task.order_id,
                             order_line_id=task.order_line_id, reservation_id=reservation_id,
                             product_id=task.product_id, location_id=piece.location_id,
                             lot_id=piece.lot_id, walk_seq=bin_.walk_seq, qty=qty))
        moved.append(bin_.code)
        missing -= qty
    return tuple(moved), missing


def _order_short(session: Session, order: SalesOrder, reason: str) -> None:
    if partial_policy(session) == "backorder":
        values = {"status": SalesOrderStatus.BACKORDER, "hold_reason": reason[:500]}
    else:
        values = {"status": SalesOrderStatus.EXCEPTION, "exception_reason": reason[:500]}
    session.execute(update(SalesOrder).where(SalesOrder.id == order.id).values(**values)
                    .execution_options(synchronize_session="fetch"))
