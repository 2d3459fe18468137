"""Posting 10,000-line receipts and count adjustments through the ledger, against bare SQL
`executemany` of the same move rows in the same run (budget: < 3 s and within 3x)."""

from __future__ import annotations

import itertools

import pytest
from sqlalchemy import insert

from models.db import Database
from models.entities import Location, LocationKind, LocationType, Product, StockPosting, utcnow
from models.ledger import MoveLine, Reason, post_moves, verify
from models.reference_data import virtual_location_id
from tests import factories as f
from tests.perf.report import median, record, timed

LINES = 10_000
_keys = itertools.count()


@pytest.fixture
def catalogue(db: Database) -> dict:
    """10,000 products and 100 bins."""
    with db.write() as s:
        wh = f.warehouse(s)
        s.execute(insert(Product), [{"sku": f"P{i:06d}", "name": f"Product {i}"}
                                    for i in range(LINES)])
        s.execute(insert(Location), [{"warehouse_id": wh.id, "code": f"B{i:03d}",
                                      "barcode": f"B{i:03d}", "kind": LocationKind.BIN,
                                      "type": LocationType.STORAGE} for i in range(100)])
        products = [pid for (pid,) in s.query(Product.id).order_by(Product.id)]
        bins = [lid for (lid,) in s.query(Location.id).filter(Location.code.like("B%"))
                .order_by(Location.id)]
        return {"products": products, "bins": bins,
                "supplier": virtual_location_id(s, LocationType.SUPPLIER),
                "loss": virtual_location_id(s, LocationType.INVENTORY_LOSS)}


def _receipt(cat: dict) -> list[MoveLine]:
    return [MoveLine(pid, 5 + i % 7, cat["supplier"], cat["bins"][i % 100])
            for i, pid in enumerate(cat["products"])]


def _bare_sql_insert(db: Database, lines: list[MoveLine]) -> None:
    """The floor: the same posting and move rows with the driver's executemany, nothing else."""
    with db.write() as s:
        posting = StockPosting(request_hash="x", reason="bench", user_id=1, workstation="bench",
                               created_at=utcnow())
        s.add(posting)
        s.flush()
        raw = s.connection().connection.dbapi_connection
        mark = "?" if db.backend == "sqlite" else "%s"
        sql = ("INSERT INTO stock_move (posting_id, product_id, lot_id, serial_id, qty, "
               f"from_location_id, to_location_id, unit_cost) VALUES "
               f"({', '.join([mark] * 8)})")
        rows = [(posting.id, ln.product_id, None, None, ln.qty, ln.from_location_id,
                 ln.to_location_id, None) for ln in lines]
        cursor = raw.cursor()
        cursor.executemany(sql, rows)
        cursor.close()


def _post(db: Database, actor, lines: list[MoveLine], reason: str) -> None:
    key = f"bench-{next(_keys)}"
    db.transact(lambda s: post_moves(s, actor, lines, reason=reason, idempotency_key=key))


def test_posting_a_10000_line_receipt(db, actor, catalogue, request):
    lines = _receipt(catalogue)
    baseline = timed(lambda: _bare_sql_insert(db, lines))
    posted = timed(lambda: _post(db, actor, lines, Reason.RECEIPT))
    ratio = median(posted) / median(baseline)
    record("post 10,000-line receipt", db.backend, lines=LINES,
           post_s=median(posted), bare_executemany_s=median(baseline), ratio=ratio,
           budget="< 3 s, within 3x of bare executemany")
    with db.read() as s:
        # The bare-SQL rows bypass the quants on purpose; only they may differ.
        assert all(p.check == "on hand" for p in verify(s))
    assert median(posted) < 3.0
    assert ratio < 3.0


def test_posting_a_10000_line_count_adjustment(db, actor, catalogue):
    _post(db, actor, _receipt(catalogue), Reason.RECEIPT)
    # A count finds half the products short by one and half over by two.
    lines = [MoveLine(pid, 1, catalogue["bins"][i % 100], catalogue["loss"]) if i % 2 else
             MoveLine(pid, 2, catalogue["loss"], catalogue["bins"][i % 100])
             for i, pid in enumerate(catalogue["products"])]
    # Three counts in a row: each takes one unit from half the bins and adds two to the rest.
    baseline = timed(lambda: _bare_sql_insert(db, lines))
    posted = timed(lambda: _post(db, actor, lines, Reason.COUNT))
    ratio = median(posted) / median(baseline)
    record("post 10,000-line count adjustment", db.backend, lines=LINES,
           post_s=median(posted), bare_executemany_s=median(baseline), ratio=ratio,
           budget="< 3 s, within 3x of bare executemany")
    assert median(posted) < 3.0
    assert ratio < 3.0
