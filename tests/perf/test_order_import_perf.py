"""Importing 100,000 order lines (40,000 Taobao orders of 2 or 3 lines) on SQLite and
PostgreSQL, against bare SQL `executemany` of the same order and line rows in the same run
(budget: < 20 s). Also the re-import of the same file, where every order is unchanged."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from sqlalchemy import func, insert, select

from models.db import Database
from models.entities import Product, SalesOrder, SalesOrderLine, utcnow
from models.sales.order_import import import_sales_orders
from models.sales.shops import ShopInput, save_shop
from tests.perf.report import record, timed

pytestmark = pytest.mark.perf

ORDERS, LINES, PRODUCTS = 40_000, 100_000, 2_000
HEADER = ["订单编号", "买家会员名", "收货人姓名", "收货地址", "联系手机", "订单创建时间",
          "订单付款时间", "宝贝标题", "商家编码", "购买数量", "价格", "运费", "实付款", "买家留言"]


def _line_count(order: int) -> int:
    return 3 if order % 2 == 0 else 2  # 20,000 x 3 + 20,000 x 2 = 100,000


def _write_export(path: Path) -> None:
    """A Taobao export as the shop writes it: order values repeated on every line's row;
    one SKU in 20 is unknown here."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(HEADER)
        for i in range(ORDERS):
            count = _line_count(i)
            paid = f"¥{sum(19.9 * (1 + j) for j in range(count)):,.2f}"
            when = f"2026-11-11 {i % 24:02d}:{i % 60:02d}"
            for j in range(count):
                out.writerow([f"\t29{i:017d}", f"tb_buyer{i}", f"收货人{i % 97}",
                              f"浙江省 杭州市 西湖区 文三路 {i % 500}号", f"138{i:08d}",
                              f"{when}:00", f"{when}:30", f"商品 {j}",
                              f"SKU-{(i * 3 + j) % (PRODUCTS + 100):05d}", 1 + j, "¥19.90",
                              "0.00", paid, "请尽快发货" if i % 10 == 0 else ""])


def _bare_sql_insert(db: Database, shop_id: int, user_id: int) -> None:
    """The floor: the same order and line rows through the driver's executemany."""
    with db.write() as s:
        now = utcnow()
        raw = s.connection().connection.dbapi_connection
        mark = "?" if db.backend == "sqlite" else "%s"
        start = (s.scalar(select(func.max(SalesOrder.id))) or 0) + 1_000_000
        cursor = raw.cursor()
        cursor.executemany(
            "INSERT INTO sales_order (id, shop_id, number, status, buyer_name, recipient, "
            "phone, email, province, city, district, street, postcode, country, buyer_note, "
            "seller_note, ordered_at, paid_at, goods_total, shipping_fee, discount, "
            "paid_total, currency, content_hash, created_by, created_at, updated_at) VALUES "
            f"({', '.join([mark] * 27)})",
            [(start + i, shop_id, f"B{i:018d}", "new", f"tb_buyer{i}", "收货人", f"138{i:08d}",
              "", "浙江省", "杭州市", "西湖区", "文三路 1号", "", "CN", "", "", now, now, 59.7,
              0, 0, 59.7, "CNY", "x" * 40, user_id, now, now) for i in range(ORDERS)])
        cursor.executemany(
            "INSERT INTO sales_order_line (order_id, line_no, product_id, sku, title, qty, "
            f"unit_price, line_ref) VALUES ({', '.join([mark] * 8)})",
            [(start + i, j + 1, None, f"SKU-{j:05d}", f"商品 {j}", 1 + j, 19.9, "")
             for i in range(ORDERS) for j in range(_line_count(i))])
        cursor.close()


def test_importing_100000_order_lines(db: Database, actor, tmp_path: Path):
    path = tmp_path / "taobao_orders.csv"
    _write_export(path)
    with db.write() as s:
        s.execute(insert(Product), [{"sku": f"SKU-{i:05d}", "name": f"Product {i}"}
                                    for i in range(PRODUCTS)])
        shop_id = save_shop(s, actor, ShopInput("TMALL", "Tmall flagship", "taobao")).id
        base_id = save_shop(s, actor, ShopInput("BASE", "Bare SQL floor", "taobao")).id
    baseline = timed(lambda: _bare_sql_insert(db, base_id, actor.user_id), repeat=1)
    reports = []

    def run() -> None:
        reports.append(db.transact(lambda s: import_sales_orders(
            s, actor, path, shop="TMALL"), attempts=1))
    imported = timed(run, repeat=1)
    again = timed(run, repeat=1)
    first, second = reports
    assert (first.created, first.lines, first.rows) == (ORDERS, LINES, LINES)
    assert (second.unchanged, second.lines) == (ORDERS, 0)
    with db.read() as s:
        lines, matched = s.execute(
            select(func.count(), func.count(SalesOrderLine.product_id))
            .join(SalesOrder, SalesOrder.id == SalesOrderLine.order_id)
            .where(SalesOrder.shop_id == shop_id)).one()
    assert lines == LINES and 0.9 * LINES < matched < LINES
    record("import 100,000 order lines", db.backend, orders=ORDERS, lines=LINES,
           import_s=imported[0], reimport_unchanged_s=again[0],
           bare_executemany_s=baseline[0], ratio=imported[0] / baseline[0],
           budget="< 20 s")
    assert imported[0] < 20.0
