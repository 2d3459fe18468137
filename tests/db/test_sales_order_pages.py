"""The Sales orders page's reads: the list a page at a time, newest first, searched by number,
buyer, recipient or SKU and filtered by shop and status; one order in full."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from models.errors import NotFound
from models.sales.order_import import import_sales_orders
from models.sales.order_pages import order_detail, order_key, order_page
from models.sales.orders import OrderInput, OrderLineInput, write_orders
from models.sales.shops import shop_by_code
from tests.db import sales_setup as setup
from tests.db.sales_setup import ORDERS

SAME_TIME = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)


@pytest.fixture
def orders(db, actor):
    """The Taobao and JD sample exports, and five phone orders placed at the same moment."""
    db.transact(lambda s: setup.base(s, actor))
    for name, shop in (("taobao_gb18030.csv", "TMALL"), ("jd_utf8_bom.csv", "JD")):
        db.transact(lambda s, name=name, shop=shop: import_sales_orders(
            s, actor, ORDERS / name, shop=shop))
    db.transact(lambda s: setup.save_shop(s, actor, setup.ShopInput("PHONE", "Phone", "other")))
    phone = [OrderInput(f"TEL-{n}", SAME_TIME, (OrderLineInput("TEA-002", "", n, Decimal("9")),),
                        recipient=f"Caller {n}") for n in range(1, 6)]
    db.transact(lambda s: write_orders(s, actor, shop_by_code(s, "PHONE").id, phone))
    return db


def _numbers(db, text="", **options) -> list[str]:
    with db.read() as s:
        return [row.number for row in order_page(s, text, **options)]


def test_pages_follow_each_other_without_gaps_or_repeats(orders):
    with orders.read() as s:
        everything = order_page(s)
        pages, after = [], None
        while True:
            page = order_page(s, after=after, limit=3)
            pages += page
            if len(page) < 3:
                break
            after = order_key(page[-1])
    assert len(everything) == 12 and pages == everything
    times = [row.ordered_at for row in everything]
    assert times == sorted(times, reverse=True)
    # Orders of the same moment come newest id first, and no page loses one of them.
    assert [row.number for row in everything if row.shop == "PHONE"] == [
        f"TEL-{n}" for n in range(5, 0, -1)]


def test_search_by_number_buyer_recipient_or_sku(orders):
    assert _numbers(orders, "29812345678901234") == [
        f"298123456789012345{n}" for n in "9876"]
    assert _numbers(orders, "tb_小鱼") == ["2981234567890123456"]
    assert _numbers(orders, "caller 3") == ["TEL-3"]  # any case
    assert _numbers(orders, "tea-003") == ["2981234567890123457"]  # a line's SKU
    assert _numbers(orders, "TEA-002", shop="JD") == ["312345678901"]
    assert _numbers(orders, "", shop="PHONE", status="new")[:2] == ["TEL-5", "TEL-4"]
    assert _numbers(orders, "", status="packed") == []
    assert _numbers(orders, "100%") == []  # typed wildcards match themselves


def test_an_order_in_full_names_the_products_its_lines_matched(orders):
    with orders.read() as s:
        number = _numbers(orders, "2981234567890123456")[0]
        row = order_page(s, number)[0]
        assert (row.lines, row.units, row.paid_total) == (2, 3, Decimal("1299.00"))
        detail = order_detail(s, row.id)
        with pytest.raises(NotFound, match="There is no sales order 0"):
            order_detail(s, 0)
    assert (detail.shop, detail.number, detail.recipient) == ("TMALL", number, "王小明")
    assert detail.address == "浙江省 杭州市 西湖区 文三路 100号 华星大厦 1201室 CN"
    assert [(line.line.sku, line.line.product_sku, line.product_name, line.matched)
            for line in detail.lines] == [
        ("TEA-001", "TEA-001", "Product TEA-001", True),
        ("6923456000029", "CUP-001", "Product CUP-001", True)]
