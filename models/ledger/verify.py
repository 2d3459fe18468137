"""`verify`: recompute the derived stock figures from the ledger and list every difference."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import and_, exists, func, literal_column, select, union_all
from sqlalchemy.orm import Session

from models.entities import (
    VIRTUAL_TYPES,
    Location,
    Lot,
    Product,
    Quant,
    Reservation,
    SerialNumber,
    StockMove,
)


@dataclass(frozen=True)
class Discrepancy:
    """A derived figure that does not match what the ledger says it should be."""

    check: str
    sku: str
    location: str
    lot: str | None
    expected: int | str | None
    actual: int | str | None

    def __str__(self) -> str:
        lot = f" lot {self.lot}" if self.lot else ""
        return (f"{self.check}: {self.sku} at {self.location}{lot}: ledger says "
                f"{self.expected}, recorded {self.actual}")


def _zero() -> object:
    return literal_column("0")


def ledger_balances(*where: object):
    """On hand per (product, location, lot) as the moves add up, real locations only (and
    only those matching the `where` conditions on Location)."""
    incoming = select(StockMove.product_id.label("product_id"),
                      StockMove.to_location_id.label("location_id"),
                      StockMove.lot_id.label("lot_id"), StockMove.qty.label("qty"))
    outgoing = select(StockMove.product_id, StockMove.from_location_id, StockMove.lot_id,
                      -StockMove.qty)
    flows = union_all(incoming, outgoing).subquery("flows")
    return (
        select(flows.c.product_id, flows.c.location_id, flows.c.lot_id,
               func.sum(flows.c.qty).label("qty"))
        .join(Location, Location.id == flows.c.location_id)
        .where(Location.type.not_in([t.value for t in VIRTUAL_TYPES]), *where)
        .group_by(flows.c.product_id, flows.c.location_id, flows.c.lot_id)
        .subquery("ledger")
    )


def _same_key(a, b) -> object:
    return and_(a.product_id == b.product_id, a.location_id == b.location_id,
                func.coalesce(a.lot_id, _zero()) == func.coalesce(b.lot_id, _zero()))


def _named(session: Session, check: str, rows) -> list[Discrepancy]:
    """Turn (product_id, location_id, lot_id, expected, actual) rows into Discrepancies."""
    rows = list(rows)
    if not rows:
        return []
    skus = dict(session.execute(select(Product.id, Product.sku).where(
        Product.id.in_({r[0] for r in rows}))).all())
    codes = dict(session.execute(select(Location.id, Location.code).where(
        Location.id.in_({r[1] for r in rows}))).all())
    lots = dict(session.execute(select(Lot.id, Lot.number).where(
        Lot.id.in_({r[2] for r in rows if r[2] is not None}))).all())
    return [Discrepancy(check, skus.get(p, f"#{p}"), codes.get(loc, f"#{loc}"),
                        lots.get(lot) if lot is not None else None, expected, actual)
            for p, loc, lot, expected, actual in rows]


def verify(session: Session, *, limit: int = 1000) -> list[Discrepancy]:
    """Every difference between the quants and the ledger (at most `limit` of them)."""
    ledger = ledger_balances()
    q = Quant.__table__.alias("q")
    found: list[Discrepancy] = []

    on_hand_vs_ledger = (
        select(ledger.c.product_id, ledger.c.location_id, ledger.c.lot_id, ledger.c.qty,
               func.coalesce(q.c.on_hand, 0))
        .outerjoin(q, _same_key(q.c, ledger.c))
        .where(ledger.c.qty != func.coalesce(q.c.on_hand, 0))
        .limit(limit)
    )
    found += _named(session, "on hand", session.execute(on_hand_vs_ledger))

    quant_without_moves = (
        select(q.c.product_id, q.c.location_id, q.c.lot_id, literal_column("0"), q.c.on_hand)
        .where(q.c.on_hand != 0)
        .where(~exists().where(_same_key(ledger.c, q.c)))
        .limit(limit)
    )
    found += _named(session, "on hand", session.execute(quant_without_moves))

    held = (
        select(Reservation.product_id, Reservation.location_id, Reservation.lot_id,
               func.sum(Reservation.qty).label("qty"))
        .group_by(Reservation.product_id, Reservation.location_id, Reservation.lot_id)
        .subquery("held")
    )
    reserved_vs_reservations = (
        select(q.c.product_id, q.c.location_id, q.c.lot_id, func.coalesce(held.c.qty, 0),
               q.c.reserved)
        .outerjoin(held, _same_key(held.c, q.c))
        .where(q.c.reserved != func.coalesce(held.c.qty, 0))
        .limit(limit)
    )
    found += _named(session, "reserved", session.execute(reserved_vs_reservations))

    over_reserved = (
        select(q.c.product_id, q.c.location_id, q.c.lot_id, q.c.on_hand, q.c.reserved)
        .where((q.c.reserved > q.c.on_hand) | (q.c.on_hand < 0) | (q.c.reserved < 0))
        .limit(limit)
    )
    found += _named(session, "reserved above on hand", session.execute(over_reserved))

    found += _serial_positions(session, limit)
    return found[:limit]


def _serial_positions(session: Session, limit: int) -> list[Discrepancy]:
    last_move = (
        select(func.max(StockMove.id))
        .where(StockMove.serial_id == SerialNumber.id)
        .correlate(SerialNumber)
        .scalar_subquery()
    )
    rows = session.execute(
        select(SerialNumber.product_id, SerialNumber.serial, SerialNumber.location_id,
               StockMove.to_location_id)
        .outerjoin(StockMove, StockMove.id == last_move)
        .where(SerialNumber.location_id.is_distinct_from(StockMove.to_location_id))
        .limit(limit)
    ).all()
    found = []
    for product_id, serial, recorded, expected in rows:
        sku = session.scalar(select(Product.sku).where(Product.id == product_id))
        codes = dict(session.execute(select(Location.id, Location.code).where(
            Location.id.in_([i for i in (recorded, expected) if i is not None]))).all())
        found.append(Discrepancy(f"serial {serial} position", sku or f"#{product_id}",
                                 codes.get(recorded, "nowhere"), None,
                                 codes.get(expected, "nowhere"), codes.get(recorded, "nowhere")))
    return found
