"""Questions asked of the ledger: how many, where, and where from."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, aliased

from models.entities import (
    Location,
    Lot,
    Product,
    Quant,
    SerialNumber,
    StockMove,
    StockPosting,
    User,
)


def _quant_sum(column, product_id: int, location_id: int | None,
               lot_id: int | None) -> Select:
    stmt = select(func.coalesce(func.sum(column), 0)).where(Quant.product_id == product_id)
    if location_id is not None:
        stmt = stmt.where(Quant.location_id == location_id)
    if lot_id is not None:
        stmt = stmt.where(Quant.lot_id == lot_id)
    return stmt


def on_hand(session: Session, product_id: int, *, location_id: int | None = None,
            lot_id: int | None = None) -> int:
    """Units of a product physically in stock, optionally in one location and/or lot."""
    return int(session.scalar(_quant_sum(Quant.on_hand, product_id, location_id, lot_id)))


def available(session: Session, product_id: int, *, location_id: int | None = None,
              lot_id: int | None = None) -> int:
    """Units on hand and not reserved."""
    return int(session.scalar(
        _quant_sum(Quant.on_hand - Quant.reserved, product_id, location_id, lot_id)))


@dataclass(frozen=True)
class StockLevel:
    """One quant of a product, as a person reads it."""

    location_code: str
    lot_number: str | None
    expiry: date | None
    on_hand: int
    reserved: int

    @property
    def available(self) -> int:
        """On hand minus reserved."""
        return self.on_hand - self.reserved


def stock_levels(session: Session, product_id: int) -> list[StockLevel]:
    """Where a product is, by location and lot, in walk order."""
    rows = session.execute(
        select(Location.code, Lot.number, Lot.expiry, Quant.on_hand, Quant.reserved)
        .join(Location, Location.id == Quant.location_id)
        .outerjoin(Lot, Lot.id == Quant.lot_id)
        .where(Quant.product_id == product_id, Quant.on_hand > 0)
        .order_by(Location.walk_seq, Location.code, Lot.expiry, Lot.number)
    )
    return [StockLevel(*row) for row in rows]


@dataclass(frozen=True)
class MoveRecord:
    """A ledger row joined with what a person needs to read it."""

    move_id: int
    posting_id: int
    at: datetime
    reason: str
    reference: str
    sku: str
    product_name: str
    lot_number: str | None
    serial: str | None
    qty: int
    from_code: str
    to_code: str
    username: str
    workstation: str


def move_records_query() -> Select:
    """SELECT of MoveRecord columns; callers add WHERE, ORDER BY and LIMIT."""
    src, dst = aliased(Location), aliased(Location)
    return (
        select(StockMove.id, StockMove.posting_id, StockPosting.created_at, StockPosting.reason,
               StockPosting.reference, Product.sku, Product.name, Lot.number,
               SerialNumber.serial, StockMove.qty, src.code, dst.code, User.username,
               StockPosting.workstation)
        .join(StockPosting, StockPosting.id == StockMove.posting_id)
        .join(Product, Product.id == StockMove.product_id)
        .join(src, src.id == StockMove.from_location_id)
        .join(dst, dst.id == StockMove.to_location_id)
        .join(User, User.id == StockPosting.user_id)
        .outerjoin(Lot, Lot.id == StockMove.lot_id)
        .outerjoin(SerialNumber, SerialNumber.id == StockMove.serial_id)
    )


def product_history(session: Session, product_id: int, *, limit: int = 200,
                    before_move_id: int | None = None) -> list[MoveRecord]:
    """A product's moves, newest first, a page at a time."""
    stmt = move_records_query().where(StockMove.product_id == product_id)
    if before_move_id is not None:
        stmt = stmt.where(StockMove.id < before_move_id)
    stmt = stmt.order_by(StockMove.product_id.desc(), StockMove.id.desc()).limit(limit)
    return [MoveRecord(*row) for row in session.execute(stmt)]


def lot_trace(session: Session, lot_id: int) -> list[MoveRecord]:
    """Every move of a lot, oldest first: where it came from and where it all went."""
    stmt = move_records_query().where(StockMove.lot_id == lot_id).order_by(StockMove.id)
    return [MoveRecord(*row) for row in session.execute(stmt)]


def serial_trace(session: Session, serial_id: int) -> list[MoveRecord]:
    """Every move of one serial-numbered unit, oldest first."""
    stmt = move_records_query().where(StockMove.serial_id == serial_id).order_by(StockMove.id)
    return [MoveRecord(*row) for row in session.execute(stmt)]
