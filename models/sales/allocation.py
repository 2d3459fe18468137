"""Reserving an approved order's stock in its warehouse, and releasing it again.

Which stock: bins of type storage or pick face that are not blocked (never receiving,
quarantine, packing or virtual locations), and not a product held in a bin a picker reported
short until the bin is counted (models/counting/short_holds.py). In what order:
- expiry-tracked products, first expiry first out: lots with an expiry, earliest first (a lot
  past its expiry is never reserved), then lots without one;
- other products, first in first out: the oldest lot first (when the lot was recorded, i.e.
  received), and stock without a lot by the age of its quant (a quant is created when the
  product first arrives in that bin), so the bin that got the product first is emptied first.
Across bins as needed. The quants a run may reserve are read with FOR UPDATE on PostgreSQL (in
id order, so workstations lock them alike; SQLite writers never overlap) and reserved with the
ledger's conditional update: no workstation can reserve what another already holds.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from models.actor import Actor
from models.app_settings import read_setting, write_setting
from models.entities import (
    Location,
    LocationKind,
    LocationType,
    Lot,
    Product,
    Quant,
    Reservation,
    ShortHold,
)
from models.errors import InputError
from models.ledger.reservations import ReserveRequest, release, reserve_many
from models.permissions import Perm

#: What to do when only part of an order is in stock: "hold" it (nothing reserved, default)
#: or "backorder" it (reserve what there is; the rest waits).
PARTIAL_STOCK = "orders.partial_stock"
POLICIES = ("hold", "backorder")
_PICKABLE = (LocationType.STORAGE, LocationType.PICK_FACE)
_CHUNK = 10_000
_LATEST = datetime.max


def partial_policy(session: Session) -> str:
    """'hold' or 'backorder'."""
    value = read_setting(session, PARTIAL_STOCK, "hold")
    return value if value in POLICIES else "hold"


def set_partial_policy(session: Session, actor: Actor, *, policy: str) -> None:
    """Choose what happens to an order only partly in stock."""
    actor.require(Perm.ORDERS_APPROVE)
    if policy not in POLICIES:
        raise InputError(f"'{policy}' is not a choice for partial stock: hold or backorder.")
    write_setting(session, PARTIAL_STOCK, policy)


@dataclass
class _Piece:
    """Stock of one quant that can still be reserved."""

    product_id: int
    location_id: int
    lot_id: int | None
    free: int


@dataclass(frozen=True)
class LineToReserve:
    """An order line to reserve."""

    line_id: int
    line_no: int
    sku: str
    product_id: int | None
    qty: int


@dataclass
class Allocation:
    """What reserving one order came to."""

    status: str  # approved, backorder, held or exception
    reason: str = ""
    requests: list[ReserveRequest] = field(default_factory=list)


def _sort_key(expiry_tracked: bool, expiry: date | None, received: datetime | None,
              quant_id: int) -> tuple:
    if expiry_tracked:
        return (expiry is None, expiry or date.max, quant_id)
    return (received or _LATEST, quant_id)


class StockPool:
    """The reservable stock of some products in one warehouse, in the order it is taken."""

    def __init__(self, session: Session, warehouse_id: int, product_ids: Iterable[int], *,
                 today: date) -> None:
        self.pieces: dict[int, list[_Piece]] = {}
        ranked: dict[int, list[tuple[tuple, _Piece]]] = defaultdict(list)
        wanted = sorted(set(product_ids))
        for start in range(0, len(wanted), _CHUNK):
            query = (
                select(Quant.id, Quant.product_id, Quant.location_id, Quant.lot_id,
                       Quant.on_hand - Quant.reserved, Lot.expiry, Lot.created_at,
                       Product.expiry_tracked)
                .join(Location, Location.id == Quant.location_id)
                .join(Product, Product.id == Quant.product_id)
                .outerjoin(Lot, Lot.id == Quant.lot_id)
                .where(Location.warehouse_id == warehouse_id, Location.kind == LocationKind.BIN,
                       Location.type.in_(_PICKABLE), Location.blocked.is_(False),
                       Location.active.is_(True), Quant.on_hand > Quant.reserved,
                       ~exists().where(ShortHold.location_id == Quant.location_id,
                                       ShortHold.product_id == Quant.product_id),
                       Quant.product_id.in_(wanted[start:start + _CHUNK]))
                .order_by(Quant.id)
                .with_for_update(of=Quant))
            for (quant_id, product_id, location_id, lot_id, free, expiry, received,
                 tracked) in session.execute(query):
                if tracked and expiry is not None and expiry < today:
                    continue  # expired: never reserved
                key = _sort_key(tracked, expiry, received if lot_id else None, quant_id)
                ranked[product_id].append((key, _Piece(product_id, location_id, lot_id, free)))
        for product_id, pieces in ranked.items():
            self.pieces[product_id] = [piece for _, piece in sorted(pieces, key=lambda p: p[0])]

    def available(self, product_id: int) -> int:
        """Units of the product still free in the pool."""
        return sum(p.free for p in self.pieces.get(product_id, ()))

    def allocate(self, reference: str, lines: Sequence[LineToReserve], *,
                 policy: str) -> Allocation:
        """Take each line's units from the pool (all or nothing under 'hold'), or say why
        the order cannot have them."""
        unknown = [f"line {line.line_no}: {line.sku or '(no SKU)'} is no product here"
                   for line in lines if line.product_id is None]
        if unknown:
            return Allocation("exception", "; ".join(unknown))
        taken: list[tuple[_Piece, int, LineToReserve]] = []
        short = []
        for line in lines:
            assert line.product_id is not None
            available = self.available(line.product_id)
            need = line.qty
            for piece in self.pieces.get(line.product_id, ()):
                if need == 0:
                    break
                qty = min(piece.free, need)
                if qty:
                    piece.free -= qty
                    need -= qty
                    taken.append((piece, qty, line))
            if need:
                short.append(f"out of stock: {line.sku} needs {line.qty}, {available} "
                             "available")
        if short and (policy == "hold" or not taken):
            for piece, qty, _ in taken:  # give back: nothing of this order is reserved
                piece.free += qty
            return Allocation("held", "; ".join(short))
        requests = [ReserveRequest(p.product_id, p.location_id, p.lot_id, qty, reference,
                                   line.line_id) for p, qty, line in taken]
        if short:
            return Allocation("backorder", "; ".join(short), requests)
        return Allocation("approved", "", requests)


def reserve_allocations(session: Session, actor: Actor,
                        allocations: Iterable[Allocation]) -> int:
    """Write the reservations of the allocations in one go; returns the units."""
    return reserve_many(session, actor, [r for a in allocations for r in a.requests])


def release_order_lines(session: Session, actor: Actor, line_ids: Sequence[int]) -> int:
    """Release everything still reserved for these order lines; returns the units."""
    released = 0
    for start in range(0, len(line_ids), _CHUNK):
        chunk = line_ids[start:start + _CHUNK]
        reservations = session.execute(
            select(Reservation.id, Reservation.qty)
            .where(Reservation.order_line_id.in_(chunk), Reservation.qty > 0)
            .order_by(Reservation.id)).all()
        for reservation_id, qty in reservations:
            release(session, actor, reservation_id)
            released += qty
    return released
