"""Receiving by scan on a big catalogue (budget: one scan handled in a floor workflow, lookup +
post + feedback, p99 < 15 ms on SQLite), on SQLite and PostgreSQL. Beside each figure, the
bare lookup of the same scans (`interpret` in a read transaction), measured in the same run.
Size: WAREDESK_PERF_RECEIVING_SKUS products (default 1,000,000) with one receipt move each."""

from __future__ import annotations

import os
import random
import time

import pytest
from sqlalchemy import select

from models.db import Database
from models.demo.bulk import ean13
from models.entities import (
    Location,
    LocationType,
    Product,
    PurchaseOrder,
    PurchaseOrderLine,
    Supplier,
    Warehouse,
)
from models.feedback import Level
from models.ledger import verify
from models.receiving import ReceivingWorkflow
from models.scanning import interpret
from models.users import system_actor
from tests.perf.big_warehouse import big_warehouse
from tests.perf.report import percentile, record

pytestmark = pytest.mark.perf

SKUS = int(os.environ.get("WAREDESK_PERF_RECEIVING_SKUS", "1000000"))
LINES = 200
SCANS = 2_000


def _order(db: Database) -> list[str]:
    """A purchase order of 200 random non-lot products, 1,000 each; their barcodes."""
    rng = random.Random(5)
    numbers = [n for n in rng.sample(range(SKUS), LINES * 2) if n % 10][:LINES]
    with db.write() as s:
        actor = system_actor(s, "perf")
        wh = s.scalar(select(Warehouse.id).where(Warehouse.code == "BIG"))
        s.add(Location(warehouse_id=wh, code="DOCK", barcode="DOCK", kind="bin",
                       type=LocationType.RECEIVING))
        supplier = Supplier(code="PERF", name="Perf supplier", over_receipt_pct=10)
        s.add(supplier)
        s.flush()
        ids = dict(s.execute(select(Product.sku, Product.id).where(
            Product.sku.in_([f"SKU-{n:07d}" for n in numbers]))).all())
        order = PurchaseOrder(number="PERF-1", supplier_id=supplier.id, warehouse_id=wh,
                              created_by=actor.user_id)
        order.lines = [PurchaseOrderLine(line_no=i, product_id=ids[f"SKU-{n:07d}"], qty=1000)
                       for i, n in enumerate(numbers, 1)]
        s.add(order)
    return [ean13(n) for n in numbers]


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def big(request, tmp_path_factory) -> tuple[str, Database, list[str]]:
    db = big_warehouse(request, tmp_path_factory, SKUS)
    return request.param, db, _order(db)


def test_per_scan_latency_while_receiving_a_purchase_order(big):
    backend, db, codes = big
    rng = random.Random(9)
    scans = [rng.choice(codes) for _ in range(SCANS)]
    with db.read() as s:
        actor = system_actor(s, "perf")
    lookups = []
    for code in scans[:500]:
        started = time.perf_counter()
        with db.read() as s:
            interpret(s, code)
        lookups.append((time.perf_counter() - started) * 1000)
    flow = ReceivingWorkflow(db, actor)
    assert flow.open_order("PERF-1").level is Level.OK
    latencies = []
    for code in scans:
        started = time.perf_counter()
        feedback = flow.scan(code)
        view = flow.view()
        latencies.append((time.perf_counter() - started) * 1000)
        assert feedback.level is Level.OK, feedback.message
    assert view.done_units == SCANS
    record("receiving scan (lookup + post + feedback + view)", backend, skus=SKUS,
           scans=SCANS, p50_ms=percentile(latencies, 50), p99_ms=percentile(latencies, 99),
           lookup_p50_ms=percentile(lookups, 50), lookup_p99_ms=percentile(lookups, 99),
           budget_p99_ms=15)
    with db.read() as s:
        assert verify(s) == []
