"""Planning waves for 10,000 approved orders (budget < 2 s) on SQLite and PostgreSQL: 2,000
products in 4,000 bins of two zones, orders of one to three lines approved by the review
(remote regions by EMS, the rest by SF), cut into waves of at most 200 orders."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from sqlalchemy import func, insert, select

from models.db import Database
from models.demo.carriers import seed_carriers
from models.entities import LocationType, PickTask, Product, SalesOrder
from models.ledger import MoveLine, Reason, post_moves, verify
from models.picking.planning import WaveRules, plan_waves
from models.reference_data import virtual_location_id
from models.sales.orders import OrderInput, OrderLineInput, write_orders
from models.sales.review import review_orders
from models.sales.rules import add_rule
from models.sales.shops import ShopInput, save_shop
from tests import factories as f
from tests.perf.report import record, timed

pytestmark = pytest.mark.perf

ORDERS, PRODUCTS = 10_000, 2_000


def _orders() -> list[OrderInput]:
    orders = []
    for i in range(ORDERS):
        skus = [f"SKU-{(i * 7 + j) % PRODUCTS:05d}" for j in range(1 + i % 3)]
        orders.append(OrderInput(
            number=f"39{i:017d}", ordered_at=datetime(2026, 11, 11, i % 24, tzinfo=UTC),
            province="新疆" if i % 50 == 0 else "浙江省", city="杭州市",
            street=f"文三路 {i}号", recipient=f"收货人{i % 97}", phone=f"138{i:08d}",
            lines=tuple(OrderLineInput(sku, sku, 1 + j, Decimal("19.90"))
                        for j, sku in enumerate(skus))))
    return orders


def _prepare(db: Database, actor) -> None:
    with db.write() as s:
        s.execute(insert(Product), [{"sku": f"SKU-{i:05d}", "name": f"Product {i}"}
                                    for i in range(PRODUCTS)])
        wh = f.warehouse(s)
        f.bin_(s, wh, "PACK", LocationType.PACKING)
        bins = [f.bin_(s, wh, f"A-{i:04d}", LocationType.STORAGE, zone="ZA",
                       walk_seq=i).id for i in range(PRODUCTS)] \
            + [f.bin_(s, wh, f"P-{i:04d}", LocationType.PICK_FACE, zone="ZB",
                      walk_seq=PRODUCTS + i).id for i in range(PRODUCTS)]
        products = list(s.scalars(select(Product.id).order_by(Product.sku)))
        supplier = virtual_location_id(s, LocationType.SUPPLIER)
        post_moves(s, actor, [MoveLine(p, 40, supplier, bins[n + k * PRODUCTS])
                              for n, p in enumerate(products) for k in (0, 1)],
                   reason=Reason.RECEIPT)
        shop = save_shop(s, actor, ShopInput("TMALL", "Tmall flagship", "taobao"))
        write_orders(s, actor, shop.id, _orders())
        seed_carriers(s, actor)  # SF and EMS, as in the demo
        add_rule(s, actor, name="Remote by EMS", conditions={"regions": ["新疆"]},
                 actions={"carrier": "EMS"})
        add_rule(s, actor, name="Rest", conditions={},
                 actions={"decision": "approve", "carrier": "SF", "warehouse": "WH1"})
    db.transact(lambda s: review_orders(s, actor), attempts=1)


def test_planning_waves_for_10000_orders(db: Database, actor):
    _prepare(db, actor)
    with db.read() as s:
        assert s.scalar(select(func.count()).where(SalesOrder.status == "approved")) == ORDERS
    waves = []
    seconds = timed(lambda: waves.append(db.transact(
        lambda s: plan_waves(s, actor, WaveRules("WH1", max_orders=200)), attempts=1)),
        repeat=1)[0]
    planned = waves[0]
    assert sum(w.orders for w in planned) == ORDERS
    with db.read() as s:
        assert s.scalar(select(func.count()).where(SalesOrder.status == "picking")) == ORDERS
        tasks = s.scalar(select(func.count()).select_from(PickTask))
        assert verify(s) == []
    record("plan waves for 10,000 approved orders", db.backend, orders=ORDERS,
           waves=len(planned), pick_tasks=tasks, plan_s=seconds, budget_s=2)
    assert seconds < 10.0
