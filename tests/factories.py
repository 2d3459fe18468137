"""Small builders of real rows for tests: a warehouse with bins, products, lots, serials."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from models.entities import (
    Barcode,
    Location,
    LocationKind,
    LocationType,
    Lot,
    Product,
    SerialNumber,
    Tracking,
    Warehouse,
)


def warehouse(session: Session, code: str = "WH1") -> Warehouse:
    wh = Warehouse(code=code, name=f"Warehouse {code}")
    session.add(wh)
    session.flush()
    return wh


def bin_(session: Session, wh: Warehouse, code: str,
         loc_type: LocationType = LocationType.STORAGE, **extra: object) -> Location:
    extra.setdefault("barcode", code)
    extra.setdefault("kind", LocationKind.BIN)
    loc = Location(warehouse_id=wh.id, code=code, type=loc_type, **extra)
    session.add(loc)
    session.flush()
    return loc


def product(session: Session, sku: str, *, tracking: Tracking = Tracking.NONE,
            expiry: bool = False, barcode: str | None = None, pack: int = 1) -> Product:
    item = Product(sku=sku, name=f"Product {sku}", tracking=tracking, expiry_tracked=expiry)
    if barcode:
        item.barcodes.append(Barcode(code=barcode, pack_qty=pack))
    session.add(item)
    session.flush()
    return item


def lot(session: Session, item: Product, number: str, expiry: date | None = None) -> Lot:
    row = Lot(product_id=item.id, number=number, expiry=expiry)
    session.add(row)
    session.flush()
    return row


def serial(session: Session, item: Product, number: str) -> SerialNumber:
    row = SerialNumber(product_id=item.id, serial=number)
    session.add(row)
    session.flush()
    return row


def stock_in(db: object, actor: object, product_id: int, location_id: int, qty: int,
             lot_id: int | None = None, key: str | None = None) -> int:
    """Receive `qty` units from the supplier location straight into a location (a dock, a
    bin) through the ledger; returns the posting id."""
    from models.ledger import MoveLine, Reason, post_moves
    from models.reference_data import virtual_location_id

    def work(session: Session) -> int:
        supplier = virtual_location_id(session, LocationType.SUPPLIER)
        line = MoveLine(product_id, qty, supplier, location_id, lot_id=lot_id)
        return post_moves(session, actor, [line], reason=Reason.RECEIPT,  # type: ignore[arg-type]
                          idempotency_key=key).posting_id

    return db.transact(work)  # type: ignore[attr-defined]


def barcode(session: Session, item: Product, code: str, *, pack: int = 1) -> Barcode:
    row = Barcode(product_id=item.id, code=code, pack_qty=pack)
    session.add(row)
    session.flush()
    return row


def stock_count(session: Session, wh: Warehouse, created_by: int, locations: list[Location],
                *, blind: bool = True, title: str = "test count", recount_pct: int = 5,
                recount_units: int = 1) -> int:
    """An open StockCount over `locations`, every bin pending (round 0); returns its id."""
    from models.entities import CountBin, StockCount

    count = StockCount(warehouse_id=wh.id, title=title, kind="locations", blind=blind,
                       recount_pct=recount_pct, recount_units=recount_units,
                       created_by=created_by)
    session.add(count)
    session.flush()
    session.add_all(CountBin(count_id=count.id, location_id=loc.id) for loc in locations)
    session.flush()
    return count.id


def serial_in(db: object, actor: object, product_id: int, location_id: int,
              serial_id: int) -> int:
    """Receive one serial-numbered unit from the supplier location into a location."""
    from models.ledger import MoveLine, Reason, post_moves
    from models.reference_data import virtual_location_id

    def work(session: Session) -> int:
        supplier = virtual_location_id(session, LocationType.SUPPLIER)
        line = MoveLine(product_id, 1, supplier, location_id, serial_id=serial_id)
        return post_moves(session, actor, [line],  # type: ignore[arg-type]
                          reason=Reason.RECEIPT).posting_id

    return db.transact(work)  # type: ignore[attr-defined]
