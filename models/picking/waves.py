"""Finding, listing and cancelling waves."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from models.actor import Actor
from models.entities import (
    PickTask,
    SalesOrder,
    SalesOrderStatus,
    Warehouse,
    Wave,
    WaveOrder,
    WaveStatus,
    utcnow,
)
from models.errors import InputError, NotFound
from models.permissions import Perm
from models.plural import plural_s


def find_wave(session: Session, ref: str | int) -> Wave:
    """A wave by WAVE-<n> or <n>."""
    text = str(ref).strip().upper().removeprefix("WAVE-")
    wave = session.get(Wave, int(text)) if text.isdigit() else None
    if wave is None:
        raise NotFound(f"There is no wave {ref}: give WAVE-<number> as on the pick list.")
    return wave


@dataclass(frozen=True)
class WaveSummary:
    """A wave as the wave list shows it."""

    id: int
    code: str
    warehouse: str
    status: str
    grouping: str
    carrier: str  # its orders' carrier ("" when they have none)
    orders: int
    units: int
    picked: int
    tasks: int  # pick tasks: one per reservation of its orders
    created_at: datetime


def list_waves(session: Session, *, active_only: bool = False) -> list[WaveSummary]:
    """Waves, newest first, with their carrier, orders, units picked and pick tasks."""
    # A wave is planned from one carrier's orders: any of them names it.
    orders = (select(WaveOrder.wave_id, func.count().label("n"),
                     func.max(SalesOrder.carrier).label("carrier"))
              .join(SalesOrder, SalesOrder.id == WaveOrder.order_id)
              .group_by(WaveOrder.wave_id).subquery())
    units = (select(PickTask.wave_id, func.sum(PickTask.qty).label("qty"),
                    func.sum(PickTask.picked).label("picked"), func.count().label("tasks"))
             .group_by(PickTask.wave_id).subquery())
    query = (select(Wave, Warehouse.code, orders.c.carrier, orders.c.n, units.c.qty,
                    units.c.picked, units.c.tasks)
             .join(Warehouse, Warehouse.id == Wave.warehouse_id)
             .outerjoin(orders, orders.c.wave_id == Wave.id)
             .outerjoin(units, units.c.wave_id == Wave.id)
             .order_by(Wave.id.desc()))
    if active_only:
        query = query.where(Wave.status.in_((WaveStatus.OPEN, WaveStatus.PICKING)))
    return [WaveSummary(w.id, w.code, code, w.status, w.grouping, carrier or "", n or 0,
                        qty or 0, picked or 0, tasks or 0, w.created_at)
            for w, code, carrier, n, qty, picked, tasks in session.execute(query)]


def cancel_wave(session: Session, actor: Actor, ref: str | int) -> int:
    """Cancel a wave nothing was picked in yet: its orders are approved again, their
    reservations kept; returns the orders."""
    actor.require(Perm.ORDERS_REVIEW)
    wave = find_wave(session, ref)
    if wave.status not in (WaveStatus.OPEN, WaveStatus.PICKING):
        raise InputError(f"{wave.code} is {wave.status}; only an open wave is cancelled.")
    picked = session.scalar(select(func.coalesce(func.sum(PickTask.picked), 0))
                            .where(PickTask.wave_id == wave.id))
    if picked:
        raise InputError(f"{wave.code} has {picked} unit{plural_s(picked)} picked already: "
                         "undo the picks (or finish the wave) first.")
    in_wave = select(WaveOrder.order_id).where(WaveOrder.wave_id == wave.id)
    moved = session.execute(
        update(SalesOrder)
        .where(SalesOrder.id.in_(in_wave), SalesOrder.status == SalesOrderStatus.PICKING)
        .values(status=SalesOrderStatus.APPROVED, updated_at=utcnow())
        .execution_options(synchronize_session=False)).rowcount
    wave.status = WaveStatus.CANCELLED
    session.flush()
    return moved
