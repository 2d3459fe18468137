"""Paged, filtered reading of stock and move history for the browsers.

Pages are cut with keyset pagination (`after` the last row shown), never OFFSET, and every
order is one an index already provides, so the first page of ten million rows costs what any
other page costs: a few index probes. Counting the rows is a separate, slower question the
browsers ask in the background.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from datetime import date
from typing import Any

from sqlalchemy import false, func, or_, select, tuple_, union_all
from sqlalchemy.orm import Session

from models.entities import (
    Barcode,
    Location,
    Lot,
    Product,
    Quant,
    StockMove,
    StockPosting,
    Warehouse,
)
from models.ledger.queries import MoveRecord, move_records_query
from models.text_match import barcode_spellings, case_spellings, contains, prefix_range, starts_with

PAGE_SIZE = 200
# The browsers count this far and then say "more than": the first hundred thousand rows are
# counted in a tenth of a second, ten million would keep the worker busy for seconds.
COUNT_UP_TO = 100_000


@dataclass(frozen=True)
class BrowseFilter:
    """What the user typed into a browser's filter fields; empty fields do not filter."""

    sku: str = ""        # SKU starts with
    name: str = ""       # product name or alternative name contains
    barcode: str = ""    # a product or pack barcode, exactly
    location: str = ""   # location code starts with, or a location barcode
    lot: str = ""        # lot number starts with
    reference: str = ""  # move history only: document reference starts with

    def cleaned(self) -> BrowseFilter:
        """The filter with surrounding blanks removed (scanners add some)."""
        return replace(self, **{f.name: getattr(self, f.name).strip() for f in fields(self)})

    @property
    def is_empty(self) -> bool:
        """True when nothing filters."""
        return not any(getattr(self, f.name).strip() for f in fields(self))


# --- filters ---------------------------------------------------------------------------

def _product_conditions(flt: BrowseFilter) -> list[Any]:
    conditions: list[Any] = []
    if flt.sku:
        conditions.append(starts_with(Product.sku, flt.sku))
    if flt.name:
        conditions.append(or_(contains(Product.name, flt.name),
                              contains(Product.alt_name, flt.name)))
    if flt.barcode:
        conditions.append(Product.id.in_(select(Barcode.product_id).where(
            Barcode.code.in_(barcode_spellings(flt.barcode)))))
    return conditions


def _location_ids(text: str) -> Any:
    return select(Location.id).where(or_(starts_with(Location.code, text),
                                         Location.barcode == text))


def _lot_ids(text: str) -> Any:
    return select(Lot.id).where(starts_with(Lot.number, text))


# --- stock -----------------------------------------------------------------------------------

StockKey = tuple[str, str, int]  # (SKU, location code, quant id): the browser's order


@dataclass(frozen=True)
class StockRow:
    """One quant with stock on hand, as the stock browser shows it."""

    quant_id: int
    product_id: int
    sku: str
    name: str
    alt_name: str
    warehouse: str
    location: str
    lot: str
    expiry: date | None
    on_hand: int
    reserved: int

    @property
    def available(self) -> int:
        """On hand minus reserved."""
        return self.on_hand - self.reserved

    @property
    def key(self) -> StockKey:
        """Where the next page starts."""
        return (self.sku, self.location, self.quant_id)


def _stock_query(flt: BrowseFilter) -> Any:
    stmt = (
        select(Quant.id, Product.id, Product.sku, Product.name, Product.alt_name,
               func.coalesce(Warehouse.code, ""), Location.code,
               func.coalesce(Lot.number, ""), Lot.expiry, Quant.on_hand, Quant.reserved)
        .select_from(Product)
        .join(Quant, Quant.product_id == Product.id)
        .join(Location, Location.id == Quant.location_id)
        .outerjoin(Warehouse, Warehouse.id == Location.warehouse_id)
        .outerjoin(Lot, Lot.id == Quant.lot_id)
        .where(Quant.on_hand > 0)
    )
    conditions = _product_conditions(flt)
    if conditions:
        stmt = stmt.where(Product.id.in_(select(Product.id).where(*conditions)))
    if flt.location:
        stmt = stmt.where(Quant.location_id.in_(_location_ids(flt.location)))
    if flt.lot:
        # Lots belong to products: naming those lets the quant key index find the quants.
        lots = select(Lot.id, Lot.product_id).where(starts_with(Lot.number, flt.lot)).subquery()
        stmt = stmt.where(Quant.lot_id.in_(select(lots.c.id)),
                          Quant.product_id.in_(select(lots.c.product_id)))
    return stmt


def _next_products(flt: BrowseFilter, from_sku: str | None, limit: int) -> Any:
    """The ids of the next `limit` products in SKU order that have stock and pass the SKU and
    name filters: a walk along the SKU index that stops early, one walk per spelling of the
    SKU prefix (a UNION of ordered, limited walks is still cheap; an OR of ranges would be
    sorted in full)."""
    has_stock = select(Quant.id).where(Quant.product_id == Product.id, Quant.on_hand > 0)
    walks = []
    for spelling in case_spellings(flt.sku) if flt.sku else [None]:
        walk = select(Product.id, Product.sku).where(has_stock.exists())
        if spelling is not None:
            walk = walk.where(prefix_range(Product.sku, spelling))
        if flt.name:
            walk = walk.where(or_(contains(Product.name, flt.name),
                                  contains(Product.alt_name, flt.name)))
        if from_sku is not None:
            walk = walk.where(Product.sku >= from_sku)
        walks.append(walk.order_by(Product.sku).limit(limit).subquery())
    ids = [select(w.c.id) for w in walks]
    return ids[0] if len(ids) == 1 else union_all(*ids)


