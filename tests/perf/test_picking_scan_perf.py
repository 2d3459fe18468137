"""Picking by scan on a big catalogue (budget: one scan handled in a floor workflow p99 < 15 ms
on SQLite), on SQLite and PostgreSQL: a wave of 30 orders (2 to 3 lines each, products of
warehouse BIG with stock) approved by the review and picked scan by scan: the wave, a tote per
order, then each bin and one scan per unit. Size: WAREDESK_PERF_PICKING_SKUS products
(default 1,000,000) with one receipt move each."""

from __future__ import annotations

import os
import random
import time
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from sqlalchemy import select

from models.db import Database
from models.entities import (
    Barcode,
    Location,
    LocationType,
    Product,
    Quant,
    Tracking,
    Warehouse,
)
from models.feedback import Level
from models.picking.picklist import pick_rows
from models.picking.planning import WaveRules, plan_waves
from models.picking.waves import find_wave
from models.picking.workflow import PickingWorkflow
from models.sales.orders import OrderInput, OrderLineInput, write_orders
from models.sales.review import review_orders
from models.sales.rules import add_rule
from models.sales.shops import ShopInput, save_shop
from models.users import system_actor
from tests.perf.big_warehouse import big_warehouse
from tests.perf.report import percentile, record

pytestmark = pytest.mark.perf

SKUS = int(os.environ.get("WAREDESK_PERF_PICKING_SKUS", "1000000"))
ORDERS = 30


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def big(request, tmp_path_factory) -> tuple[str, Database, list[str]]:
    db = big_warehouse(request, tmp_path_factory, SKUS)
    return request.param, db, _wave_scans(db)


def _wave_scans(db: Database) -> list[str]:
    """Plan a wave of 30 approved orders in BIG; the scans that pick it."""
    rng = random.Random(5)
    with db.write() as s:
        actor = system_actor(s, "perf")
        wh = s.scalar(select(Warehouse.id).where(Warehouse.code == "BIG"))
        s.add(Location(warehouse_id=wh, code="PACK-1", barcode="PACK-1",
                       type=LocationType.PACKING))
        stocked = s.execute(
            select(Product.sku, Quant.on_hand - Quant.reserved)
            .join(Quant, Quant.product_id == Product.id)
            .join(Location, Location.id == Quant.location_id)
            .where(Location.warehouse_id == wh, Product.tracking == Tracking.NONE,
                   Quant.on_hand - Quant.reserved >= 3)
            .limit(5000)).all()
        chosen = rng.sample([sku for sku, _ in stocked], ORDERS * 3)
        orders = [OrderInput(
            number=f"PERF-{i}", ordered_at=datetime(2026, 12, 1, tzinfo=UTC),
            recipient="王小明", phone="13812345678", city="杭州市", street="文三路 100号",
            lines=tuple(OrderLineInput(sku, sku, 1 + j % 3, Decimal("9.90"))
                        for j, sku in enumerate(chosen[i * 3:i * 3 + 2 + i % 2])))
            for i in range(ORDERS)]
        shop = save_shop(s, actor, ShopInput("PERF", "Perf shop", "taobao"))
        write_orders(s, actor, shop.id, orders)
        add_rule(s, actor, name="All to BIG", conditions={},
                 actions={"decision": "approve", "warehouse": "BIG", "carrier": "SF"})
        review_orders(s, actor)
        [wave] = plan_waves(s, actor, WaveRules("BIG"))
        assert wave.orders == ORDERS
        scans = [wave.code] + [f"TOTE-{i:03d}" for i in range(1, ORDERS + 1)]
        for row in pick_rows(s, find_wave(s, wave.code).id):
            code = s.scalar(select(Barcode.code).where(Barcode.product_id == row.product_id)
                            .limit(1))
            scans.append(s.scalar(select(Location.barcode)
                                  .where(Location.id == row.location_id)))
            scans.extend([code] * row.qty)
    return scans


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
