"""The searchable lists of products and locations the editors are opened from, a page at a
time in code order (keyset pagination, as the stock browser)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import or_, select, tuple_, union_all
from sqlalchemy.orm import Session

from models.entities import Barcode, Location, Product, Warehouse
from models.text_match import barcode_spellings, case_spellings, contains, prefix_range

PAGE_SIZE = 200


@dataclass(frozen=True)
class ProductListRow:
    """A product as its list shows it."""

    id: int
    sku: str
    name: str
    alt_name: str
    category: str
    active: bool

    @property
    def key(self) -> str:
        """Where the next page starts."""
        return self.sku


def product_list(session: Session, text: str = "", *, after: str | None = None,
                 limit: int = PAGE_SIZE) -> list[ProductListRow]:
    """Products whose SKU starts with `text`, whose name contains it or which carry it as a
    barcode, by SKU, after SKU `after`."""
    text = text.strip()
    columns = (Product.id, Product.sku)
    walks = []
    if not text:
        walks.append(select(*columns))
    else:
        walks.extend(select(*columns).where(prefix_range(Product.sku, s))
                     for s in case_spellings(text))
        walks.append(select(*columns).where(or_(contains(Product.name, text),
                                                contains(Product.alt_name, text))))
        walks.append(select(*columns).join(Barcode, Barcode.product_id == Product.id)
                     .where(Barcode.code.in_(barcode_spellings(text))))
    # Each walk is ordered and limited on its own, so none reads further than one page.
    if after is not None:
        walks = [w.where(Product.sku > after) for w in walks]
    pages = [w.order_by(Product.sku).limit(limit).subquery() for w in walks]
    ids = union_all(*(select(p.c.id) for p in pages)) if len(pages) > 1 else select(pages[0].c.id)
    stmt = (select(Product.id, Product.sku, Product.name, Product.alt_name, Product.category,
                   Product.active)
            .where(Product.id.in_(ids)).order_by(Product.sku).limit(limit))
    return [ProductListRow(*row) for row in session.execute(stmt)]


@dataclass(frozen=True)
class LocationListRow:
    """A location as its list shows it."""

    id: int
    warehouse: str
    code: str
    name: str
    kind: str
    type: str
    zone: str
    walk_seq: int
    blocked: bool
    active: bool

    @property
    def key(self) -> tuple[str, int]:
        """Where the next page starts."""
        return (self.code, self.id)


def location_list(session: Session, text: str = "", *, after: tuple[str, int] | None = None,
                  limit: int = PAGE_SIZE) -> list[LocationListRow]:
    """Warehouse locations (not the virtual ones) whose code starts with `text`, whose name
    contains it or whose barcode it is, by code."""
    text = text.strip()
    stmt = (select(Location.id, Warehouse.code, Location.code, Location.name, Location.kind,
                   Location.type, Location.zone, Location.walk_seq, Location.blocked,
                   Location.active)
            .join(Warehouse, Warehouse.id == Location.warehouse_id))
    if text:
        stmt = stmt.where(or_(*(prefix_range(Location.code, s) for s in case_spellings(text)),
                              contains(Location.name, text), Location.barcode == text))
    if after is not None:
        stmt = stmt.where(tuple_(Location.code, Location.id) > tuple_(*after))
    stmt = stmt.order_by(Location.code, Location.id).limit(limit)
    return [LocationListRow(*row) for row in session.execute(stmt)]


@dataclass(frozen=True)
class WarehouseRow:
    """A warehouse for pickers and lists."""

    id: int
    code: str
    name: str


def warehouses(session: Session) -> list[WarehouseRow]:
    """Every active warehouse, by code."""
    rows = session.execute(select(Warehouse.id, Warehouse.code, Warehouse.name)
                           .where(Warehouse.active.is_(True)).order_by(Warehouse.code))
    return [WarehouseRow(*row) for row in rows]

