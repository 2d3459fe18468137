"""Approving a 10,000-line count (100 bins of 100 products, every line with a variance), on
SQLite and PostgreSQL, against bare SQL `executemany` of the same move rows in the same run
(budget: < 10 s)."""

from __future__ import annotations

import pytest
from sqlalchemy import insert, select

from models.counting.review import adjustment_moves, approve_count
from models.db import Database
from models.entities import (
    BinStatus,
    CountBin,
    CountLine,
    Location,
    LocationKind,
    LocationType,
    Product,
    StockCount,
    utcnow,
)
from models.ledger import MoveLine, Reason, post_moves, verify
from models.reference_data import virtual_location_id
from tests import factories as f
from tests.perf.report import median, record, timed
from tests.perf.test_ledger_posting_perf import _bare_sql_insert

pytestmark = pytest.mark.perf

PRODUCTS, BINS = 10_000, 100
RUNS = 3


@pytest.fixture
def stocked(db: Database, actor) -> dict:
    """10,000 products spread over 100 bins, 5-11 units each, received through the ledger."""
    with db.write() as s:
        wh = f.warehouse(s)
        s.execute(insert(Product), [{"sku": f"P{i:06d}", "name": f"Product {i}",
                                     "standard_cost": 3} for i in range(PRODUCTS)])
        s.execute(insert(Location), [{"warehouse_id": wh.id, "code": f"B{i:03d}",
                                      "barcode": f"B{i:03d}", "kind": LocationKind.BIN,
                                      "type": LocationType.STORAGE, "zone": "Z"}
                                     for i in range(BINS)])
        products = list(s.scalars(select(Product.id).order_by(Product.id)))
        bins = list(s.scalars(select(Location.id).where(Location.code.like("B%"))
                              .order_by(Location.id)))
        supplier = virtual_location_id(s, LocationType.SUPPLIER)
        lines = [(pid, bins[i % BINS], 5 + i % 7) for i, pid in enumerate(products)]
        post_moves(s, actor, [MoveLine(pid, qty, supplier, loc) for pid, loc, qty in lines],
                   reason=Reason.RECEIPT)
        return {"warehouse": wh.id, "bins": bins, "lines": lines}


def _counted(db: Database, actor, stocked: dict) -> int:
    """A count of every bin as the floor leaves it: half the lines one short, half two over."""
    with db.write() as s:
        count = StockCount(warehouse_id=stocked["warehouse"], title="perf", kind="full",
                           created_by=actor.user_id)
        s.add(count)
        s.flush()
        now = utcnow()
        s.execute(insert(CountBin), [
            {"count_id": count.id, "location_id": loc, "status": BinStatus.COUNTED,
             "round": 1, "first_counter_id": actor.user_id, "counter_id": actor.user_id,
             "started_at": now, "counted_at": now} for loc in stocked["bins"]])
        bin_ids = dict(s.execute(select(CountBin.location_id, CountBin.id).where(
            CountBin.count_id == count.id)).all())
        s.execute(insert(CountLine), [
            {"count_bin_id": bin_ids[loc], "round": 1, "product_id": pid, "expected": qty,
             "counted": qty - 1 if i % 2 else qty + 2, "updated_at": now}
            for i, (pid, loc, qty) in enumerate(stocked["lines"])])
        return count.id


def test_approving_a_10000_line_count(db, actor, stocked):
    counts = iter([_counted(db, actor, stocked) for _ in range(RUNS)])
    # The same moves an approval posts, from a count of its own, for the bare-SQL floor.
    sample = _counted(db, actor, stocked)
    with db.read() as s:
        moves = adjustment_moves(s, sample)
    assert len(moves) == PRODUCTS
    baseline = timed(lambda: _bare_sql_insert(db, moves), repeat=RUNS)
    results = []
    approved = timed(lambda: results.append(db.transact(
        lambda s: approve_count(s, actor, next(counts)))), repeat=RUNS)
    assert [r.moves for r in results] == [PRODUCTS] * RUNS
    assert [r.units_lost for r in results] == [PRODUCTS // 2] * RUNS
    ratio = median(approved) / median(baseline)
    record("approve 10,000-line count", db.backend, lines=PRODUCTS, bins=BINS,
           approve_s=median(approved), approve_max_s=max(approved),
           bare_executemany_s=median(baseline), ratio=ratio, budget="< 10 s")
    with db.read() as s:
        # The bare-SQL rows bypass the quants on purpose; only they may differ.
        assert all(p.check == "on hand" for p in verify(s))
    assert max(approved) < 10.0
