"""Importing each shop's order export: the right orders, lines, amounts and addresses;
re-imports update and never duplicate; bad rows all reported and nothing written."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import openpyxl
import pytest
from sqlalchemy import func, select, update

from models.entities import SalesOrder, SalesOrderLine
from models.errors import InputError, PermissionDenied
from models.masterdata.import_report import ImportFailed
from models.sales.order_import import import_sales_orders
from models.sales.order_views import order_by_number, order_lines
from models.sales.orders import OrderInput, OrderLineInput, save_order
from tests.db import sales_setup as setup
from tests.db.sales_setup import ORDERS


@pytest.fixture
def based(db, actor):
    db.transact(lambda s: setup.base(s, actor))
    return db


def _import(db, actor, name, shop, **options):
    path = name if not isinstance(name, str) else ORDERS / name
    return db.transact(lambda s: import_sales_orders(s, actor, path, shop=shop, **options))


def _order(db, shop, number):
    """The order as a user reads it: header values and (sku, qty, price, product) lines."""
    with db.read() as s:
        order = order_by_number(s, shop, number)
        lines = [(line.sku, line.qty, line.unit_price, line.product_sku)
                 for line in order_lines(s, order.id)]
        s.expunge(order)
    return order, lines


def _counts(db) -> tuple[int, int]:
    with db.read() as s:
        return (s.scalar(select(func.count()).select_from(SalesOrder)),
                s.scalar(select(func.count()).select_from(SalesOrderLine)))


def test_taobao_export_in_gb18030_makes_one_order_of_its_repeated_rows(based, actor):
    report = _import(based, actor, "taobao_gb18030.csv", "TMALL")
    assert (report.profile, report.rows, report.created, report.lines) == ("taobao", 5, 4, 5)
    order, lines = _order(based, "TMALL", "2981234567890123456")
    assert lines == [("TEA-001", 1, Decimal("1099.00"), "TEA-001"),
                     ("6923456000029", 2, Decimal("100.00"), "CUP-001")]  # by barcode
    assert (order.buyer_name, order.recipient, order.phone) == ("tb_小鱼儿88", "王小明",
                                                                "13812345678")
    assert (order.province, order.city, order.district, order.street) == (
        "浙江省", "杭州市", "西湖区", "文三路 100号 华星大厦 1201室")
    assert (order.goods_total, order.shipping_fee, order.paid_total, order.currency) == (
        Decimal("1299.00"), Decimal("0.00"), Decimal("1299.00"), "CNY")
    assert order.ordered_at == datetime(2026, 11, 10, 16, 0, 12, tzinfo=UTC)  # 00:00:12 +08
    assert order.buyer_note == "请周末送货" and order.status == "new"
    wrapped, _ = _order(based, "TMALL", "2981234567890123457")  # written ="…"
    assert (wrapped.shipping_fee, wrapped.paid_total, wrapped.seller_note) == (
        Decimal("10.00"), Decimal("69.00"), "老客户，送小样")
    _, unknown = _order(based, "TMALL", "2981234567890123459")
    assert unknown == [("NOT-HERE", 1, Decimal("199.00"), None)]  # kept, product unknown


def test_jd_export_with_bom_splits_addresses_written_without_spaces(based, actor):
    report = _import(based, actor, "jd_utf8_bom.csv", "JD")
    assert (report.profile, report.created, report.lines) == ("jd", 3, 4)
    order, lines = _order(based, "JD", "312345678901")
    assert lines == [("TEA-002", 2, Decimal("168.00"), "TEA-002"),
                     ("ACC-001", 1, Decimal("29.90"), "ACC-001")]
    assert (order.province, order.city, order.district, order.street) == (
        "北京市", "北京市", "朝阳区", "建国路88号SOHO现代城2号楼")
    assert (order.goods_total, order.discount, order.paid_total) == (
        Decimal("365.90"), Decimal("20.00"), Decimal("345.90"))
    no_sku, lines = _order(based, "JD", "312345678903")
    assert lines == [("100012345681", 3, Decimal("9.90"), None)]  # JD's own item number
    assert no_sku.seller_note == "VIP" and no_sku.shipping_fee == Decimal("6.00")


def test_pinduoduo_line_totals_give_unit_prices(based, actor):
    _import(based, actor, "pinduoduo.csv", "PDD")
    order, lines = _order(based, "PDD", "261111-123456789012345")
    assert lines == [("TEA-003", 2, Decimal("29.90"), "TEA-003")]
    assert (order.recipient, order.phone, order.province, order.city, order.district,
            order.street) == ("孙丽", "15000001111", "湖北省", "武汉市", "洪山区", "珞喻路 1037号")
    assert (order.goods_total, order.discount, order.paid_total) == (
        Decimal("59.80"), Decimal("5.00"), Decimal("54.80"))
    _, lines = _order(based, "PDD", "261112-123456789012347")  # amounts written ¥336.00
    assert lines == [("TEA-002", 2, Decimal("168.00"), "TEA-002")]


def test_douyin_sub_orders_are_lines_of_their_main_order(based, actor):
    report = _import(based, actor, "douyin.csv", "DOUYIN")
    assert (report.created, report.lines) == (3, 4)
    order, lines = _order(based, "DOUYIN", "6912345678901234567")  # tab-padded in the file
    assert lines == [("TEA-001", 1, Decimal("1099.00"), "TEA-001"),
                     ("6923456000029", 2, Decimal("20.00"), "CUP-001")]
    assert order.street == "首南街道 天童南路 588号 3幢" and order.paid_total == Decimal("1139.00")
    with based.read() as s:
        refs = s.scalars(select(SalesOrderLine.line_ref).where(
            SalesOrderLine.order_id == order.id).order_by(SalesOrderLine.line_no)).all()
    assert refs == ["6912345678901234568", "6912345678901234569"]


def test_shopify_order_values_on_the_first_row_only(based, actor):
    report = _import(based, actor, "shopify.csv", "SHOPIFY")
    assert (report.profile, report.created, report.lines) == ("shopify", 3, 5)
    order, lines = _order(based, "SHOPIFY", "#1001")
    assert lines == [("TEA-001", 2, Decimal("24.95"), "TEA-001"),
                     ("TEA-003", 1, Decimal("12.50"), "TEA-003"),
                     ("", 1, Decimal("0.00"), None)]
    assert (order.recipient, order.street, order.city, order.province, order.postcode,
            order.country) == ("Emma Brown", "12 Elm Street Apt 4", "Springfield", "IL",
                               "62704", "US")
    assert (order.goods_total, order.shipping_fee, order.discount, order.paid_total) == (
        Decimal("62.40"), Decimal("5.00"), Decimal("5.00"), Decimal("62.40"))
    assert order.ordered_at == datetime(2026, 11, 20, 14, 14, 40, tzinfo=UTC)
    assert order.email == "emma@example.com" and order.buyer_note == "Gift wrap please"
    pounds, _ = _order(based, "SHOPIFY", "#1003")
    assert (pounds.currency, pounds.paid_total) == ("GBP", Decimal("38.10"))


def test_amazon_tab_separated_report_adds_up_item_prices_and_shipping(based, actor):
    report = _import(based, actor, "amazon.txt", "AMAZON")
    assert (report.profile, report.created, report.lines) == ("amazon", 3, 4)
    order, lines = _order(based, "AMAZON", "113-1234567-1234567")
    assert lines == [("TEA-001", 2, Decimal("24.95"), "TEA-001"),  # item-price is for 2
                     ("ACC-001", 1, Decimal("12.50"), "ACC-001")]
    assert (order.goods_total, order.shipping_fee, order.paid_total, order.currency) == (
        Decimal("62.40"), Decimal("3.99"), Decimal("66.39"), "USD")
    assert (order.recipient, order.street, order.phone) == (
        "John Doe", "500 5th Ave Floor 3", "+1 212-555-0199")
    pacific, _ = _order(based, "AMAZON", "114-7654321-7654321")
    assert pacific.ordered_at == datetime(2026, 11, 26, 10, 15, 30, tzinfo=UTC)


def test_reimport_updates_new_orders_and_never_duplicates(based, actor, tmp_path):
    _import(based, actor, "jd_utf8_bom.csv", "JD")
    again = _import(based, actor, "jd_utf8_bom.csv", "JD")
    assert (again.created, again.updated, again.unchanged, again.lines) == (0, 0, 3, 0)
    changed = tmp_path / "jd_changed.csv"
    text = (ORDERS / "jd_utf8_bom.csv").read_text(encoding="utf-8-sig")
    rows = text.splitlines()
    # Order 312345678901 loses its cable; order 312345678902 gets a new address.
    changed.write_text("\n".join([rows[0], rows[1], rows[3].replace("中山路 321号", "中山路 999号"),
                                  rows[4]]) + "\n", encoding="utf-8")
    report = _import(based, actor, changed, "JD")
    assert (report.created, report.updated, report.unchanged, report.lines) == (0, 2, 1, 2)
    assert _counts(based) == (3, 3)
    _, lines = _order(based, "JD", "312345678901")
    assert lines == [("TEA-002", 2, Decimal("168.00"), "TEA-002")]
    assert _order(based, "JD", "312345678902")[0].street == "中山路 999号"


def test_an_order_past_new_is_left_alone_and_reported(based, actor):
    _import(based, actor, "douyin.csv", "DOUYIN")
    with based.write() as s:
        s.execute(update(SalesOrder).where(SalesOrder.number == "6912345678901234570")
                  .values(status="picking", recipient="changed here"))
    report = _import(based, actor, "douyin.csv", "DOUYIN")
    assert report.kept == ["6912345678901234570 (picking)"]
    assert _order(based, "DOUYIN", "6912345678901234570")[0].recipient == "changed here"
    assert "1 left alone (past new)" in report.summary


def test_every_bad_row_is_reported_by_line_and_nothing_is_saved(based, actor):
    _import(based, actor, "pinduoduo.csv", "PDD")
    with pytest.raises(ImportFailed) as caught:
        _import(based, actor, "taobao_bad.csv", "TMALL")
    errors = {e.line: " | ".join(e.problems) for e in caught.value.report.errors}
    assert sorted(errors) == [2, 3, 5, 6, 7]
    assert "'2.98123E+18' is an order number a spreadsheet turned into a number" in errors[2]
    assert "订单创建时间: '11/11/2026 上午' is not a time" in errors[3]
    assert "购买数量: the quantity '两' is not a whole number" in errors[3]
    assert "收货人姓名: '丁' differs from '丙' on line 4 of the same order" in errors[5]
    assert "价格: '十元' is not an amount of money" in errors[5]
    assert errors[6] == "订单编号: is required"
    assert errors[7] == "购买数量: must be more than zero"
    assert "5 of 6 rows are wrong; nothing was imported" in str(caught.value)
    assert _counts(based) == (3, 3)  # only the Pinduoduo orders from before


def test_a_dry_run_counts_and_saves_nothing(based, actor):
    report = _import(based, actor, "amazon.txt", "AMAZON", dry_run=True)
    assert (report.created, report.lines) == (3, 4) and "dry run" in report.summary
    assert _counts(based) == (0, 0)


def test_xlsx_numbers_and_dates_from_a_spreadsheet(based, actor, tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["订单编号", "买家会员名", "收货人姓名", "收货地址", "联系手机", "订单创建时间",
                  "宝贝标题", "价格", "购买数量", "商家编码", "实付款"])
    sheet.append([312345678901234.0, "tb_x", "钱七", "广东省 广州市 天河区 体育西路 1号",
                  13800001234, datetime(2026, 11, 11, 10, 0), "普洱熟茶饼", 29.9, 2, "TEA-003",
                  59.8])
    sheet.append([2.981234567890123e18, "tb_y", "孙八", "广东省 广州市 天河区 体育西路 2号",
                  13800001235, datetime(2026, 11, 11, 11, 0), "普洱熟茶饼", 29.9, 1, "TEA-003",
                  29.9])
    path = tmp_path / "taobao.xlsx"
    book.save(path)
    with pytest.raises(ImportFailed) as caught:
        _import(based, actor, path, "TMALL")
    [error] = caught.value.report.errors
    assert (error.line, error.key) == (3, "")
    assert "last digits are lost" in str(error)
    sheet.delete_rows(3)
    book.save(path)
    _import(based, actor, path, "TMALL")
    order, lines = _order(based, "TMALL", "312345678901234")
    assert lines == [("TEA-003", 2, Decimal("29.90"), "TEA-003")]
    assert order.phone == "13800001234" and order.paid_total == Decimal("59.80")
    assert order.ordered_at == datetime(2026, 11, 11, 2, 0, tzinfo=UTC)


def test_an_unknown_header_names_the_columns_and_the_profiles(based, actor, tmp_path):
    odd = tmp_path / "odd.csv"
    odd.write_text("Order,Item,Qty\n1,A,2\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        _import(based, actor, odd, "TMALL")
    assert "(order, item, qty)" in str(caught.value)
    assert "taobao, jd, pinduoduo, douyin, shopify, amazon" in str(caught.value)
    with pytest.raises(InputError, match=r"订单号, 订购数量, 商家SKU .* jd profile"):
        _import(based, actor, odd, "JD", profile="jd")


def test_a_file_from_another_platform_is_refused_unless_the_profile_is_chosen(based, actor):
    with pytest.raises(InputError, match=r"amazon.txt is laid out as Amazon order report "
                       r".* shop TMALL is on taobao"):
        _import(based, actor, "amazon.txt", "TMALL")
    assert _import(based, actor, "amazon.txt", "TMALL", profile="amazon").created == 3


def test_order_numbers_are_unique_per_shop_only(based, actor, tmp_path):
    _import(based, actor, "shopify.csv", "SHOPIFY")
    with based.write() as s:
        setup.save_shop(s, actor, setup.ShopInput("SHOPIFY-EU", "EU store", "shopify"))
    _import(based, actor, "shopify.csv", "SHOPIFY-EU")
    assert _counts(based) == (6, 10)


def test_an_order_typed_in_is_saved_and_updated_like_an_imported_one(based, actor):
    data = OrderInput(number="MAN-1", ordered_at=datetime(2026, 12, 1, 9, 0, tzinfo=UTC),
                      recipient="王小明", city="杭州市",
                      lines=(OrderLineInput("TEA-001", "龙井", 2, Decimal("10.00")),))
    order = based.transact(lambda s: save_order(s, actor, "tmall", data))
    assert (order.goods_total, order.paid_total, order.status) == (
        Decimal("20.00"), Decimal("20.00"), "new")
    fewer = OrderInput(number="MAN-1", ordered_at=data.ordered_at, recipient="王小明",
                       lines=(OrderLineInput("ACC-001", "线", 1, Decimal("5.00")),))
    based.transact(lambda s: save_order(s, actor, "TMALL", fewer))
    assert _order(based, "TMALL", "MAN-1")[1] == [("ACC-001", 1, Decimal("5.00"), "ACC-001")]
    assert _counts(based) == (1, 1)


def test_importing_orders_needs_the_permission(based, actor):
    from dataclasses import replace
    clerk = replace(actor, permissions=frozenset())
    with pytest.raises(PermissionDenied, match="import and enter sales orders"):
        _import(based, clerk, "amazon.txt", "AMAZON")


def test_shopify_rows_out_of_order_are_reported(based, actor, tmp_path):
    """Shopify gives an order's values on its first row only: a file sorted by another
    column leaves an order starting with a bare line."""
    rows = (ORDERS / "shopify.csv").read_text(encoding="utf-8").splitlines()
    bare = rows[3].replace("2026-11-20 09:14:40 -0500", "")  # #1001's last line, no date
    shuffled = tmp_path / "shopify_sorted.csv"
    shuffled.write_text("\n".join([rows[0], bare, rows[1], rows[2], *rows[4:]]) + "\n",
                        encoding="utf-8")
    with pytest.raises(ImportFailed) as caught:
        _import(based, actor, shuffled, "SHOPIFY")
    [error] = caught.value.report.errors
    assert (error.line, error.key) == (2, "#1001")
    assert "Created at: the first row of order #1001 carries no order values" in str(error)
