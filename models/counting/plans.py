"""Count plans: which bins a count covers (the whole warehouse, a zone, an aisle or a range of
locations, the bins of some products, the bins due by ABC class, a random sample), and
finding and listing counts afterwards."""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import case, func, insert, select
from sqlalchemy.orm import Session

from models import audit
from models.actor import Actor
from models.counting.abc import abc_classes, check_frequencies, due_locations, warehouse_bins
from models.counting.short_holds import settle_holds
from models.entities import (
    BinStatus,
    CountBin,
    CountStatus,
    Location,
    Product,
    Quant,
    StockCount,
    User,
    Warehouse,
)
from models.errors import InputError, NotFound
from models.masterdata.locations import warehouse_by_code
from models.permissions import Perm

KINDS = ("full", "zone", "aisle", "range", "products", "cycle", "sample")
_CODE = re.compile(r"^(?:COUNT-)?(\d+)$", re.IGNORECASE)


def plan_count(session: Session, actor: Actor, *, warehouse_code: str, kind: str,
               title: str = "", zone: str | None = None, aisle: str | None = None,
               location_from: str | None = None, location_to: str | None = None,
               skus: Sequence[str] | None = None, category: str | None = None,
               abc_due: dict[str, int] | None = None, abc_by: str = "value",
               sample: int | None = None, seed: int | None = None, blind: bool = True,
               recount_pct: int = 5, recount_units: int = 1, today: date) -> StockCount:
    """Create an open count with one pending bin per location the plan covers."""
    actor.require(Perm.STOCK_ADJUST)
    if kind not in KINDS:
        raise InputError(f"A count plan is one of {', '.join(KINDS)}, not '{kind}'.")
    for name, value in (("recount percentage", recount_pct), ("recount units", recount_units)):
        if type(value) is not int or value < 0:
            raise InputError(f"The {name} must be a whole number of 0 or more, not {value!r}.")
    wh = warehouse_by_code(session, warehouse_code)
    bins = _bins(session, wh.id)
    if kind == "full":
        chosen, what = list(bins), f"Full count of {wh.code}"
    elif kind == "zone":
        if not zone:
            raise InputError("Say which zone to count.")
        chosen = [i for i, (_code, z) in bins.items() if z == zone]
        what = f"Zone {zone}"
    elif kind == "aisle":
        if not aisle:
            raise InputError("Say which aisle to count (the start of its bin codes, e.g. A).")
        chosen = [i for i, (code, _z) in bins.items() if _in_aisle(code, aisle)]
        what = f"Aisle {aisle}"
    elif kind == "range":
        if not location_from or not location_to:
            raise InputError("A location range needs a first and a last location code.")
        if location_from > location_to:
            raise InputError(f"The range runs from the lower code: {location_to} comes "
                             f"before {location_from}.")
        chosen = [i for i, (code, _z) in bins.items()
                  if location_from <= code <= location_to]
        what = f"Locations {location_from} to {location_to}"
    elif kind == "products":
        chosen, what = _product_bins(session, wh.id, skus, category)
    elif kind == "cycle":
        classes = abc_classes(session, wh.id, by=abc_by, today=today)
        chosen = due_locations(session, wh.id, classes, check_frequencies(abc_due), today)
        what = f"Cycle count: {len(chosen)} bins due {today.isoformat()}"
    else:
        chosen, what = _sample(session, wh.id, sample, seed)
    if not chosen:
        raise InputError(_nothing(kind, what, wh.code, today))
    _refuse_bins_in_open_counts(session, chosen, bins)
    count = StockCount(warehouse_id=wh.id, title=(title.strip() or what)[:255], kind=kind,
                       blind=blind, recount_pct=recount_pct, recount_units=recount_units,
                       created_by=actor.user_id)
    session.add(count)
    session.flush()
    session.execute(insert(CountBin), [
        {"count_id": count.id, "location_id": i, "status": BinStatus.PENDING, "round": 0}
        for i in sorted(chosen)])
    audit.record(session, actor, "count.plan", entity="stock_count", entity_id=count.id,
                 kind=kind, bins=len(chosen), title=count.title)
    return count


def _nothing(kind: str, what: str, warehouse: str, today: date) -> str:
    if kind == "full":
        return f"Nothing to count: {warehouse} has no active bins."
    if kind == "cycle":
        return f"Nothing to count: no bin of {warehouse} is due for a count on {today}."
    if kind in ("products", "sample"):
        return f"Nothing to count: no bin of {warehouse} holds stock of that."
    return f"Nothing to count: {what} has no bins in {warehouse}."


def _bins(session: Session, warehouse_id: int) -> dict[int, tuple[str, str]]:
    """Location id -> (code, zone) of every countable bin, in code order."""
    rows = session.execute(select(Location.id, Location.code, Location.zone)
                           .where(*warehouse_bins(warehouse_id)))
    return {i: (code, z) for i, code, z in sorted(rows, key=lambda r: r[1])}


def _in_aisle(code: str, aisle: str) -> bool:
    # "A" is aisle A (A-01-1), not A1-...: the prefix must end at a separator.
    if not code.startswith(aisle):
        return False
    rest = code[len(aisle):]
    return not rest or not aisle[-1].isalnum() or not rest[0].isalnum()


