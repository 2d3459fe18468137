"""What one receipt scan brings in, and the lot and serial number rows it needs: a lot is
found or created with its expiry, a serial number must not already be in stock."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.entities import Location, Lot, SerialNumber
from models.errors import InputError


@dataclass(frozen=True)
class Arrival:
    """Units of one product arriving by one scan."""

    product_id: int
    sku: str
    qty: int
    pack_qty: int = 1
    lot: str | None = None
    expiry: date | None = None
    serial: str | None = None
    damaged: bool = False
    order_line_id: int | None = None
    unit_cost: Decimal | None = None
    raw: str = ""
    approved_by: int | None = None
    note: str = ""


def lot_for(session: Session, product_id: int, sku: str, number: str,
            expiry: date | None) -> int:
    """The id of the product's lot `number`, created when new; an expiry that contradicts the
    lot's recorded one is refused (two labels for one lot is a labelling error)."""
    row = session.execute(select(Lot.id, Lot.expiry).where(
        Lot.product_id == product_id, Lot.number == number)).first()
    if row is None:
        lot = Lot(product_id=product_id, number=number, expiry=expiry)
        session.add(lot)
        session.flush()
        return lot.id
    if expiry is not None and row.expiry is not None and row.expiry != expiry:
        raise InputError(f"Lot {number} of {sku} is recorded with expiry {row.expiry}, this "
                         f"label says {expiry}: check the label and ask a supervisor.")
    if expiry is not None and row.expiry is None:
        session.get(Lot, row.id).expiry = expiry  # type: ignore[union-attr]
        session.flush()
    return row.id


def serial_for(session: Session, product_id: int, sku: str, serial: str,
               lot_id: int | None) -> int:
    """The id of a serial number arriving now; refused when that unit is already in stock."""
    row = session.execute(select(SerialNumber.id, SerialNumber.location_id).where(
        SerialNumber.product_id == product_id, SerialNumber.serial == serial)).first()
    if row is None:
        unit = SerialNumber(product_id=product_id, serial=serial, lot_id=lot_id)
        session.add(unit)
        session.flush()
        return unit.id
    if row.location_id is not None:
        where = session.execute(select(Location.code, Location.kind).where(
            Location.id == row.location_id)).first()
        if where is not None and where.kind != "virtual":
            raise InputError(f"Serial {serial} of {sku} is already in stock at {where.code}: "
                             "the same unit cannot come in twice. Set it aside and tell a "
                             "supervisor.")
    unit = session.get(SerialNumber, row.id)
    assert unit is not None
    unit.lot_id = lot_id
    session.flush()
    return row.id
