"""A wave of approved orders in warehouse BIG (see big_warehouse), for the picking and packing
benchmarks: orders (30 unless told) of 2 to 3 lines of stocked lot-less products, approved by
a review rule for a carrier (SF by its own waybills, or EMS from a number pool), planned in
one wave."""

from __future__ import annotations

import random
from datetime import UTC, datetime
from decimal import Decimal

from sqlalchemy import select

from models.db import Database
from models.demo.carriers import seed_carriers
from models.entities import Barcode, Location, LocationType, Product, Quant, Tracking, Warehouse
from models.picking.picklist import pick_rows
from models.picking.planning import WaveRules, plan_waves
from models.picking.waves import find_wave
from models.sales.orders import OrderInput, OrderLineInput, write_orders
from models.sales.review import review_orders
from models.sales.rules import add_rule
from models.sales.shops import ShopInput, save_shop
from models.users import system_actor

ORDERS = 30


def wave_scans(db: Database, *, carrier: str = "SF", orders: int = ORDERS) -> list[str]:
    """Plan a wave of `orders` orders in BIG shipped by `carrier`; the scans that pick it: the
    wave, a tote per order (TOTE-001…), then each bin and one scan per unit."""
    rng = random.Random(5)
    with db.write() as s:
        actor = system_actor(s, "perf")
        wh = s.scalar(select(Warehouse.id).where(Warehouse.code == "BIG"))
        s.add(Location(warehouse_id=wh, code="PACK-1", barcode="PACK-1",
                       type=LocationType.PACKING))
        seed_carriers(s, actor)  # SF and EMS, as in the demo
        stocked = s.execute(
            select(Product.sku, Quant.on_hand - Quant.reserved)
            .join(Quant, Quant.product_id == Product.id)
            .join(Location, Location.id == Quant.location_id)
            .where(Location.warehouse_id == wh, Product.tracking == Tracking.NONE,
                   Quant.on_hand - Quant.reserved >= 3)
            .limit(5000)).all()
        chosen = rng.sample([sku for sku, _ in stocked], orders * 3)
        inputs = [OrderInput(
            number=f"PERF-{i}", ordered_at=datetime(2026, 12, 1, tzinfo=UTC),
            recipient="王小明", phone="13812345678", city="杭州市", street="文三路 100号",
            lines=tuple(OrderLineInput(sku, sku, 1 + j % 3, Decimal("9.90"))
                        for j, sku in enumerate(chosen[i * 3:i * 3 + 2 + i % 2])))
            for i in range(orders)]
        shop = save_shop(s, actor, ShopInput("PERF", "Perf shop", "taobao"))
        write_orders(s, actor, shop.id, inputs)
        add_rule(s, actor, name="All to BIG", conditions={},
                 actions={"decision": "approve", "warehouse": "BIG", "carrier": carrier})
        review_orders(s, actor)
        [wave] = plan_waves(s, actor, WaveRules("BIG"))
        assert wave.orders == orders
        scans = [wave.code] + [f"TOTE-{i:03d}" for i in range(1, orders + 1)]
        for row in pick_rows(s, find_wave(s, wave.code).id):
            code = s.scalar(select(Barcode.code).where(Barcode.product_id == row.product_id)
                            .limit(1))
            scans.append(s.scalar(select(Location.barcode)
                                  .where(Location.id == row.location_id)))
            scans.extend([code] * row.qty)
    return scans
