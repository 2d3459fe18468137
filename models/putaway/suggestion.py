"""Where to put an item away: the product's fixed bin, else a bin already holding the same lot,
else the first empty bin of the product's zone in walk order, with capacity respected.

It runs for every scanned item, so each rule is one query on an index: the product row by id,
the fixed bin by id, the product's quants by the quant key, and the warehouse's bins in walk
order (`ix_location_walk`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, and_, exists, func, literal_column, or_, select
from sqlalchemy.orm import Session, aliased

from models.entities import Location, LocationKind, LocationType, Product, Quant

#: Bins a putaway may suggest: stock is stored or picked there.
PUTAWAY_TYPES = (LocationType.STORAGE, LocationType.PICK_FACE)


class Rule:
    """Which rule chose a bin (for tests and screens that colour them)."""

    FIXED = "fixed"
    SAME_LOT = "same_lot"
    EMPTY_IN_ZONE = "empty_in_zone"


@dataclass(frozen=True)
class Suggestion:
    """A bin to put an item in, and why in a few words ("fixed bin")."""

    location_id: int
    code: str
    reason: str
    rule: str


def units_held():
    """Units on hand in the location of the outer query, all products and lots together."""
    held = aliased(Quant)  # the outer query may join Quant itself
    return (select(func.coalesce(func.sum(held.on_hand), 0))
            .where(held.location_id == Location.id)
            .correlate(Location)
            .scalar_subquery())


def _usable_bin(warehouse_id: int, qty: int, *, empty: bool = False) -> ColumnElement[bool]:
    """Active, unblocked storage or pick-face bins of the warehouse with room for `qty`."""
    room = (Location.capacity.is_(None) | (Location.capacity >= qty) if empty
            else or_(Location.capacity.is_(None), units_held() + qty <= Location.capacity))
    return and_(Location.warehouse_id == warehouse_id, Location.kind == LocationKind.BIN,
                Location.type.in_(PUTAWAY_TYPES), Location.active, ~Location.blocked, room)


def suggest_bin(session: Session, *, product_id: int, lot_id: int | None, qty: int,
                warehouse_id: int) -> Suggestion | None:
    """The bin to put `qty` units of a product (and lot) away in, or None when no rule finds
    one with room."""
    product = session.execute(
        select(Product.home_location_id, Product.putaway_zone).where(Product.id == product_id)
    ).first()
    if product is None:
        return None
    if product.home_location_id is not None:
        row = session.execute(
            select(Location.id, Location.code)
            .where(Location.id == product.home_location_id, _usable_bin(warehouse_id, qty))
        ).first()
        if row is not None:
            return Suggestion(row.id, row.code, "fixed bin", Rule.FIXED)
    row = session.execute(
        select(Location.id, Location.code)
        .join(Quant, Quant.location_id == Location.id)
        # The product and coalesced lot are the leading columns of uq_quant_key.
        .where(Quant.product_id == product_id,
               func.coalesce(Quant.lot_id, literal_column("0")) == (lot_id or 0),
               Quant.on_hand > 0, _usable_bin(warehouse_id, qty))
        .order_by(Location.walk_seq, Location.code)
        .limit(1)
    ).first()
    if row is not None:
        same = "holds the same lot" if lot_id is not None else "holds the same product"
        return Suggestion(row.id, row.code, same, Rule.SAME_LOT)
    if not product.putaway_zone:
        return None
    occupied = exists().where(Quant.location_id == Location.id, Quant.on_hand > 0)
    row = session.execute(
        select(Location.id, Location.code)
        .where(_usable_bin(warehouse_id, qty, empty=True),
               Location.zone == product.putaway_zone, ~occupied)
        .order_by(Location.walk_seq, Location.code)
        .limit(1)
    ).first()
    if row is not None:
        return Suggestion(row.id, row.code, f"empty bin in zone {product.putaway_zone}",
                          Rule.EMPTY_IN_ZONE)
    return None


@dataclass(frozen=True)
class Place:
    """A scanned location as a putaway or transfer needs to judge it."""

    id: int
    code: str
    warehouse_id: int | None
    kind: str
    type: str
    active: bool
    blocked: bool
    blocked_reason: str
    capacity: int | None
    held: int

    @property
    def is_pick_face(self) -> bool:
        """True for a bin that order pickers take from."""
        return self.type == LocationType.PICK_FACE


def load_place(session: Session, location_id: int) -> Place | None:
    """The location with the units it holds now, in one query."""
    row = session.execute(
        select(Location.id, Location.code, Location.warehouse_id, Location.kind,
               Location.type, Location.active, Location.blocked, Location.blocked_reason,
               Location.capacity, units_held())
        .where(Location.id == location_id)
    ).first()
    if row is None:
        return None
    values: list[Any] = list(row)
    values[5], values[6], values[9] = bool(values[5]), bool(values[6]), int(values[9])
    return Place(*values)


def refusal(place: Place, qty: int, *, storage_only: bool,
            warehouse_id: int | None = None) -> str | None:
    """Why `qty` units cannot go into `place` (blocked, inactive, full, not a bin...), or
    None. `storage_only` limits it to storage and pick-face bins, as putaway does."""
    if place.kind != LocationKind.BIN:
        return f"{place.code} is a {place.kind}, not a bin: scan the bin's own label."
    if storage_only and place.type not in PUTAWAY_TYPES:
        return (f"{place.code} is a {place.type.replace('_', ' ')} location, not a storage "
                "bin: scan a storage or pick-face bin.")
    if warehouse_id is not None and place.warehouse_id != warehouse_id:
        return f"{place.code} is in another warehouse: scan a bin of this warehouse."
    if not place.active:
        return f"{place.code} is inactive and takes no stock: scan another bin."
    if place.blocked:
        why = f" ({place.blocked_reason})" if place.blocked_reason else ""
        return f"{place.code} is blocked{why}: scan another bin."
    if place.capacity is not None and place.held + qty > place.capacity:
        room = max(place.capacity - place.held, 0)
        return (f"{place.code} is full: it holds {place.held} of {place.capacity} units and "
                f"has room for {room}, not {qty}. Scan another bin.")
    return None
