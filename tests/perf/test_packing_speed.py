"""Packing by scan on a big catalogue (budget: one scan handled in a floor workflow p99 < 15 ms
on SQLite), on SQLite and PostgreSQL: a wave of 100 orders (2 to 3 lines each, weighed products
of warehouse BIG) picked to the packing table, then packed as a packer does: the order's tote,
one scan per unit, and the parcel's weight, which (within the tolerance, carrier EMS from a
number pool) takes the tracking number and posts the shipment. Each kind of scan is reported
on its own (with the SQL statements it sends, on average), beside the bare lookup of the same
item scans (`interpret` in a read transaction) in the same run. Size:
WAREDESK_PERF_PACKING_SKUS products (default 100,000; the budget's size is 1,000,000) with one
receipt move each."""

from __future__ import annotations

import os
import random
import time
from collections import defaultdict
from collections.abc import Callable
from decimal import Decimal

import pytest
from sqlalchemy import event, func, select

from models.db import Database
from models.entities import Barcode, PickTask, Product, SalesOrder, SalesOrderStatus
from models.feedback import Feedback, Level
from models.ledger import verify
from models.packing.workflow import PackingWorkflow
from models.picking.workflow import PickingWorkflow
from models.scanning import interpret
from models.users import system_actor
from tests.perf.big_warehouse import big_warehouse
from tests.perf.big_wave import wave_scans
from tests.perf.report import percentile, record

pytestmark = pytest.mark.perf

SKUS = int(os.environ.get("WAREDESK_PERF_PACKING_SKUS", "100000"))
ORDERS = 100


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def big(request, tmp_path_factory) -> tuple[str, Database]:
    db = big_warehouse(request, tmp_path_factory, SKUS)
    _picked_wave(db)
    return request.param, db


def _picked_wave(db: Database) -> None:
    """100 orders by EMS, their products weighed (80 g to 1.5 kg), picked to PACK-1."""
    scans = wave_scans(db, carrier="EMS", orders=ORDERS)
    rng = random.Random(11)
    with db.write() as s:
        for product in s.scalars(select(Product).where(Product.id.in_(
                select(PickTask.product_id).distinct()))):
            product.weight_g = Decimal(rng.randrange(80, 1500))
        actor = system_actor(s, "perf")
    picking = PickingWorkflow(db, actor)
    for code in [*scans, "CMD-DONE"]:
        feedback = picking.scan(code)
        assert feedback.level is Level.OK, f"{code}: {feedback.message}"


def test_per_scan_latency_while_packing(big):
    backend, db = big
    with db.read() as s:
        actor = system_actor(s, "perf")
        codes = dict(s.execute(select(Barcode.product_id, func.min(Barcode.code))
                               .group_by(Barcode.product_id)).all())
    flow = PackingWorkflow(db, actor)
    latencies: dict[str, list[float]] = defaultdict(list)
    statements: dict[str, list[int]] = defaultdict(list)
    items: list[str] = []
    sent = [0]  # statements sent to the database so far

    def count(*_args: object) -> None:
        sent[0] += 1
    event.listen(db.engine, "before_cursor_execute", count)

    def timed(kind: str, step: Callable[[str], Feedback], arg: str) -> None:
        before = sent[0]
        started = time.perf_counter()
        feedback = step(arg)
        flow.view()
        latencies[kind].append((time.perf_counter() - started) * 1000)
        statements[kind].append(sent[0] - before)
        assert feedback.level is Level.OK, f"{kind}: {feedback.message}"

    for n in range(1, ORDERS + 1):
        timed("order", flow.scan, f"TOTE-{n:03d}")
        assert flow.order is not None
        for item in flow.order.items:
            for _ in range(item.qty):
                items.append(codes[item.product_id])
                timed("item", flow.scan, items[-1])
        timed("weigh+ship", flow.weigh, str(flow.order.expected.kg))
        assert flow.shipped is not None and flow.shipped.tracking.startswith("EA")
    event.remove(db.engine, "before_cursor_execute", count)
    lookups = []
    for code in items:
        started = time.perf_counter()
        with db.read() as s:
            interpret(s, code)
        lookups.append((time.perf_counter() - started) * 1000)
    figures: dict[str, float | int] = {}
    for kind, samples in latencies.items():
        figures |= {f"{kind}_scans": len(samples), f"{kind}_p50_ms": percentile(samples, 50),
                    f"{kind}_p99_ms": percentile(samples, 99),
                    f"{kind}_statements": sum(statements[kind]) / len(samples)}
    every = [ms for samples in latencies.values() for ms in samples]
    record("packing scan (lookup + step + commit + feedback + view)", backend, skus=SKUS,
           orders=ORDERS, p50_ms=percentile(every, 50), p99_ms=percentile(every, 99),
           **figures, lookup_p50_ms=percentile(lookups, 50),
           lookup_p99_ms=percentile(lookups, 99), budget_p99_ms=15)
    with db.read() as s:
        shipped = s.scalar(select(func.count()).select_from(SalesOrder)
                           .where(SalesOrder.status == SalesOrderStatus.SHIPPED))
        assert shipped == ORDERS
        assert verify(s) == []
