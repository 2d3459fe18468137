"""Planning waves: approved orders of one warehouse, grouped and cut into waves.

Orders are chosen by carrier, cut-off time (paid, or ordered when unpaid, at or before it),
single-item (one unit) or multi-item, and zone (every reserved bin of the order in it); each
wave holds orders of one carrier, at most `max_orders` orders and `max_units` units (an order
bigger than that alone gets a wave of its own). Higher priority first, then the oldest.

All of it is set-based: one query reads the candidates with their units, the waves' orders are
inserted in one statement, their pick tasks copied from the reservations in one INSERT ...
SELECT, and the orders moved to `picking` in one UPDATE that checks they were still approved
(two workstations planning at once never put an order in two waves).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, exists, func, insert, literal, select, update
from sqlalchemy.orm import Session

from models.actor import Actor
from models.entities import (
    Location,
    LocationKind,
    LocationType,
    PickTask,
    Reservation,
    SalesOrder,
    SalesOrderLine,
    SalesOrderStatus,
    TaskStatus,
    Warehouse,
    Wave,
    WaveOrder,
    WaveStatus,
    utcnow,
)
from models.errors import InputError, NotFound
from models.permissions import Perm
from models.plural import plural_s

_IN_CHUNK = 5_000


@dataclass(frozen=True)
class WaveRules:
    """Which approved orders go into waves, and how big a wave may be."""

    warehouse: str
    carrier: str | None = None
    cutoff: datetime | None = None
    items: str | None = None  # "single" (one unit), "multi" or None (both)
    zone: str | None = None
    max_orders: int | None = None
    max_units: int | None = None

    def describe(self) -> str:
        """The grouping in a few words, as the wave list shows it."""
        parts = [f"carrier {self.carrier}" if self.carrier else "",
                 f"cut-off {self.cutoff:%Y-%m-%d %H:%M}" if self.cutoff else "",
                 f"{self.items}-item" if self.items else "",
                 f"zone {self.zone}" if self.zone else "",
                 f"max {self.max_orders} order{plural_s(self.max_orders)}"
                 if self.max_orders else "",
                 f"max {self.max_units} unit{plural_s(self.max_units)}"
                 if self.max_units else ""]
        return ", ".join(p for p in parts if p) or "all approved orders"


@dataclass(frozen=True)
class PlannedWave:
    """A wave just planned."""

    id: int
    code: str
    carrier: str
    orders: int
    units: int


def packing_location(session: Session, warehouse_id: int) -> int:
    """The warehouse's packing location: its first active bin of type packing in walk order
    (then by code)."""
    found = session.scalar(
        select(Location.id)
        .where(Location.warehouse_id == warehouse_id, Location.type == LocationType.PACKING,
               Location.kind == LocationKind.BIN, Location.active.is_(True))
        .order_by(Location.walk_seq, Location.code).limit(1))
    if found is None:
        code = session.scalar(select(Warehouse.code).where(Warehouse.id == warehouse_id))
        raise InputError(f"Warehouse {code} has no packing location (a bin of type packing): "
                         "add one in Locations.")
    return found


def _candidates(session: Session, warehouse_id: int, rules: WaveRules) -> list:
    units = func.sum(SalesOrderLine.qty).label("units")
    query = (
        select(SalesOrder.id, SalesOrder.carrier, units)
        .join(SalesOrderLine, SalesOrderLine.order_id == SalesOrder.id)
        .where(SalesOrder.status == SalesOrderStatus.APPROVED,
               SalesOrder.warehouse_id == warehouse_id)
        .group_by(SalesOrder.id, SalesOrder.carrier, SalesOrder.priority,
                  SalesOrder.ordered_at)
        .order_by(SalesOrder.priority.desc(), SalesOrder.ordered_at, SalesOrder.id))
    if rules.carrier:
        query = query.where(SalesOrder.carrier == rules.carrier)
    if rules.cutoff:
        query = query.where(func.coalesce(SalesOrder.paid_at, SalesOrder.ordered_at)
                            <= rules.cutoff)
    if rules.items == "single":
        query = query.having(units == 1)
    elif rules.items == "multi":
        query = query.having(units > 1)
    if rules.zone:
        reserved_in = (
            select(literal(1))
            .select_from(Reservation)
            .join(SalesOrderLine, SalesOrderLine.id == Reservation.order_line_id)
            .join(Location, Location.id == Reservation.location_id)
            .where(SalesOrderLine.order_id == SalesOrder.id, Reservation.qty > 0))
        query = query.where(exists(reserved_in.where(Location.zone == rules.zone)),
                            ~exists(reserved_in.where(Location.zone != rules.zone)))
    return session.execute(query).all()


def _cut(rows: list, rules: WaveRules) -> list[tuple[str, list[tuple[int, int]]]]:
    """Orders (id, units) per wave, each wave one carrier's, in the order given."""
    waves: list[tuple[str, list[tuple[int, int]]]] = []
    filling: dict[str, tuple[list[tuple[int, int]], list[int]]] = {}
    for order_id, carrier, units in rows:
        carrier = carrier or ""
        current = filling.get(carrier)
        if current is not None:
            orders, total = current
            full = ((rules.max_orders and len(orders) >= rules.max_orders)
                    or (rules.max_units and total[0] + units > rules.max_units))
            if full:
                current = None
        if current is None:
            current = ([], [0])
            filling[carrier] = current
            waves.append((carrier, current[0]))
        current[0].append((order_id, int(units)))
        current[1][0] += int(units)
    return waves


