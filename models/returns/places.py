"""Where returned goods go in the order's warehouse: its returns location (the table where
parcels are opened), its quarantine location, and the bin a resaleable unit is restocked to
(suggested: the bin it was picked from for this order, else where the product is kept)."""

from __future__ import annotations

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from models.entities import (
    Location,
    LocationKind,
    LocationType,
    PickEvent,
    PickTask,
    Quant,
    SalesOrder,
    StockMove,
    Warehouse,
)
from models.errors import InputError
from models.scanning import LocationScan

SHELVES = (LocationType.STORAGE, LocationType.PICK_FACE)


def warehouse_of(session: Session, order: SalesOrder) -> int:
    """The warehouse the order shipped from (where its returns come back to)."""
    if order.warehouse_id is not None:
        return order.warehouse_id
    only = session.scalars(select(Warehouse.id).where(Warehouse.active.is_(True)).limit(2)
                           ).all()
    if len(only) != 1:
        raise InputError(f"Order {order.number} names no warehouse: set one on the order "
                         "first.")
    return only[0]


def area(session: Session, warehouse_id: int, loc_type: LocationType) -> Location:
    """The warehouse's first active bin of this type (returns or quarantine)."""
    found = session.scalar(select(Location).where(
        Location.warehouse_id == warehouse_id, Location.type == loc_type,
        Location.kind == LocationKind.BIN, Location.active.is_(True))
        .order_by(Location.walk_seq, Location.code).limit(1))
    if found is None:
        code = session.scalar(select(Warehouse.code).where(Warehouse.id == warehouse_id))
        raise InputError(f"Warehouse {code} has no {loc_type} location: add one under "
                         "Locations first.")
    return found


def suggested_bin(session: Session, order_id: int, warehouse_id: int, product_id: int
                  ) -> str:
    """The bin to restock to: where the unit was picked from, else where most of the product
    is kept (a storage bin or pick face); "" when there is none."""
    picked = session.scalar(
        select(Location.code).join(StockMove, StockMove.from_location_id == Location.id)
        .join(PickEvent, PickEvent.posting_id == StockMove.posting_id)
        .join(PickTask, PickTask.id == PickEvent.task_id)
        .where(PickTask.order_id == order_id, PickEvent.undone.is_(False),
               StockMove.product_id == product_id, Location.active.is_(True),
               Location.blocked.is_(False))
        .order_by(StockMove.id).limit(1))
    if picked:
        return picked
    return session.scalar(
        select(Location.code).join(Quant, Quant.location_id == Location.id)
        .where(Quant.product_id == product_id, Location.warehouse_id == warehouse_id,
               Location.type.in_(SHELVES), Location.active.is_(True),
               Location.blocked.is_(False), Quant.on_hand > 0)
        .group_by(Location.code).order_by(func.sum(Quant.on_hand).desc(), Location.code)
        .limit(1)) or ""


def shelf_by_code(session: Session, warehouse_id: int, code: str) -> Location:
    """A storage bin or pick face of the warehouse, by code or barcode."""
    code = code.strip()
    found = session.scalar(select(Location).where(
        Location.warehouse_id == warehouse_id,
        or_(Location.code == code, Location.barcode == code)).limit(1))
    if found is None:
        raise InputError(f"There is no bin {code} in this warehouse: scan a bin label.")
    return check_shelf(found, warehouse_id)


def shelf_of_scan(session: Session, scan: LocationScan, warehouse_id: int) -> Location:
    """The scanned location, when returned goods can be restocked to it."""
    found = session.get(Location, scan.location_id)
    assert found is not None
    return check_shelf(found, warehouse_id)


def check_shelf(location: Location, warehouse_id: int) -> Location:
    """The location when it is a storage bin or pick face of the warehouse."""
    if location.warehouse_id != warehouse_id:
        raise InputError(f"{location.code} is in another warehouse: restock in the one the "
                         "order shipped from.")
    if location.kind != LocationKind.BIN or location.type not in SHELVES:
        raise InputError(f"{location.code} is a {location.type} location: restock to a "
                         "storage bin or pick face.")
    return location
