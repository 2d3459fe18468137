"""Four workstations planning waves of the same approved orders at once on PostgreSQL: each
order ends in exactly one wave (the others are told to plan again), and its pick tasks are
there once."""

from __future__ import annotations

import multiprocessing as mp
from typing import Any

import pytest
from sqlalchemy import func, select

from models.db import Database
from models.entities import PickTask, SalesOrder, WaveOrder
from models.ledger import verify
from models.picking.planning import WaveRules, plan_waves
from models.users import system_actor
from tests.db import picking_setup as setup

WORKERS = 4


def _plan(url: str, barrier: Any, results: Any) -> None:
    """One workstation: wait for the others, then plan waves of everything approved."""
    db = Database(url)
    with db.read() as s:
        actor = system_actor(s, f"ws-{mp.current_process().pid}")
    barrier.wait(timeout=60)
    try:
        waves = db.transact(lambda s: plan_waves(s, actor, WaveRules("WH1", max_orders=5)),
                            attempts=1)
        results.put(f"planned {sum(w.orders for w in waves)}")
    except Exception as exc:  # a refusal is an answer; anything else fails the test
        results.put(f"{type(exc).__name__}: {exc}")
    finally:
        db.dispose()


def test_workstations_planning_at_once_never_put_an_order_in_two_waves(db, actor):
    if db.backend != "postgresql":
        pytest.skip("several processes at once: the PostgreSQL case")
    setup.stocked_site(db, actor, 100)
    for i in range(20):
        setup.order(db, actor, f"o{i}", [("TEA", 1 + i % 3)], hour=i % 24)
    setup.approve(db, actor)
    db.dispose()  # no pooled connection may cross into the children

    ctx = mp.get_context("spawn")
    barrier = ctx.Barrier(WORKERS)
    results = ctx.Queue()
    workers = [ctx.Process(target=_plan, args=(db.url, barrier, results))
               for _ in range(WORKERS)]
    for w in workers:
        w.start()
    outcomes = [results.get(timeout=120) for _ in workers]
    for w in workers:
        w.join(timeout=30)

    planned = [o for o in outcomes if o.startswith("planned")]
    refused = [o for o in outcomes if "plan again" in o]
    assert len(planned) + len(refused) == WORKERS, outcomes
    assert sum(int(o.split()[1]) for o in planned) == 20
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(WaveOrder)) == 20
        assert s.scalar(select(func.count(func.distinct(WaveOrder.order_id)))) == 20
        assert s.scalar(select(func.count()).select_from(PickTask)) == 20
        assert set(s.scalars(select(SalesOrder.status))) == {"picking"}
        assert verify(s) == []