def waiting_orders(session: Session, warehouse: str) -> dict[str, int]:
    """How many approved orders of the warehouse wait for a wave, by carrier ("" for
    none)."""
    rows = session.execute(
        select(SalesOrder.carrier, func.count())
        .join(Warehouse, Warehouse.id == SalesOrder.warehouse_id)
        .where(Warehouse.code == warehouse, SalesOrder.status == SalesOrderStatus.APPROVED)
        .group_by(SalesOrder.carrier).order_by(SalesOrder.carrier))
    return {carrier or "": count for carrier, count in rows}


def plan_waves(session: Session, actor: Actor, rules: WaveRules) -> list[PlannedWave]:
    """Put the approved orders the rules choose into waves, released at once (the orders
    are `picking`); returns the waves, none when no order fits."""
    actor.require(Perm.ORDERS_REVIEW)
    for name, value in (("orders", rules.max_orders), ("units", rules.max_units)):
        if value is not None and value < 1:
            raise InputError(f"A wave holds at least 1 of its maximum {name}, not {value}.")
    if rules.items not in (None, "single", "multi"):
        raise InputError(f"Orders are single-item or multi-item, not '{rules.items}'.")
    warehouse_id = session.scalar(select(Warehouse.id).where(Warehouse.code == rules.warehouse))
    if warehouse_id is None:
        raise NotFound(f"There is no warehouse {rules.warehouse}.")
    packing = packing_location(session, warehouse_id)
    cut = _cut(_candidates(session, warehouse_id, rules), rules)
    if not cut:
        return []
    now = utcnow()
    grouping = rules.describe()
    waves = [Wave(warehouse_id=warehouse_id, packing_location_id=packing,
                  status=WaveStatus.OPEN, grouping=grouping, created_by=actor.user_id,
                  created_at=now) for _ in cut]
    session.add_all(waves)
    session.flush()
    session.execute(insert(WaveOrder.__table__), [
        {"wave_id": wave.id, "order_id": order_id, "seq": seq, "tote": None}
        for wave, (_, orders) in zip(waves, cut, strict=True)
        for seq, (order_id, _) in enumerate(orders, 1)])
    wave_ids = [w.id for w in waves]
    order_ids = [o for _, orders in cut for o, _ in orders]
    moved = 0
    for start in range(0, len(order_ids), _IN_CHUNK):
        chunk = order_ids[start:start + _IN_CHUNK]
        moved += session.execute(
            update(SalesOrder)
            .where(SalesOrder.id.in_(chunk), SalesOrder.status == SalesOrderStatus.APPROVED)
            .values(status=SalesOrderStatus.PICKING, updated_at=now)
            .execution_options(synchronize_session=False)).rowcount
    if moved != len(order_ids):
        raise InputError("Orders were planned or changed on another workstation meanwhile; "
                         "nothing was planned: plan again.")
    _copy_tasks(session, wave_ids)
    return [PlannedWave(w.id, w.code, carrier, len(orders), sum(u for _, u in orders))
            for w, (carrier, orders) in zip(waves, cut, strict=True)]


def _copy_tasks(session: Session, wave_ids: list[int]) -> None:
    """A pick task per open reservation of the waves' orders, at its bin's walk position."""
    source = (
        select(WaveOrder.wave_id, SalesOrderLine.order_id, Reservation.order_line_id,
               Reservation.id, Reservation.product_id, Reservation.location_id,
               Reservation.lot_id, Location.walk_seq, Reservation.qty, literal(0),
               literal(TaskStatus.OPEN.value), literal(""))
        .join(SalesOrderLine, SalesOrderLine.order_id == WaveOrder.order_id)
        .join(Reservation, and_(Reservation.order_line_id == SalesOrderLine.id,
                                Reservation.qty > 0))
        .join(Location, Location.id == Reservation.location_id)
        .where(WaveOrder.wave_id.in_(wave_ids)))
    columns = ["wave_id", "order_id", "order_line_id", "reservation_id", "product_id",
               "location_id", "lot_id", "walk_seq", "qty", "picked", "status", "short_reason"]
    session.execute(insert(PickTask.__table__).from_select(columns, source))
