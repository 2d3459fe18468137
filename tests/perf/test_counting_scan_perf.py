"""Counting by scan on a big catalogue (budget: one scan handled in a floor workflow p99 < 15 ms
on SQLite), on SQLite and PostgreSQL: 100 bins of warehouse BIG counted by a counter, each bin
scanned, then every product in it, beside the bare lookup of the same scans in the same run.
Size: WAREDESK_PERF_COUNTING_SKUS products (default 1,000,000) with one receipt move each."""

from __future__ import annotations

import os
import random
import time

import pytest
from sqlalchemy import select

from models.counting import CountingWorkflow
from models.db import Database
from models.entities import (
    Barcode,
    BinStatus,
    CountBin,
    Location,
    Quant,
    StockCount,
    Warehouse,
)
from models.feedback import Level
from models.scanning import interpret
from models.users import system_actor
from tests.perf.big_warehouse import big_warehouse
from tests.perf.report import percentile, record

pytestmark = pytest.mark.perf

SKUS = int(os.environ.get("WAREDESK_PERF_COUNTING_SKUS", "1000000"))
BINS = 100


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def big(request, tmp_path_factory) -> tuple[str, Database, list[str]]:
    db = big_warehouse(request, tmp_path_factory, SKUS)
    return request.param, db, _count_plan(db)


def _count_plan(db: Database) -> list[str]:
    """COUNT-<id> of 100 random bins with stock, and the scans that count them: each bin's
    barcode, then one scan per unit of every lot-less product in it (lot products left out:
    a lot is asked for, which this benchmark does not type)."""
    rng = random.Random(3)
    with db.write() as s:
        actor = system_actor(s, "perf")
        wh = s.scalar(select(Warehouse.id).where(Warehouse.code == "BIG"))
        stocked = sorted(set(s.scalars(select(Quant.location_id).join(
            Location, Location.id == Quant.location_id).where(
            Location.warehouse_id == wh, Quant.on_hand > 0)).all()))
        chosen = rng.sample(stocked, BINS)
        count = StockCount(warehouse_id=wh, title="perf", kind="sample",
                           created_by=actor.user_id)
        s.add(count)
        s.flush()
        s.add_all(CountBin(count_id=count.id, location_id=loc, status=BinStatus.PENDING)
                  for loc in chosen)
        scans = [f"COUNT-{count.id}"]
        for loc in chosen:
            scans.append(s.scalar(select(Location.barcode).where(Location.id == loc)))
            for code, qty in s.execute(
                    select(Barcode.code, Quant.on_hand)
                    .join(Quant, Quant.product_id == Barcode.product_id)
                    .where(Quant.location_id == loc, Quant.lot_id.is_(None))):
                scans.extend([code] * min(qty, 5))
    return scans


def test_per_scan_latency_while_counting(big):
    backend, db, scans = big
    with db.read() as s:
        actor = system_actor(s, "perf")
    lookups = []
    for code in scans[1:501]:
        started = time.perf_counter()
        with db.read() as s:
            interpret(s, code)
        lookups.append((time.perf_counter() - started) * 1000)
    flow = CountingWorkflow(db, actor)
    latencies = []
    for code in [*scans, "CMD-DONE"]:
        started = time.perf_counter()
        feedback = flow.scan(code)
        flow.view()
        latencies.append((time.perf_counter() - started) * 1000)
        assert feedback.level is not Level.ERROR, f"{code}: {feedback.message}"
    record("counting scan (lookup + count line + feedback + view)", backend, skus=SKUS,
           scans=len(latencies), bins=BINS, p50_ms=percentile(latencies, 50),
           p99_ms=percentile(latencies, 99), lookup_p50_ms=percentile(lookups, 50),
           lookup_p99_ms=percentile(lookups, 99), budget_p99_ms=15)
