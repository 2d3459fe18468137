"""Exporting products and locations to CSV or XLSX, in the columns the importers read, so an
exported file imports back unchanged."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from models import audit
from models.actor import Actor
from models.entities import Location, Product, Warehouse
from models.masterdata.import_report import ImportProgress
from models.masterdata.location_rows import LOCATION_COLUMNS, location_row
from models.masterdata.locations import LocationInput
from models.masterdata.product_rows import PRODUCT_COLUMNS, product_row
from models.masterdata.products import product_inputs
from models.masterdata.table_writing import check_row_count, write_table
from models.permissions import Perm

_PAGE = 2_000


def _product_rows(session: Session, progress: ImportProgress | None) -> Iterator[list[Any]]:
    after, done = "", 0
    while True:
        # Keyset pages by SKU: memory stays flat however many products there are.
        page = product_inputs(session, Product.sku > after, limit=_PAGE)
        if not page:
            return
        for _, data in page:
            yield product_row(data)
        after = page[-1][1].sku
        done += len(page)
        if progress is not None:
            progress(done)


def export_products(session: Session, actor: Actor, path: Path, *,
                    progress: ImportProgress | None = None) -> int:
    """Write every product to `path` (.csv or .xlsx); returns the number of rows."""
    actor.require(Perm.DATA_EXPORT)
    check_row_count(path, session.scalar(select(func.count()).select_from(Product)) or 0)
    count = write_table(path, PRODUCT_COLUMNS, _product_rows(session, progress))
    audit.record(session, actor, "product.export", entity="file", entity_id=path.name,
                 rows=count)
    return count


def _location_rows(session: Session, progress: ImportProgress | None) -> Iterator[list[Any]]:
    parent = aliased(Location)
    # Plain columns, not entities: nothing piles up in the session over 100,000 rows.
    query = (select(Warehouse.code.label("warehouse"), Location.code, Location.name,
                    Location.kind, Location.type, Location.zone, Location.walk_seq,
                    Location.barcode, func.coalesce(parent.code, "").label("parent"),
                    Location.capacity, Location.blocked, Location.blocked_reason,
                    Location.active)
             .join(Warehouse, Warehouse.id == Location.warehouse_id)
             .outerjoin(parent, parent.id == Location.parent_id)
             .order_by(Warehouse.code, Location.walk_seq, Location.code)
             .execution_options(yield_per=_PAGE))
    for done, row in enumerate(session.execute(query), start=1):
        yield location_row(LocationInput(**row._asdict()))
        if progress is not None and done % _PAGE == 0:
            progress(done)


def export_locations(session: Session, actor: Actor, path: Path, *,
                     progress: ImportProgress | None = None) -> int:
    """Write every warehouse location (not the virtual ones) to `path`; returns the rows."""
    actor.require(Perm.DATA_EXPORT)
    check_row_count(path, session.scalar(select(func.count()).select_from(Location).where(
        Location.warehouse_id.is_not(None))) or 0)
    count = write_table(path, LOCATION_COLUMNS, _location_rows(session, progress))
    audit.record(session, actor, "location.export", entity="file", entity_id=path.name,
                 rows=count)
    return count
