"""Reviewing 10,000 imported orders (rules + reservation) in one run, on SQLite and
PostgreSQL: five rules like the demo's, 2,000 products in 4,000 bins, one order in 20 short of
stock (held), one in 10 with a buyer note (held by a rule). Then the retry of every held
order, as `order retry --all` does it."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from sqlalchemy import func, insert, select

from models.db import Database
from models.demo.carriers import seed_carriers
from models.entities import LocationType, Product, Quant, SalesOrder
from models.ledger import MoveLine, Reason, post_moves, verify
from models.reference_data import virtual_location_id
from models.sales.order_decisions import retry_orders
from models.sales.orders import OrderInput, OrderLineInput, write_orders
from models.sales.review import review_orders
from models.sales.review_views import exception_queue
from models.sales.rules import add_rule
from models.sales.shops import ShopInput, save_shop
from tests import factories as f
from tests.perf.report import record, timed

pytestmark = pytest.mark.perf

ORDERS, PRODUCTS = 10_000, 2_000
RULES = [
    ("Remote regions by EMS", {"regions": ["新疆", "西藏"]}, {"carrier": "EMS"}),
    ("Buyer note", {"buyer_note": True}, {"decision": "hold", "reason": "buyer note"}),
    ("Over 2,000 CNY", {"amount_min": "2000.01"}, {"decision": "hold", "reason": "big"}),
    ("Wholesale shop", {"shops": ["WHOLESALE"]}, {"priority": 1}),
    ("Everything else", {}, {"decision": "approve"}),
]


def _orders() -> list[OrderInput]:
    when = datetime(2026, 11, 11, tzinfo=UTC)
    orders = []
    for i in range(ORDERS):
        # One order in 20 wants product 0, of which there are only 10 units.
        skus = ["SKU-00000"] if i % 20 == 0 else [f"SKU-{(i * 7 + j) % PRODUCTS:05d}"
                                                  for j in range(1 + i % 3)]
        orders.append(OrderInput(
            number=f"29{i:017d}", ordered_at=when, province="新疆" if i % 50 == 0 else "浙江省",
            city="杭州市", street=f"文三路 {i}号", recipient=f"收货人{i % 97}",
            phone=f"138{i:08d}", buyer_note="请周末送货" if i % 10 == 5 else "",
            lines=tuple(OrderLineInput(sku, sku, 1 + j, Decimal("19.90"))
                        for j, sku in enumerate(skus))))
    return orders


def _prepare(db: Database, actor) -> None:
    with db.write() as s:
        s.execute(insert(Product), [{"sku": f"SKU-{i:05d}", "name": f"Product {i}"}
                                    for i in range(PRODUCTS)])
        wh = f.warehouse(s)
        bins = [f.bin_(s, wh, f"A-{i:04d}", LocationType.STORAGE).id for i in range(PRODUCTS)] \
            + [f.bin_(s, wh, f"P-{i:04d}", LocationType.PICK_FACE).id for i in range(PRODUCTS)]
        products = list(s.scalars(select(Product.id).order_by(Product.sku)))
        supplier = virtual_location_id(s, LocationType.SUPPLIER)
        lines = [MoveLine(p, 10 if n == 0 else 40, supplier, bins[n + k * PRODUCTS])
                 for n, p in enumerate(products) for k in (0, 1)]
        post_moves(s, actor, lines, reason=Reason.RECEIPT)
        shop = save_shop(s, actor, ShopInput("TMALL", "Tmall flagship", "taobao"))
        write_orders(s, actor, shop.id, _orders())
        seed_carriers(s, actor)  # SF and EMS, as in the demo
        for name, conditions, actions in RULES:
            add_rule(s, actor, name=name, conditions=conditions, actions=actions)


def test_reviewing_10000_orders(db: Database, actor):
    _prepare(db, actor)
    summaries = []
    seconds = timed(lambda: summaries.append(db.transact(
        lambda s: review_orders(s, actor), attempts=1)), repeat=1)[0]
    summary = summaries[0]
    assert summary.approved + summary.held + summary.exception == ORDERS
    assert summary.held >= ORDERS // 10 and summary.approved > ORDERS * 0.8
    with db.read() as s:
        assert s.scalar(select(func.count()).where(SalesOrder.status == "new")) == 0
        reserved = s.scalar(select(func.sum(Quant.reserved)))
        assert verify(s) == []
    retried = []
    retry_s = timed(lambda: retried.append(db.transact(lambda s: retry_orders(
        s, actor, order_ids=[row.id for row in exception_queue(s, limit=ORDERS)]),
        attempts=1)), repeat=1)[0]
    assert retried[0].held == summary.held  # the same rules hold them again
    record("review 10,000 orders (rules + reservation)", db.backend, orders=ORDERS,
           approved=summary.approved, held=summary.held, exception=summary.exception,
           units_reserved=reserved, review_s=seconds, orders_per_s=ORDERS / seconds,
           retry_queue_s=retry_s)
    assert seconds < 60.0
