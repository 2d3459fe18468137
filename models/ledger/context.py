"""Everything a posting needs to know about its products, locations, lots, serials and
reservations, loaded in a few queries, and the checks made against it before anything is
written."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from models.actor import Actor
from models.db.dialect import rows_by_id
from models.entities import VIRTUAL_TYPES, LocationKind, LocationType, Tracking
from models.errors import BlockedLocation, InputError, WareDeskError
from models.ledger.lines import MoveLine
from models.permissions import Perm


@dataclass
class PostingContext:
    """Rows referenced by a posting, keyed by id."""

    products: dict[int, Any]
    locations: dict[int, Any]
    lots: dict[int, Any]
    serials: dict[int, Any]
    reservations: dict[int, Any]

    @classmethod
    def load(cls, session: Session, lines: Sequence[MoveLine]) -> PostingContext:
        """Load every row the lines name."""
        return cls(
            products=rows_by_id(session, "product", ("id", "sku", "tracking",
                                                     "expiry_tracked"),
                                (ln.product_id for ln in lines)),
            # Locked against a concurrent block (a count starting on the bin): the posting
            # waits for it and then sees the location blocked, instead of moving stock after
            # the count's snapshot.
            locations=rows_by_id(session, "location", ("id", "code", "kind", "type",
                                                       "blocked", "blocked_reason", "active"),
                                 [i for ln in lines
                                  for i in (ln.from_location_id, ln.to_location_id)],
                                 share_lock=True),
            lots=rows_by_id(session, "lot", ("id", "product_id", "number", "expiry"),
                            (ln.lot_id for ln in lines)),
            serials=rows_by_id(session, "serial_number", ("id", "product_id", "serial",
                                                          "lot_id", "location_id"),
                               (ln.serial_id for ln in lines)),
            reservations=rows_by_id(session, "reservation", ("id", "product_id", "location_id",
                                                             "lot_id", "qty", "reference"),
                                    (ln.reservation_id for ln in lines)),
        )

    def __post_init__(self) -> None:
        self.virtual_ids = frozenset(i for i, loc in self.locations.items()
                                     if loc.type in VIRTUAL_TYPES)

    def is_virtual(self, location_id: int) -> bool:
        """True when the location is a supplier, customer or inventory-loss location."""
        return location_id in self.virtual_ids

    def place(self, product_id: int, location_id: int, lot_id: int | None) -> str:
        """'SKU at CODE (lot L)', for messages."""
        text = f"{self.products[product_id].sku} at {self.locations[location_id].code}"
        if lot_id is not None and lot_id in self.lots:
            text += f" (lot {self.lots[lot_id].number})"
        return text


def _at(lines: Sequence[MoveLine], number: int) -> str:
    """'Line N: ' for messages about a posting of several lines."""
    return f"Line {number}: " if len(lines) > 1 else ""


def _first(lines: Sequence[MoveLine], predicate: Callable[[MoveLine], bool]) -> str:
    """'Line N: ' of the first line matching predicate (only computed for an error)."""
    return _at(lines, next(n for n, ln in enumerate(lines, start=1) if predicate(ln)))


def check_lines(ctx: PostingContext, lines: Sequence[MoveLine], actor: Actor, *,
                allow_blocked: bool) -> None:
    """Raise a domain error for the first line that cannot be posted; check permissions.

    Products and locations repeat across lines, so each distinct one is checked once and the
    line loops only look at what differs per line (this runs for every posted scan and for
    10,000-line counts alike).
    """
    for number, line in enumerate(lines, start=1):
        if type(line.qty) is not int or line.qty <= 0:
            _check_quantity(line, _at(lines, number))
    missing = {ln.product_id for ln in lines} - ctx.products.keys()
    if missing:
        product_id = min(missing)
        raise InputError(f"{_first(lines, lambda ln: ln.product_id == product_id)}there is no "
                         f"product with id {product_id}.")
    sources = {ln.from_location_id for ln in lines}
    targets = {ln.to_location_id for ln in lines}
    touched = sources | targets
    for location_id in sorted(touched):
        problem = _location_problem(ctx, location_id, location_id in targets, allow_blocked)
        if problem is not None:
            error_type, message = problem
            prefix = _first(lines, lambda ln, lid=location_id: lid in (ln.from_location_id,
                                                                       ln.to_location_id))
            raise error_type(prefix + message)
    virtual = ctx.virtual_ids
    for number, line in enumerate(lines, start=1):
        src, dst = line.from_location_id, line.to_location_id
        if src == dst or (src in virtual and dst in virtual):
            _check_ends(ctx, line, _at(lines, number))
    serial_uses: Counter[int] = Counter()
    reserved_uses: Counter[int] = Counter()
    for number, line in enumerate(lines, start=1):
        product = ctx.products[line.product_id]
        if (product.tracking != Tracking.NONE or product.expiry_tracked
                or line.lot_id is not None or line.serial_id is not None):
            _check_tracking(ctx, line, product, _at(lines, number))
        if line.serial_id is not None:
            serial_uses[line.serial_id] += 1
            _check_serial_position(ctx, line, product, _at(lines, number))
        if line.reservation_id is not None:
            reserved_uses[line.reservation_id] += line.qty
            _check_reservation(ctx, line, product, _at(lines, number))
    for serial_id, uses in serial_uses.items():
        if uses > 1:
            serial = ctx.serials[serial_id]
            raise InputError(f"Serial {serial.serial} appears {uses} times in one posting.")
    for reservation_id, qty in reserved_uses.items():
        reservation = ctx.reservations[reservation_id]
        if qty > reservation.qty:
            raise InputError(f"Only {reservation.qty} units are still reserved for "
                             f"{reservation.reference}; {qty} were to be taken.")
    loss = any(ctx.locations[i].type == LocationType.INVENTORY_LOSS for i in touched)
    actor.require(Perm.STOCK_ADJUST if loss else Perm.STOCK_MOVE)


def _location_problem(ctx: PostingContext, location_id: int, is_target: bool,
                      allow_blocked: bool) -> tuple[type[WareDeskError], str] | None:
    loc = ctx.locations.get(location_id)
    if loc is None:
        return InputError, f"there is no location with id {location_id}."
    if loc.kind not in (LocationKind.BIN, LocationKind.VIRTUAL):
        return InputError, f"{loc.code} is a {loc.kind}; stock is kept in its bins."
    if is_target and not loc.active:
        return InputError, f"location {loc.code} is inactive and takes no stock."
    if loc.blocked and not allow_blocked:
        why = f": {loc.blocked_reason}" if loc.blocked_reason else ""
        return BlockedLocation, f"location {loc.code} is blocked{why}."
    return None


def _check_ends(ctx: PostingContext, line: MoveLine, where: str) -> None:
    src = ctx.locations[line.from_location_id]
    dst = ctx.locations[line.to_location_id]
    if src.id == dst.id:
        sku = ctx.products[line.product_id].sku
        raise InputError(f"{where}{sku} would move from {src.code} to itself.")
    raise InputError(f"{where}a move needs a real location on at least one side "
                     f"({src.code} and {dst.code} are both virtual).")


def _check_quantity(line: MoveLine, where: str) -> None:
    if isinstance(line.qty, bool) or not isinstance(line.qty, int):
        raise InputError(f"{where}quantity must be a whole number, not {line.qty!r}.")
    if line.qty <= 0:
        raise InputError(f"{where}quantity must be more than zero, not {line.qty}.")


def _check_tracking(ctx: PostingContext, line: MoveLine, product: Any, where: str) -> None:
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


def _check_serial_position(ctx: PostingContext, line: MoveLine, product: Any,
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


def _check_reservation(ctx: PostingContext, line: MoveLine, product: Any,
                       where: str) -> None:
    reservation = ctx.reservations.get(line.reservation_id)  # type: ignore[arg-type]
    if reservation is None:
        raise InputError(f"{where}there is no reservation with id {line.reservation_id}.")
    if (reservation.product_id, reservation.location_id, reservation.lot_id) != (
            product.id, line.from_location_id, line.lot_id):
        place = ctx.place(product.id, line.from_location_id, line.lot_id)
        raise InputError(f"{where}reservation {reservation.id} ({reservation.reference}) is "
                         f"for other stock than {place}.")
