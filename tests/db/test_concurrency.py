"""Several processes at once against one database: the ledger never oversells."""

from __future__ import annotations

import multiprocessing as mp
from typing import Any

from sqlalchemy import func, select

from models.db import Database
from models.entities import LocationType, StockMove
from models.errors import InsufficientStock
from models.ledger import MoveLine, Reason, on_hand, post_moves, verify
from models.reference_data import virtual_location_id
from models.users import system_actor
from tests import factories as f

WORKERS = 8


def _take_two(url: str, product_id: int, bin_id: int, customer_id: int,
              barrier: Any, results: Any) -> None:
    """One workstation: wait for the others, then try to ship 2 units."""
    db = Database(url)
    with db.read() as s:
        actor = system_actor(s, f"ws-{mp.current_process().pid}")
    line = MoveLine(product_id, 2, bin_id, customer_id)
    barrier.wait(timeout=60)
    try:
        db.transact(lambda s: post_moves(s, actor, [line], reason=Reason.SHIPMENT))
        results.put("shipped")
    except InsufficientStock:
        results.put("insufficient")
    except Exception as exc:  # reported to the test, which fails on it
        results.put(f"error: {type(exc).__name__}: {exc}")
    finally:
        db.dispose()


def test_eight_processes_taking_two_of_the_last_ten_units_never_oversell(db, actor):
    with db.write() as s:
        wh = f.warehouse(s)
        bin_id = f.bin_(s, wh, "A-01-1").id
        product_id = f.product(s, "LAST-TEN").id
        supplier = virtual_location_id(s, LocationType.SUPPLIER)
        customer = virtual_location_id(s, LocationType.CUSTOMER)
        post_moves(s, actor, [MoveLine(product_id, 10, supplier, bin_id)], reason="receipt")
    db.dispose()  # no pooled connection may cross into the children

    ctx = mp.get_context("spawn")
    barrier = ctx.Barrier(WORKERS)
    results = ctx.Queue()
    workers = [ctx.Process(target=_take_two,
                           args=(db.url, product_id, bin_id, customer, barrier, results))
               for _ in range(WORKERS)]
    for w in workers:
        w.start()
    outcomes = sorted(results.get(timeout=120) for _ in workers)
    for w in workers:
        w.join(timeout=30)

    assert outcomes == ["insufficient"] * 3 + ["shipped"] * 5
    with db.read() as s:
        assert on_hand(s, product_id) == 0
        assert s.scalar(select(func.count()).select_from(StockMove)
                        .where(StockMove.to_location_id == customer)) == 5
        assert verify(s) == []
