"""What waits on the receiving docks to be put away: one task per product, lot and dock, with
the bin it should go to."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from models.entities import Location, LocationKind, LocationType, Lot, Product, Quant
from models.putaway.suggestion import Suggestion, suggest_bin


@dataclass(frozen=True)
class DockStock:
    """Units of one product and lot free to move on one dock (on hand minus reserved)."""

    product_id: int
    sku: str
    name: str
    tracking: str
    lot_id: int | None
    lot_number: str | None
    expiry: date | None
    dock_id: int
    dock_code: str
    warehouse_id: int
    qty: int

    @property
    def key(self) -> tuple[int, int | None, int]:
        """(product, lot, dock): what tells two tasks apart."""
        return (self.product_id, self.lot_id, self.dock_id)


@dataclass(frozen=True)
class PutawayTask(DockStock):
    """Stock on a dock and the bin suggested for it (None when no rule found a bin)."""

    suggestion: Suggestion | None = None

    @property
    def suggested_code(self) -> str:
        """The suggested bin's code, or "" when there is none."""
        return self.suggestion.code if self.suggestion else ""

    @property
    def suggested_reason(self) -> str:
        """Why that bin ("fixed bin"), or "" when there is none."""
        return self.suggestion.reason if self.suggestion else ""


def _dock_stock_query() -> Select:
    free = Quant.on_hand - Quant.reserved
    return (
        select(Product.id, Product.sku, Product.name, Product.tracking, Quant.lot_id,
               Lot.number, Lot.expiry, Location.id, Location.code, Location.warehouse_id, free)
        .join(Location, Location.id == Quant.location_id)
        .join(Product, Product.id == Quant.product_id)
        .outerjoin(Lot, Lot.id == Quant.lot_id)
        .where(Location.type == LocationType.RECEIVING, Location.kind == LocationKind.BIN,
               free > 0)
        .order_by(Location.code, Product.sku, Lot.expiry, Lot.number)
    )


def dock_stock(session: Session, *, warehouse_id: int | None = None,
               product_id: int | None = None,
               dock_ids: Collection[int] | None = None) -> list[DockStock]:
    """Stock free to put away on the receiving docks, by dock, SKU and expiry."""
    stmt = _dock_stock_query()
    if warehouse_id is not None:
        stmt = stmt.where(Location.warehouse_id == warehouse_id)
    if product_id is not None:
        stmt = stmt.where(Quant.product_id == product_id)
    if dock_ids is not None:
        stmt = stmt.where(Quant.location_id.in_(sorted(dock_ids)))
    return [DockStock(*row) for row in session.execute(stmt)]


def task_for(session: Session, stock: DockStock) -> PutawayTask:
    """The task for one dock's stock, with its suggested bin."""
    suggestion = suggest_bin(session, product_id=stock.product_id, lot_id=stock.lot_id,
                             qty=stock.qty, warehouse_id=stock.warehouse_id)
    return PutawayTask(**vars(stock), suggestion=suggestion)


def putaway_tasks(session: Session, *, warehouse_id: int | None = None) -> list[PutawayTask]:
    """Everything waiting on the receiving docks (of one warehouse), with suggested bins."""
    return [task_for(session, stock) for stock in dock_stock(session, warehouse_id=warehouse_id)]
