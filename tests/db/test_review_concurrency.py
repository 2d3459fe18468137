"""Eight workstations approving different orders at once on PostgreSQL, wanting more than the
stock together: nothing is oversold, each order is wholly approved or held (or backordered)
by the partial-stock setting, and `verify` is clean."""

from __future__ import annotations

import multiprocessing as mp
from typing import Any

import pytest
from sqlalchemy import func, select

from models.db import Database
from models.entities import Quant, Reservation, SalesOrder, SalesOrderLine
from models.ledger import verify
from models.sales.allocation import set_partial_policy
from models.sales.review import review_orders
from models.users import system_actor
from tests import factories as f
from tests.db import review_setup as setup

WORKERS = 8


def _approve(url: str, order_id: int, barrier: Any, results: Any) -> None:
    """One workstation: wait for the others, then review its order."""
    db = Database(url)
    with db.read() as s:
        actor = system_actor(s, f"ws-{mp.current_process().pid}")
    barrier.wait(timeout=60)
    try:
        summary = db.transact(lambda s: review_orders(s, actor, order_ids=[order_id]))
        results.put(summary.line)
    except Exception as exc:  # reported to the test, which fails on it
        results.put(f"error: {type(exc).__name__}: {exc}")
    finally:
        db.dispose()


@pytest.mark.parametrize("policy", ["hold", "backorder"])
def test_eight_workstations_approving_at_once_never_oversell(db, actor, policy):
    if db.backend != "postgresql":
        pytest.skip("several processes at once: the PostgreSQL case")
    ids = setup.site(db, actor)
    setup.rule(db, actor, "Approve all", {}, {"decision": "approve"})
    db.transact(lambda s: set_partial_policy(s, actor, policy=policy))
    f.stock_in(db, actor, ids["TEA-001"], ids["A-01"], 10)
    f.stock_in(db, actor, ids["TEA-001"], ids["P-01"], 5)
    f.stock_in(db, actor, ids["MILK-001"], ids["A-02"], 8, lot_id=ids["L-SOON"])
    # Each wants 3 tea and 2 milk: the tea is enough for 5 orders, the milk for 4.
    orders = [setup.order(db, actor, f"N{i}", [("TEA-001", 3), ("MILK-001", 2)])
              for i in range(WORKERS)]
    db.dispose()  # no pooled connection may cross into the children

    ctx = mp.get_context("spawn")
    barrier = ctx.Barrier(WORKERS)
    results = ctx.Queue()
    workers = [ctx.Process(target=_approve, args=(db.url, order_id, barrier, results))
               for order_id in orders]
    for w in workers:
        w.start()
    outcomes = [results.get(timeout=120) for _ in workers]
    for w in workers:
        w.join(timeout=30)

    assert not [o for o in outcomes if o.startswith("error")], outcomes
    with db.read() as s:
        statuses = sorted(s.scalars(select(SalesOrder.status)))
        assert s.scalar(select(func.count()).where(Quant.reserved > Quant.on_hand)) == 0
        per_line = dict(s.execute(
            select(SalesOrderLine.id, func.coalesce(func.sum(Reservation.qty), 0))
            .outerjoin(Reservation, Reservation.order_line_id == SalesOrderLine.id)
            .group_by(SalesOrderLine.id)).all())
        lines = s.execute(select(SalesOrderLine.id, SalesOrderLine.qty,
                                 SalesOrder.status).join(SalesOrder)).all()
        assert verify(s) == []
    if policy == "hold":
        assert statuses == ["approved"] * 4 + ["held"] * 4
    else:  # the fifth gets the last tea and no milk; the others nothing at all
        assert statuses == ["approved"] * 4 + ["backorder"] + ["held"] * 3
    for line_id, qty, status in lines:
        if status == "approved":
            assert per_line[line_id] == qty
        elif status == "held":
            assert per_line[line_id] == 0