def stock_page(session: Session, flt: BrowseFilter, *, after: StockKey | None = None,
               limit: int = PAGE_SIZE) -> list[StockRow]:
    """Up to `limit` quants with stock, by SKU then location, starting after `after`."""
    flt = flt.cleaned()
    if flt.reference:
        return []  # stock has no document reference; only moves do
    if flt.barcode or flt.location or flt.lot:
        # Selective filters: start from the few quants they match and sort those.
        stmt = _stock_query(flt)
    else:
        # Start from the SKU index, so the first page never sorts the whole table.
        # One product more than rows: the first may have no rows left after `after`.
        products = _next_products(flt, after[0] if after else None, limit + 1)
        stmt = _stock_query(BrowseFilter()).where(Product.id.in_(products))
    if after is not None:
        sku, location, quant_id = after
        stmt = stmt.where(Product.sku >= sku, or_(
            Product.sku > sku, tuple_(Location.code, Quant.id) > tuple_(location, quant_id)))
    stmt = stmt.order_by(Product.sku, Location.code, Quant.id).limit(limit)
    return [StockRow(*row) for row in session.execute(stmt)]


def _count(session: Session, ids: Any, up_to: int | None) -> int:
    if up_to is not None:
        ids = ids.limit(up_to)
    return int(session.scalar(select(func.count()).select_from(ids.subquery())))


def count_stock(session: Session, flt: BrowseFilter, *, up_to: int | None = None) -> int:
    """How many quants with stock the filter matches, counting no further than `up_to`
    (a full count of millions takes a second: ask in the background)."""
    flt = flt.cleaned()
    if flt.reference:
        return 0
    return _count(session, _stock_query(flt).with_only_columns(Quant.id), up_to)


# --- move history --------------------------------------------------------------------------

# A filter dimension matching at most this many products, locations, lots or postings drives
# the query from its own index; one matching more is checked row by row along the ledger.
NARROW = 50


@dataclass
class _Dimension:
    """One filter field of the move history: the ids it allows and the move columns that
    must hold one of them."""

    ids: Any  # a SELECT of ids
    columns: list[Any]
    found: list[int] | None = None  # the ids, when there are at most NARROW of them

    def condition(self) -> Any:
        ids = self.found if self.found is not None else self.ids
        return or_(*(column.in_(ids) for column in self.columns))


def _dimensions(flt: BrowseFilter) -> list[_Dimension]:
    dimensions = []
    products = _product_conditions(flt)
    if products:
        dimensions.append(_Dimension(select(Product.id).where(*products),
                                     [StockMove.product_id]))
    if flt.location:
        dimensions.append(_Dimension(_location_ids(flt.location),
                                     [StockMove.from_location_id, StockMove.to_location_id]))
    if flt.lot:
        dimensions.append(_Dimension(_lot_ids(flt.lot), [StockMove.lot_id]))
    if flt.reference:
        dimensions.append(_Dimension(
            select(StockPosting.id).where(starts_with(StockPosting.reference, flt.reference)),
            [StockMove.posting_id]))
    return dimensions


def _move_ids(session: Session, flt: BrowseFilter, before: int | None, limit: int) -> Any:
    """A SELECT of the ids of the page's moves (at least; the caller orders and limits).

    Newest first is the primary key's order, so without a filter, or with one that matches
    much, the page is a walk back along the ledger that stops after `limit` matches. A filter
    matching only a few products, locations, lots or documents would make that walk cross the
    whole ledger to find their few moves; instead each of those few walks back along its own
    index ((product_id, id), (from_location_id, id)...) and the walks are merged.
    """
    dimensions = _dimensions(flt)
    for dimension in dimensions:
        found = list(session.scalars(dimension.ids.limit(NARROW + 1)))
        if len(found) <= NARROW:
            dimension.found = found
    older = [StockMove.id < before] if before is not None else []
    narrow = [d for d in dimensions if d.found is not None]
    if not narrow:
        return (select(StockMove.id).where(*older, *(d.condition() for d in dimensions))
                .order_by(StockMove.id.desc()).limit(limit))
    driver = min(narrow, key=lambda d: len(d.found or ()) * len(d.columns))
    others = [d.condition() for d in dimensions if d is not driver]
    walks = [select(StockMove.id).where(column == key, *older, *others)
             .order_by(StockMove.id.desc()).limit(limit).subquery()
             for key in driver.found or () for column in driver.columns]
    if not walks:
        return select(StockMove.id).where(false())
    return union_all(*(select(walk.c.id) for walk in walks))


def move_page(session: Session, flt: BrowseFilter, *, before: int | None = None,
              limit: int = PAGE_SIZE) -> list[MoveRecord]:
    """Up to `limit` ledger moves, newest first, older than move id `before`."""
    # The ids first, then their rows: given a subquery instead of the ids, PostgreSQL joins
    # the whole ledger to its seven lookup tables before keeping the page's moves.
    page = _move_ids(session, flt.cleaned(), before, limit).subquery()
    ids = list(session.scalars(select(page.c.id).order_by(page.c.id.desc()).limit(limit)))
    if not ids:
        return []
    stmt = move_records_query().where(StockMove.id.in_(ids)).order_by(StockMove.id.desc())
    return [MoveRecord(*row) for row in session.execute(stmt)]


def count_moves(session: Session, flt: BrowseFilter, *, up_to: int | None = None) -> int:
    """How many moves the filter matches, counting no further than `up_to`."""
    conditions = [d.condition() for d in _dimensions(flt.cleaned())]
    return _count(session, select(StockMove.id).where(*conditions), up_to)