def _product_bins(session: Session, warehouse_id: int, skus: Sequence[str] | None,
                  category: str | None) -> tuple[list[int], str]:
    wanted = [s.strip() for s in skus or () if s.strip()]
    if not wanted and not category:
        raise InputError("Say which products to count: SKUs or a category.")
    stmt = select(Product.id, Product.sku)
    if wanted:
        found = dict(session.execute(stmt.where(Product.sku.in_(wanted))).all())
        unknown = sorted(set(wanted) - set(found.values()))
        if unknown:
            raise NotFound(f"There is no product {', '.join(unknown)}.")
        product_ids = set(found)
        what = f"Products {', '.join(wanted)}" if len(wanted) <= 3 else \
            f"{len(wanted)} products"
    else:
        product_ids = set(session.scalars(select(Product.id).where(
            Product.category == category)))
        if not product_ids:
            raise NotFound(f"There are no products in category {category}.")
        what = f"Category {category}"
    locations = session.scalars(
        select(Quant.location_id).distinct()
        .join(Location, Location.id == Quant.location_id)
        .where(*warehouse_bins(warehouse_id), Quant.on_hand > 0,
               Quant.product_id.in_(product_ids)))
    return sorted(locations), what


def _sample(session: Session, warehouse_id: int, size: int | None,
            seed: int | None) -> tuple[list[int], str]:
    if type(size) is not int or size <= 0:
        raise InputError(f"A sample needs a number of bins of at least 1, not {size!r}.")
    with_stock = sorted(session.scalars(
        select(Quant.location_id).distinct()
        .join(Location, Location.id == Quant.location_id)
        .where(*warehouse_bins(warehouse_id), Quant.on_hand > 0)))
    chosen = random.Random(seed).sample(with_stock, min(size, len(with_stock)))
    return chosen, f"Sample of {len(chosen)} bins"


def _refuse_bins_in_open_counts(session: Session, chosen: list[int],
                                bins: dict[int, tuple[str, str]]) -> None:
    taken: list[tuple[str, int]] = []
    wanted = sorted(chosen)
    for start in range(0, len(wanted), 5_000):
        taken.extend(session.execute(
            select(CountBin.location_id, CountBin.count_id)
            .join(StockCount, StockCount.id == CountBin.count_id)
            .where(StockCount.status == CountStatus.OPEN,
                   CountBin.location_id.in_(wanted[start:start + 5_000]))).all())
    if taken:
        named = sorted((bins[loc][0], count_id) for loc, count_id in taken)
        shown = ", ".join(f"{code} (COUNT-{count_id})" for code, count_id in named[:5])
        more = f" and {len(named) - 5} more" if len(named) > 5 else ""
        raise InputError(f"{shown}{more} already in an open count; approve or cancel "
                         "that count first, or plan around those bins.")


def cancel_count(session: Session, actor: Actor, count_id: int) -> StockCount:
    """Cancel an open count: nothing is posted, its bins are free for another count, a
    location a counter had blocked for it is unblocked, and the bins reported short in it go
    to a new count."""
    actor.require(Perm.STOCK_ADJUST)
    count = find_count(session, count_id)
    if count.status == CountStatus.CANCELLED:
        return count
    if count.status != CountStatus.OPEN:
        raise InputError(f"{count.code} is {count.status}; only an open count is cancelled.")
    busy = session.execute(
        select(Location, CountBin.was_blocked)
        .join(CountBin, CountBin.location_id == Location.id)
        .where(CountBin.count_id == count.id, CountBin.status == BinStatus.COUNTING)
        .with_for_update(of=Location)).all()
    for location, was_blocked in busy:
        if not was_blocked and location.blocked_reason == f"being counted ({count.code})":
            location.blocked, location.blocked_reason = False, ""
    count.status = CountStatus.CANCELLED
    settle_holds(session, actor, count, ())
    session.flush()
    audit.record(session, actor, "count.cancel", entity="stock_count", entity_id=count.id)
    return count


def find_count(session: Session, ref: str | int) -> StockCount:
    """The count with this number or code (7 or COUNT-7), or NotFound."""
    match = _CODE.match(str(ref).strip())
    count = session.get(StockCount, int(match.group(1))) if match else None
    if count is None:
        raise NotFound(f"There is no count {ref}.")
    return count


@dataclass(frozen=True)
class CountSummary:
    """A count as a list shows it."""

    id: int
    code: str
    warehouse: str
    title: str
    kind: str
    status: str
    blind: bool
    created_at: datetime
    bins: int
    counted: int  # bins counted (waiting for nothing)


def list_counts(session: Session, *, open_only: bool = False) -> list[CountSummary]:
    """Counts, newest first, with how many of their bins are counted."""
    counted = func.sum(case((CountBin.status == BinStatus.COUNTED, 1), else_=0))
    stmt = (select(StockCount, Warehouse.code, func.count(CountBin.id), counted)
            .join(Warehouse, Warehouse.id == StockCount.warehouse_id)
            .outerjoin(CountBin, CountBin.count_id == StockCount.id)
            .group_by(StockCount.id, Warehouse.code).order_by(StockCount.id.desc()))
    if open_only:
        stmt = stmt.where(StockCount.status == CountStatus.OPEN)
    return [CountSummary(c.id, c.code, wh, c.title, c.kind, c.status, c.blind, c.created_at,
                         int(n or 0), int(done or 0))
            for c, wh, n, done in session.execute(stmt)]


@dataclass(frozen=True)
class BinProgress:
    """One bin of a count: where it stands and who counted it."""

    location: str
    zone: str
    status: str
    round: int
    counter: str
    counted_at: datetime | None


def bin_progress(session: Session, count_id: int) -> list[BinProgress]:
    """Every bin of a count in walk order, with its status, round and last counter."""
    rows = session.execute(
        select(Location.code, Location.zone, CountBin.status, CountBin.round,
               User.username, CountBin.counted_at, Location.walk_seq)
        .join(Location, Location.id == CountBin.location_id)
        .outerjoin(User, User.id == CountBin.counter_id)
        .where(CountBin.count_id == count_id))
    ordered = sorted(rows, key=lambda r: (r.walk_seq, r.code))
    return [BinProgress(r.code, r.zone, r.status, r.round, r.username or "", r.counted_at)
            for r in ordered]
