"""Everything a posting needs to know about its products, locations, lots, serials and
reservations, loaded in a few queries, and the checks made against it before anything is
written."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Row, select
from sqlalchemy.orm import Session

from models.actor import Actor
from models.entities import (
    VIRTUAL_TYPES,
    Location,
    LocationKind,
    LocationType,
    Lot,
    Product,
    Reservation,
    SerialNumber,
    Tracking,
)
from models.errors import BlockedLocation, InputError
from models.ledger.lines import MoveLine
from models.permissions import Perm

_CHUNK = 2000  # ids per IN (...) list: well inside SQLite's and PostgreSQL's limits


def rows_by_id(session: Session, columns: Sequence[Any], id_column: Any,
               ids: Iterable[int]) -> dict[int, Row[Any]]:
    """Load `columns` for the given ids, in chunks, keyed by id."""
    wanted = sorted({i for i in ids if i is not None})
    found: dict[int, Row[Any]] = {}
    for start in range(0, len(wanted), _CHUNK):
        chunk = wanted[start:start + _CHUNK]
        for row in session.execute(select(*columns).where(id_column.in_(chunk))):
            found[row.id] = row
    return found


@dataclass
class PostingContext:
    """Rows referenced by a posting, keyed by id."""

    products: dict[int, Row[Any]]
    locations: dict[int, Row[Any]]
    lots: dict[int, Row[Any]]
    serials: dict[int, Row[Any]]
    reservations: dict[int, Row[Any]]

    @classmethod
    def load(cls, session: Session, lines: Sequence[MoveLine]) -> PostingContext:
        """Load every row the lines name."""
        return cls(
            products=rows_by_id(
                session,
                [Product.id, Product.sku, Product.tracking, Product.expiry_tracked],
                Product.id, (ln.product_id for ln in lines)),
            locations=rows_by_id(
                session,
                [Location.id, Location.code, Location.kind, Location.type, Location.blocked,
                 Location.blocked_reason, Location.active],
                Location.id,
                [i for ln in lines for i in (ln.from_location_id, ln.to_location_id)]),
            lots=rows_by_id(session, [Lot.id, Lot.product_id, Lot.number, Lot.expiry], Lot.id,
                            (ln.lot_id for ln in lines)),
            serials=rows_by_id(
                session,
                [SerialNumber.id, SerialNumber.product_id, SerialNumber.serial,
                 SerialNumber.lot_id, SerialNumber.location_id],
                SerialNumber.id, (ln.serial_id for ln in lines)),
            reservations=rows_by_id(
                session,
                [Reservation.id, Reservation.product_id, Reservation.location_id,
                 Reservation.lot_id, Reservation.qty, Reservation.reference],
                Reservation.id, (ln.reservation_id for ln in lines)),
        )

    def is_virtual(self, location_id: int) -> bool:
        """True when the location is a supplier, customer or inventory-loss location."""
        return self.locations[location_id].type in VIRTUAL_TYPES

    def place(self, product_id: int, location_id: int, lot_id: int | None) -> str:
        """'SKU at CODE (lot L)', for messages."""
        text = f"{self.products[product_id].sku} at {self.locations[location_id].code}"
        if lot_id is not None and lot_id in self.lots:
            text += f" (lot {self.lots[lot_id].number})"
        return text


def check_lines(ctx: PostingContext, lines: Sequence[MoveLine], actor: Actor, *,
                allow_blocked: bool) -> None:
    """Raise a domain error for the first line that cannot be posted; check permissions."""
    needs_adjust = False
    serial_uses: Counter[int] = Counter()
    reserved_uses: Counter[int] = Counter()
    for number, line in enumerate(lines, start=1):
        where = f"Line {number}: " if len(lines) > 1 else ""
        _check_quantity(line, where)
        product = ctx.products.get(line.product_id)
        if product is None:
            raise InputError(f"{where}there is no product with id {line.product_id}.")
        src = _location(ctx, line.from_location_id, where)
        dst = _location(ctx, line.to_location_id, where)
        if src.id == dst.id:
            raise InputError(f"{where}{product.sku} would move from {src.code} to itself.")
        if src.type in VIRTUAL_TYPES and dst.type in VIRTUAL_TYPES:
            raise InputError(f"{where}a move needs a real location on at least one side "
                             f"({src.code} and {dst.code} are both virtual).")
        if not dst.active:
            raise InputError(f"{where}location {dst.code} is inactive and takes no stock.")
        if not allow_blocked:
            for loc in (src, dst):
                if loc.blocked:
                    why = f": {loc.blocked_reason}" if loc.blocked_reason else ""
                    raise BlockedLocation(f"{where}location {loc.code} is blocked{why}.")
        needs_adjust |= LocationType.INVENTORY_LOSS in (src.type, dst.type)
        _check_tracking(ctx, line, product, where)
        if line.serial_id is not None:
            serial_uses[line.serial_id] += 1
            _check_serial_position(ctx, line, product, where)
        if line.reservation_id is not None:
            reserved_uses[line.reservation_id] += line.qty
            _check_reservation(ctx, line, product, where)
    for serial_id, uses in serial_uses.items():
        if uses > 1:
            serial = ctx.serials[serial_id]
            raise InputError(f"Serial {serial.serial} appears {uses} times in one posting.")
    for reservation_id, qty in reserved_uses.items():
        reservation = ctx.reservations[reservation_id]
        if qty > reservation.qty:
            raise InputError(f"Only {reservation.qty} units are still reserved for "
                             f"{reservation.reference}; {qty} were to be taken.")
    actor.require(Perm.STOCK_ADJUST if needs_adjust else Perm.STOCK_MOVE)


def _check_quantity(line: MoveLine, where: str) -> None:
    if isinstance(line.qty, bool) or not isinstance(line.qty, int):
        raise InputError(f"{where}quantity must be a whole number, not {line.qty!r}.")
    if line.qty <= 0:
        raise InputError(f"{where}quantity must be more than zero, not {line.qty}.")


def _location(ctx: PostingContext, location_id: int, where: str) -> Row[Any]:
    loc = ctx.locations.get(location_id)
    if loc is None:
        raise InputError(f"{where}there is no location with id {location_id}.")
    if loc.kind not in (LocationKind.BIN, LocationKind.VIRTUAL):
        raise InputError(f"{where}{loc.code} is a {loc.kind}; stock is kept in its bins.")
    return loc


def _check_tracking(ctx: PostingContext, line: MoveLine, product: Row[Any], where: str) -> None:
    lot = None
    if line.lot_id is not None:
        lot = ctx.lots.get(line.lot_id)
        if lot is None or lot.product_id != product.id:
            raise InputError(f"{where}lot id {line.lot_id} is not a lot of {product.sku}.")
    if product.tracking == Tracking.NONE:
        if line.lot_id is not None or line.serial_id is not None:
            raise InputError(f"{where}{product.sku} is not tracked by lot or serial number.")
    elif product.tracking == Tracking.LOT:
        if lot is None:
            raise InputError(f"{where}{product.sku} is lot-tracked: say which lot.")
        if line.serial_id is not None:
            raise InputError(f"{where}{product.sku} is tracked by lot, not by serial number.")
    else:
        serial = ctx.serials.get(line.serial_id) if line.serial_id is not None else None
        if serial is None or serial.product_id != product.id:
            raise InputError(f"{where}{product.sku} is serial-tracked: each unit needs "
                             "its serial number.")
        if line.qty != 1:
            raise InputError(f"{where}serial {serial.serial} is one unit, not {line.qty}.")
        if line.lot_id != serial.lot_id:
            raise InputError(f"{where}serial {serial.serial} belongs to another lot.")
    if product.expiry_tracked and (lot is None or lot.expiry is None):
        raise InputError(f"{where}{product.sku} tracks expiry: its lot needs an expiry date.")


def _check_serial_position(ctx: PostingContext, line: MoveLine, product: Row[Any],
                           where: str) -> None:
    serial = ctx.serials[line.serial_id]  # type: ignore[index]
    here = serial.location_id
    if here == line.from_location_id:
        return
    if here is None and ctx.is_virtual(line.from_location_id):
        return
    if here is None or ctx.is_virtual(here):
        raise InputError(f"{where}serial {serial.serial} of {product.sku} is not in stock at "
                         f"{ctx.locations[line.from_location_id].code}.")
    raise InputError(f"{where}serial {serial.serial} of {product.sku} is already in stock "
                     "elsewhere; it cannot come in twice.")


def _check_reservation(ctx: PostingContext, line: MoveLine, product: Row[Any],
                       where: str) -> None:
    reservation = ctx.reservations.get(line.reservation_id)  # type: ignore[arg-type]
    if reservation is None:
        raise InputError(f"{where}there is no reservation with id {line.reservation_id}.")
    if (reservation.product_id, reservation.location_id, reservation.lot_id) != (
            product.id, line.from_location_id, line.lot_id):
        place = ctx.place(product.id, line.from_location_id, line.lot_id)
        raise InputError(f"{where}reservation {reservation.id} ({reservation.reference}) is "
                         f"for other stock than {place}.")
