"""Products reported short in a bin: held from new reservations there until the bin is counted.

A picker who reports a bin short says the books claim units that are not there. Until
somebody counts the bin, reserving that product there again would send the next picker to the
same empty bin, so the product is held in that bin (reservations skip it, see
models/sales/allocation.py) and the bin is put into a count: an open count that has it
already (counted again if it found the product there), else a count of its own (kind
"short"). Approving a count that counted the bin posts
its adjustment and lifts the hold. Other products of the bin, and reservations made before
the report, stay pickable: the bin is not blocked.

A count cancelled, or approved without counting the bin, leaves the bin uncounted: its holds
go to a new count, so the work stays on the Counts page.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import delete, exists, select
from sqlalchemy.orm import Session

from models import audit
from models.actor import Actor
from models.entities import (
    BinStatus,
    CountBin,
    CountLine,
    CountStatus,
    Location,
    ShortHold,
    StockCount,
)

#: The kind of a count planned by a short report.
SHORT_KIND = "short"


def hold_short(session: Session, actor: Actor, location_id: int, product_ids: Iterable[int],
               *, reason: str) -> str:
    """Hold these products in the bin until it is counted; returns the count's code."""
    products = set(product_ids)
    count = (_open_count_of(session, location_id, products)
             or _plan(session, actor, [location_id], title=reason))
    held = set(session.scalars(select(ShortHold.product_id).where(
        ShortHold.location_id == location_id)))
    for product_id in sorted(products - held):
        session.add(ShortHold(location_id=location_id, product_id=product_id,
                              count_id=count.id, reason=reason[:255],
                              created_by=actor.user_id))
    session.flush()
    return count.code


def settle_holds(session: Session, actor: Actor, count: StockCount,
                 counted_location_ids: Iterable[int]) -> None:
    """After a count is approved or cancelled: lift the holds of the bins it counted, and put
    the holds of its other bins into a new count."""
    counted = set(counted_location_ids)
    holds = session.scalars(select(ShortHold).where(ShortHold.count_id == count.id)).all()
    lifted = [h.id for h in holds if h.location_id in counted]
    if lifted:
        session.execute(delete(ShortHold).where(ShortHold.id.in_(lifted)))
        audit.record(session, actor, "short_hold.lift", entity="stock_count",
                     entity_id=count.id, holds=len(lifted))
    waiting = [h for h in holds if h.location_id not in counted]
    if waiting:
        again = _plan(session, actor, sorted({h.location_id for h in waiting}),
                      title=f"{waiting[0].reason} (not counted in {count.code})")
        for hold in waiting:
            hold.count_id = again.id
    session.flush()


def _open_count_of(session: Session, location_id: int, product_ids: set[int]
                   ) -> StockCount | None:
    """The open count that has the bin. A bin it counted already goes to a recount when that
    count found the products reported short: the picker says otherwise now."""
    row = session.execute(
        select(StockCount, CountBin)
        .join(CountBin, CountBin.count_id == StockCount.id)
        .where(StockCount.status == CountStatus.OPEN, CountBin.location_id == location_id)
        .limit(1)).first()
    if row is None:
        return None
    count, counted_bin = row
    if counted_bin.status == BinStatus.COUNTED and session.scalar(
            select(exists().where(CountLine.count_bin_id == counted_bin.id,
                                  CountLine.round == counted_bin.round,
                                  CountLine.product_id.in_(product_ids),
                                  CountLine.counted > 0))):
        counted_bin.status = BinStatus.RECOUNT
    return count


def _plan(session: Session, actor: Actor, location_ids: list[int], *,
          title: str) -> StockCount:
    warehouse_id = session.scalar(select(Location.warehouse_id)
                                  .where(Location.id == location_ids[0]))
    assert warehouse_id is not None
    count = StockCount(warehouse_id=warehouse_id, title=title[:255], kind=SHORT_KIND,
                       blind=True, recount_pct=5, recount_units=1, created_by=actor.user_id)
    session.add(count)
    session.flush()
    session.add_all(CountBin(count_id=count.id, location_id=i, status=BinStatus.PENDING,
                             round=0) for i in location_ids)
    session.flush()
    audit.record(session, actor, "count.plan", entity="stock_count", entity_id=count.id,
                 kind=SHORT_KIND, bins=len(location_ids), title=count.title)
    return count
