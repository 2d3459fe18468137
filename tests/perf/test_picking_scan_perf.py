"""Picking by scan on a big catalogue (budget: one scan handled in a floor workflow p99 < 15 ms
on SQLite), on SQLite and PostgreSQL: a wave of 30 orders (2 to 3 lines each, products of
warehouse BIG with stock) approved by the review and picked scan by scan: the wave, a tote per
order, then each bin and one scan per unit. Size: WAREDESK_PERF_PICKING_SKUS products
(default 1,000,000) with one receipt move each."""

from __future__ import annotations

import os
import time

import pytest

from models.db import Database
from models.feedback import Level
from models.picking.workflow import PickingWorkflow
from models.users import system_actor
from tests.perf.big_warehouse import big_warehouse
from tests.perf.big_wave import ORDERS, wave_scans
from tests.perf.report import percentile, record

pytestmark = pytest.mark.perf

SKUS = int(os.environ.get("WAREDESK_PERF_PICKING_SKUS", "1000000"))


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def big(request, tmp_path_factory) -> tuple[str, Database, list[str]]:
    db = big_warehouse(request, tmp_path_factory, SKUS)
    return request.param, db, wave_scans(db)


def test_per_scan_latency_while_picking(big):
    backend, db, scans = big
    with db.read() as s:
        actor = system_actor(s, "perf")
    flow = PickingWorkflow(db, actor)
    latencies = []
    for code in [*scans, "CMD-DONE"]:
        started = time.perf_counter()
        feedback = flow.scan(code)
        flow.view()
        latencies.append((time.perf_counter() - started) * 1000)
        assert feedback.level is Level.OK, f"{code}: {feedback.message}"
    record("picking scan (lookup + pick posted + feedback + view)", backend, skus=SKUS,
           scans=len(latencies), orders=ORDERS, p50_ms=percentile(latencies, 50),
           p99_ms=percentile(latencies, 99), budget_p99_ms=15)
