"""Reserving stock for a document and releasing it again."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, insert, literal_column, select, update
from sqlalchemy.orm import Session

from models.actor import Actor
from models.db.dialect import executemany
from models.entities import Location, Product, Quant, Reservation, utcnow
from models.errors import InputError, InsufficientStock, NotFound
from models.permissions import Perm

_quant = Quant.__table__


class _Short(InsufficientStock):
    def __init__(self) -> None:
        super().__init__("Stock was reserved or moved on another workstation meanwhile; "
                         "nothing was reserved: try again.")


def _key_clause(product_id: int, location_id: int, lot_id: int | None):
    return (
        (_quant.c.product_id == product_id)
        & (_quant.c.location_id == location_id)
        & (func.coalesce(_quant.c.lot_id, literal_column("0")) == (lot_id or 0))
    )


def reserve(session: Session, actor: Actor, *, product_id: int, location_id: int, qty: int,
            reference: str, lot_id: int | None = None) -> int:
    """Reserve `qty` units of one quant for `reference`; returns the reservation id.

    Refused when fewer than `qty` units are available (on hand minus already reserved).
    """
    actor.require(Perm.STOCK_RESERVE)
    return reserve_quant(session, actor, ReserveRequest(product_id, location_id, lot_id, qty,
                                                        reference))


def reserve_quant(session: Session, actor: Actor, request: ReserveRequest) -> int:
    """`reserve` for callers that checked their own permission (a picker's short pick moves
    the order's own reservation to another bin); returns the reservation id."""
    product_id, location_id, lot_id, qty = (request.product_id, request.location_id,
                                            request.lot_id, request.qty)
    reference = request.reference
    if isinstance(qty, bool) or not isinstance(qty, int) or qty <= 0:
        raise InputError(f"A reservation needs a whole quantity above zero, not {qty!r}.")
    if not reference:
        raise InputError("A reservation needs a reference (the order or document it is for).")
    result = session.execute(
        update(_quant)
        .where(_key_clause(product_id, location_id, lot_id))
        .where(_quant.c.on_hand - _quant.c.reserved >= qty)
        .values(reserved=_quant.c.reserved + qty)
    )
    if result.rowcount != 1:
        available = session.scalar(
            select(_quant.c.on_hand - _quant.c.reserved)
            .where(_key_clause(product_id, location_id, lot_id))
        ) or 0
        sku = session.scalar(select(Product.sku).where(Product.id == product_id))
        code = session.scalar(select(Location.code).where(Location.id == location_id))
        raise InsufficientStock(f"Cannot reserve {qty} of {sku} at {code} for {reference}: "
                                f"{available} available.")
    reservation = Reservation(product_id=product_id, location_id=location_id, lot_id=lot_id,
                              qty=qty, reference=reference, user_id=actor.user_id,
                              order_line_id=request.order_line_id, created_at=utcnow())
    session.add(reservation)
    session.flush()
    return reservation.id


def release(session: Session, actor: Actor, reservation_id: int, qty: int | None = None) -> int:
    """Release `qty` units (all that remain when None) of a reservation; returns what is left."""
    actor.require(Perm.STOCK_RESERVE)
    return release_units(session, reservation_id, qty)


def release_units(session: Session, reservation_id: int, qty: int | None = None) -> int:
    """`release` for callers that checked their own permission (a short pick gives back
    what the bin lacked); returns what is left."""
    reservation = session.get(Reservation, reservation_id, with_for_update=True)
    if reservation is None:
        raise NotFound(f"There is no reservation with id {reservation_id}.")
    qty = reservation.qty if qty is None else qty
    if qty < 0 or qty > reservation.qty:
        raise InputError(f"Reservation {reservation_id} holds {reservation.qty}; "
                         f"cannot release {qty}.")
    if qty == 0:
        return reservation.qty
    session.execute(
        update(_quant)
        .where(_key_clause(reservation.product_id, reservation.location_id, reservation.lot_id))
        .values(reserved=_quant.c.reserved - qty)
    )
    reservation.qty -= qty
    session.flush()
    return reservation.qty


@dataclass(frozen=True)
class ReserveRequest:
    """Units of one quant to reserve for a document (and the order line they are for)."""

    product_id: int
    location_id: int
    lot_id: int | None
    qty: int
    reference: str
    order_line_id: int | None = None


_RESERVE = ("UPDATE quant SET reserved = reserved + ? WHERE product_id = ? AND location_id = ? "
            "AND coalesce(lot_id, 0) = ? AND on_hand - reserved >= ?")


def reserve_many(session: Session, actor: Actor, requests: Sequence[ReserveRequest]) -> int:
    """Reserve every request, all or nothing, with the conditional update of `reserve` per
    quant (one statement for them all); returns the units reserved. For reviews of thousands
    of orders, where a `reserve` per line would take minutes."""
    actor.require(Perm.STOCK_RESERVE)
    return reserve_requests(session, actor, requests)


def reserve_requests(session: Session, actor: Actor, requests: Sequence[ReserveRequest]) -> int:
    """`reserve_many` for callers that checked their own permission: a picker's short pick
    moves the order's own reservation to another bin."""
    if not requests:
        return 0
    wanted: dict[tuple[int, int, int], int] = defaultdict(int)
    for r in requests:
        if isinstance(r.qty, bool) or not isinstance(r.qty, int) or r.qty <= 0:
            raise InputError(f"A reservation needs a whole quantity above zero, not {r.qty!r}.")
        wanted[(r.product_id, r.location_id, r.lot_id or 0)] += r.qty
    # Sorted, so concurrent reservations lock quants in the same order.
    keys = sorted(wanted)
    with session.begin_nested():
        matched = executemany(session, _RESERVE, [(wanted[k], *k, wanted[k]) for k in keys])
        if matched != len(keys):
            raise _Short
    now = utcnow()
    session.execute(insert(Reservation.__table__), [
        {"product_id": r.product_id, "location_id": r.location_id, "lot_id": r.lot_id,
         "qty": r.qty, "reference": r.reference, "order_line_id": r.order_line_id,
         "user_id": actor.user_id, "created_at": now} for r in requests])
    return sum(wanted.values())


def reinstate(session: Session, reservation_id: int, qty: int) -> None:
    """Put `qty` units back into a reservation that a posting consumed (the undo of a pick,
    once its reversal has brought them back to the bin): the inverse of what `post_moves`
    does with a line's `reservation_id`, with the same conditional update."""
    reservation = session.get(Reservation, reservation_id, with_for_update=True)
    if reservation is None:
        raise NotFound(f"There is no reservation with id {reservation_id}.")
    with session.begin_nested():
        matched = session.execute(
            update(_quant)
            .where(_key_clause(reservation.product_id, reservation.location_id,
                               reservation.lot_id))
            .where(_quant.c.on_hand - _quant.c.reserved >= qty)
            .values(reserved=_quant.c.reserved + qty)).rowcount
        if matched != 1:
            raise _Short
    reservation.qty += qty
    session.flush()
