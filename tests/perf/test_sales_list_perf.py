"""The Sales orders page's list over 100,000 orders (250,000 lines) on SQLite and PostgreSQL:
the first page, a page deep into the list, a search by recipient, by SKU and by number, and a
shop filter, each one page of 200 rows. Without an index of its own (no schema change came
with the page) the newest-first sort and a search read the whole table: measured ~0.2 s on
SQLite and ~0.35 s for a PostgreSQL search on 2 cores, off the GUI thread; budget < 1 s."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import insert

from models.db import Database
from models.entities import SalesOrder, SalesOrderLine, utcnow
from models.sales.order_pages import order_key, order_page
from models.sales.shops import ShopInput, save_shop
from tests.perf.report import median, record, timed

pytestmark = pytest.mark.perf

ORDERS = 100_000


def _orders(db: Database, actor) -> None:
    start = datetime(2026, 11, 11, tzinfo=UTC)
    with db.write() as s:
        shops = [save_shop(s, actor, ShopInput(code, code, "taobao")).id
                 for code in ("TMALL", "TAOBAO")]
        now = utcnow()
        s.execute(insert(SalesOrder), [
            {"id": i + 1, "shop_id": shops[i % 2], "number": f"29{i:017d}",
             "buyer_name": f"tb_buyer{i}", "recipient": f"收货人{i % 997}", "city": "杭州市",
             "ordered_at": start + timedelta(seconds=i // 3), "goods_total": 59.7,
             "paid_total": 59.7, "currency": "CNY", "created_by": actor.user_id,
             "created_at": now, "updated_at": now} for i in range(ORDERS)])
        s.execute(insert(SalesOrderLine), [
            {"order_id": i + 1, "line_no": j + 1, "sku": f"SKU-{(i + j) % 5000:05d}",
             "title": "商品", "qty": 1 + j, "unit_price": 19.9}
            for i in range(ORDERS) for j in range(2 + i % 2)])


def test_the_sales_order_list_over_100000_orders(db: Database, actor):
    _orders(db, actor)
    with db.read() as s:
        first = order_page(s)
        deep = first
        for _ in range(10):  # scrolled down ten pages
            deep = order_page(s, after=order_key(deep[-1]))
        figures = {
            "first_page_ms": lambda: order_page(s),
            "page_11_ms": lambda: order_page(s, after=order_key(deep[-1])),
            "search_recipient_ms": lambda: order_page(s, "收货人99"),
            "search_sku_ms": lambda: order_page(s, "SKU-04999"),
            "search_number_ms": lambda: order_page(s, "2900000000000009"),
            "shop_filter_ms": lambda: order_page(s, shop="TAOBAO"),
        }
        results = {name: median(timed(work, repeat=3)) * 1000 for name, work in figures.items()}
    assert len(first) == 200 and first[0].number == f"29{ORDERS - 1:017d}"
    record("sales order list, 100,000 orders", db.backend, orders=ORDERS, **results,
           budget="each < 1 s")
    assert max(results.values()) < 1000
