"""ABC classes for cycle counts: products ranked by stock value or by units shipped, A the
top 80 % of the total, B the next 15 %, C the rest; and the bins due for a count because a
product of a class in them was last counted longer ago than the class's frequency."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models.entities import (
    VIRTUAL_TYPES,
    LastCount,
    Location,
    LocationKind,
    LocationType,
    Product,
    Quant,
    StockMove,
    StockPosting,
)
from models.errors import InputError
from models.reference_data import virtual_location_id

DEFAULT_DUE_DAYS = {"A": 30, "B": 90, "C": 365}
VELOCITY_DAYS = 90
_A_SHARE, _B_SHARE = Decimal("0.80"), Decimal("0.95")


def warehouse_bins(warehouse_id: int):
    """The conditions of a countable location: an active, real bin of the warehouse."""
    return (Location.warehouse_id == warehouse_id, Location.kind == LocationKind.BIN,
            Location.type.not_in([t.value for t in VIRTUAL_TYPES]), Location.active.is_(True))


def rank_classes(measures: dict[int, Decimal]) -> dict[int, str]:
    """A, B or C per product from its share of the total (largest first; the product that
    crosses 80 % still belongs to A, so A is never empty while anything has a value)."""
    total = sum(measures.values(), Decimal(0))
    classes: dict[int, str] = {}
    running = Decimal(0)
    for product_id, measure in sorted(measures.items(), key=lambda kv: (-kv[1], kv[0])):
        if total <= 0 or measure <= 0:
            classes[product_id] = "C"
            continue
        before = running / total
        classes[product_id] = "A" if before < _A_SHARE else "B" if before < _B_SHARE else "C"
        running += measure
    return classes


def stock_values(session: Session, warehouse_id: int) -> dict[int, Decimal]:
    """On hand in the warehouse's bins times the standard cost, per product with stock."""
    rows = session.execute(
        select(Quant.product_id, func.sum(Quant.on_hand), Product.standard_cost)
        .join(Location, Location.id == Quant.location_id)
        .join(Product, Product.id == Quant.product_id)
        .where(*warehouse_bins(warehouse_id), Quant.on_hand > 0)
        .group_by(Quant.product_id, Product.standard_cost))
    return {pid: Decimal(int(qty)) * (cost or Decimal(0)) for pid, qty, cost in rows}


def units_shipped(session: Session, warehouse_id: int, today: date) -> dict[int, Decimal]:
    """Units moved from the warehouse to the customer location in the last 90 days, per
    product with stock or shipments (a product in stock that never sold measures 0)."""
    customer = virtual_location_id(session, LocationType.CUSTOMER)
    since = datetime.combine(today - timedelta(days=VELOCITY_DAYS), time.min, tzinfo=UTC)
    shipped = dict(session.execute(
        select(StockMove.product_id, func.sum(StockMove.qty))
        .join(StockPosting, StockPosting.id == StockMove.posting_id)
        .join(Location, Location.id == StockMove.from_location_id)
        .where(StockMove.to_location_id == customer, Location.warehouse_id == warehouse_id,
               StockPosting.created_at >= since)
        .group_by(StockMove.product_id)).all())
    measures = {pid: Decimal(0) for pid in stock_values(session, warehouse_id)}
    measures.update({pid: Decimal(int(qty)) for pid, qty in shipped.items()})
    return measures


def abc_classes(session: Session, warehouse_id: int, *, by: str, today: date) -> dict[int, str]:
    """Product id -> A, B or C, ranked by 'value' (on hand x standard cost) or 'velocity'
    (units shipped in the last 90 days)."""
    if by == "value":
        return rank_classes(stock_values(session, warehouse_id))
    if by == "velocity":
        return rank_classes(units_shipped(session, warehouse_id, today))
    raise InputError(f"Classify products by value or velocity, not '{by}'.")


def check_frequencies(abc_due: dict[str, int] | None) -> dict[str, int]:
    """The days between counts per class, the defaults filled in; refuses nonsense."""
    due = dict(DEFAULT_DUE_DAYS)
    for cls, days in (abc_due or {}).items():
        key = str(cls).upper()
        if key not in due:
            raise InputError(f"ABC classes are A, B and C, not '{cls}'.")
        if type(days) is not int or days <= 0:
            raise InputError(f"Class {key} needs a count frequency of at least one day, "
                             f"not {days!r}.")
        due[key] = days
    return due


def due_locations(session: Session, warehouse_id: int, classes: dict[int, str],
                  due_days: dict[str, int], today: date) -> list[int]:
    """Bins holding a product whose class frequency has passed since the bin's last count
    (or that were never counted)."""
    rows = session.execute(
        select(Quant.location_id, Quant.product_id, LastCount.counted_at)
        .join(Location, Location.id == Quant.location_id)
        .outerjoin(LastCount, LastCount.location_id == Quant.location_id)
        .where(*warehouse_bins(warehouse_id), Quant.on_hand > 0))
    due: set[int] = set()
    for location_id, product_id, counted_at in rows:
        if location_id in due:
            continue
        days = due_days[classes.get(product_id, "C")]
        if counted_at is None or (today - counted_at.date()).days >= days:
            due.add(location_id)
    return sorted(due)


def class_counts(classes: Iterable[str]) -> dict[str, int]:
    """How many products fell in each class, for the plan's description."""
    counts = {"A": 0, "B": 0, "C": 0}
    for cls in classes:
        counts[cls] += 1
    return counts
