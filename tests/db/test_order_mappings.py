"""Custom mapping profiles for other shops' exports: saved after their checks, found by name
and by the file's columns, importing all or nothing with every bad row reported, a re-import
updating instead of duplicating; renamed and deleted; a preview that saves nothing."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select

from models.entities import SalesOrder
from models.errors import InputError, NotFound
from models.masterdata.fields import ValidationFailed
from models.masterdata.import_report import ImportFailed
from models.masterdata.table_reading import table_header
from models.sales.column_guess import guess_columns
from models.sales.custom_profiles import (
    custom_profiles,
    delete_mapping,
    profile_of,
    rename_mapping,
    save_mapping,
)
from models.sales.order_import import import_sales_orders
from models.sales.order_preview import preview_orders
from models.sales.order_views import order_by_number, order_lines
from tests.db import sales_setup as setup
from tests.db.sales_setup import ORDERS

YOUZAN = ORDERS / "youzan_gb18030.csv"
HEADER = ("订单号,订单状态,下单时间,付款时间,买家昵称,收货人,收货人手机号,收货人省份,收货人城市,"
          "收货人地区,详细收货地址,商品名称,规格编码,商品数量,商品单价,运费,订单实付金额,买家备注")
#: The sample's columns, as a user maps them.
COLUMNS = {"number": ["订单号"], "ordered_at": ["下单时间"], "paid_at": ["付款时间"],
           "buyer_name": ["买家昵称"], "recipient": ["收货人"], "phone": ["收货人手机号"],
           "province": ["收货人省份"], "city": ["收货人城市"], "district": ["收货人地区"],
           "street": ["详细收货地址"], "title": ["商品名称"], "sku": ["规格编码"],
           "qty": ["商品数量"], "unit_price": ["商品单价"], "shipping_fee": ["运费"],
           "paid_total": ["订单实付金额"], "buyer_note": ["买家备注"]}


@pytest.fixture
def based(db, actor):
    def work(s):
        setup.base(s, actor)
        setup.save_shop(s, actor, setup.ShopInput("YOUZAN", "有赞微商城", "other"))
    db.transact(work)
    return db


def _save(db, actor, name="youzan", columns=COLUMNS, sample=YOUZAN, **options):
    profile = profile_of(name, columns, title="有赞 Youzan", **options)
    return db.transact(lambda s: save_mapping(s, actor, profile, header=table_header(sample)))


def _import(db, actor, path, shop="YOUZAN", **options):
    return db.transact(lambda s: import_sales_orders(s, actor, path, shop=shop, **options))


def _orders(db) -> int:
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(SalesOrder))


def _row(number: str, ordered_at: str, qty: str = "1", price: str = "10.00") -> str:
    """A row of the sample's layout: one line of tea to Chengdu."""
    return (f"{number},待发货,{ordered_at},,a,刘杰,137,四川省,成都市,武侯区,路 2号,茶,TEA-001,"
            f"{qty},{price},0,10,")


def _write(tmp_path: Path, name: str, *rows: str) -> Path:
    path = tmp_path / name
    path.write_bytes("\r\n".join(rows).encode("gb18030"))
    return path


def test_a_saved_mapping_imports_the_sample_and_is_recognised_next_time(based, actor):
    saved = _save(based, actor)
    assert (saved.created, saved.recognised_as) == (True, "")
    report = _import(based, actor, YOUZAN, profile="youzan")
    assert (report.profile, report.rows, report.created, report.lines) == ("youzan", 4, 3, 4)
    with based.read() as s:
        order = order_by_number(s, "YOUZAN", "E20261111000101")
        lines = [(x.sku, x.qty, x.unit_price, x.product_sku) for x in order_lines(s, order.id)]
        assert (order.recipient, order.phone, order.province, order.city, order.district,
                order.street) == ("陈静", "13900001111", "广东省", "深圳市", "南山区",
                                  "科技园南路 18号 3栋 501")
        assert order.ordered_at == datetime(2026, 11, 11, 1, 30, 5, tzinfo=UTC)  # +08:00
        assert (order.paid_total, order.currency, order.buyer_note) == (
            Decimal("1299.00"), "CNY", "下午送")
    assert lines == [("TEA-001", 1, Decimal("1099.00"), "TEA-001"),
                     ("6923456000029", 2, Decimal("100.00"), "CUP-001")]
    # The same layout again, no profile named: recognised, and nothing duplicated.
    again = _import(based, actor, YOUZAN)
    assert (again.profile, again.created, again.updated, again.unchanged) == ("youzan", 0, 0, 3)
    assert _orders(based) == 3


def test_a_changed_row_updates_its_order_on_reimport(based, actor, tmp_path):
    _save(based, actor)
    _import(based, actor, YOUZAN)
    text = YOUZAN.read_bytes().decode("gb18030").replace(",3,15.00,8.00,53.00",
                                                         ",4,15.00,8.00,68.00")
    changed = tmp_path / "youzan_later.csv"
    changed.write_bytes(text.encode("gb18030"))
    report = _import(based, actor, changed)
    assert (report.created, report.updated, report.unchanged) == (0, 1, 2)
    with based.read() as s:
        order = order_by_number(s, "YOUZAN", "E20261111000102")
        assert [x.qty for x in order_lines(s, order.id)] == [4]
        assert order.paid_total == Decimal("68.00")
    assert _orders(based) == 3


def test_every_bad_row_is_reported_by_line_and_reason_and_nothing_saved(based, actor, tmp_path):
    _save(based, actor)
    bad = _write(tmp_path, "youzan_bad.csv", HEADER, _row("E1", "2026-11-11 09:30:05"),
                 _row("E2", "昨天"), _row("E3", "2026-11-11 10:00:00", qty="0"),
                 _row("", "2026-11-11 10:00:00", price="十元"))
    with pytest.raises(ImportFailed) as failed:
        _import(based, actor, bad)
    errors = {e.line: " ".join(e.problems) for e in failed.value.report.errors}
    assert sorted(errors) == [3, 4, 5]
    assert "下单时间: '昨天' is not a time" in errors[3]
    assert "商品数量" in errors[4] and "must be more than zero" in errors[4]
    assert "商品单价: '十元' is not an amount of money" in errors[5]
    assert _orders(based) == 0


def test_first_row_only_orders_carry_their_values_on_the_first_row(based, actor, tmp_path):
    header = "单号,时间,收件人,地址,编码,数量,单价"
    sample = _write(tmp_path, "shop.csv", header,
                    "A-1,2026-12-01 08:00,周一,北京市朝阳区建国路88号,TEA-001,1,10.00",
                    "A-1,,,,TEA-003,2,5.00",
                    "A-2,2026-12-01 09:00,周二,北京市海淀区中关村大街1号,ACC-001,1,29.90")
    columns = {"number": ["单号"], "ordered_at": ["时间"], "recipient": ["收件人"],
               "address": ["地址"], "sku": ["编码"], "qty": ["数量"], "unit_price": ["单价"]}
    _save(based, actor, "firstrow", columns, sample, repeats=False, currency="usd",
          country="cn", zone_hours=0)
    report = _import(based, actor, sample)
    assert (report.profile, report.created, report.lines) == ("firstrow", 2, 3)
    with based.read() as s:
        order = order_by_number(s, "YOUZAN", "A-1")
        assert (order.recipient, order.city, order.district, order.currency, order.country) == (
            "周一", "北京市", "朝阳区", "USD", "CN")
        assert order.ordered_at == datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
        assert [x.sku for x in order_lines(s, order.id)] == ["TEA-001", "TEA-003"]


def test_a_mapping_is_refused_naming_every_problem(based, actor):
    columns = {"number": ["订单号"], "title": ["商品名称"], "city": ["城市"]}
    with pytest.raises(ValidationFailed) as refused:
        _save(based, actor, "taobao", columns, currency="元", zone_hours=20)
    text = str(refused.value)
    assert text.startswith("Mapping taobao: name: 'taobao' is a built-in profile")
    for problem in ("ordered_at: is required", "sku: is required", "qty: is required",
                    "unit_price: choose the column of the unit price",
                    "city: the file has no column '城市'", "currency: '元' is not a currency",
                    "zone_hours: UTC+20 is no time zone"):
        assert problem in text
    with pytest.raises(ValidationFailed, match="must be 1-32 of a-z"):
        _save(based, actor, "有赞")
    with based.read() as s:
        assert custom_profiles(s) == []


def test_built_in_profiles_are_tried_before_custom_ones(based, actor):
    # A mapping of Taobao's own columns does not take Taobao exports away from the built-in
    # profile: it reads them only when chosen by name.
    taobao = ORDERS / "taobao_gb18030.csv"
    columns = {"number": ["订单编号"], "ordered_at": ["订单创建时间"], "sku": ["商家编码"],
               "qty": ["购买数量"], "unit_price": ["价格"], "address": ["收货地址"],
               "recipient": ["收货人姓名"]}
    saved = _save(based, actor, "tb-lite", columns, taobao)
    assert saved.recognised_as == "taobao"
    assert _import(based, actor, taobao, shop="TMALL", dry_run=True).profile == "taobao"
    chosen = _import(based, actor, taobao, shop="TMALL", profile="tb-lite", dry_run=True)
    assert (chosen.profile, chosen.created) == ("tb-lite", 4)


def test_of_two_custom_mappings_the_more_specific_is_chosen(based, actor):
    _save(based, actor, "youzan-lite", {k: COLUMNS[k] for k in (
        "number", "ordered_at", "sku", "qty", "unit_price")})
    _save(based, actor, "youzan")
    assert _import(based, actor, YOUZAN, dry_run=True).profile == "youzan"


def test_rename_and_delete(based, actor):
    _save(based, actor)
    based.transact(lambda s: rename_mapping(s, actor, name="youzan", new_name="Weidian"))
    assert _import(based, actor, YOUZAN, profile="weidian", dry_run=True).created == 3
    with pytest.raises(ValidationFailed, match="'jd' is a built-in profile"):
        based.transact(lambda s: rename_mapping(s, actor, name="weidian", new_name="jd"))
    based.transact(lambda s: delete_mapping(s, actor, name="weidian"))
    with pytest.raises(InputError, match="There is no order profile weidian"):
        _import(based, actor, YOUZAN, profile="weidian")
    with pytest.raises(InputError, match="no order profile knows these columns"):
        _import(based, actor, YOUZAN)
    with pytest.raises(NotFound, match="There is no custom order mapping 'weidian'"):
        based.transact(lambda s: delete_mapping(s, actor, name="weidian"))


def test_preview_reads_the_first_rows_with_their_problems_and_saves_nothing(based, tmp_path):
    guessed = guess_columns(table_header(YOUZAN))
    assert {k: [v] for k, v in guessed.items()} == COLUMNS
    preview = preview_orders(YOUZAN, profile_of("youzan", COLUMNS), limit=3)
    assert (preview.orders, [r.line for r in preview.rows]) == (2, [2, 3, 4])
    first = preview.rows[0]
    assert (first.number, first.recipient, first.sku, first.qty, first.unit_price) == (
        "E20261111000101", "陈静", "TEA-001", 1, Decimal("1099.00"))
    assert first.address == "广东省 深圳市 南山区 科技园南路 18号 3栋 501"
    assert all(r.problems == () for r in preview.rows)
    incomplete = preview_orders(YOUZAN, profile_of("youzan", {"number": ["订单号"]}))
    assert incomplete.rows == [] and [e.field for e in incomplete.mapping_errors] == [
        "ordered_at", "sku", "qty", "unit_price"]
    bad = _write(tmp_path, "bad.csv", HEADER, _row("E2", "昨天"))
    rows = preview_orders(bad, profile_of("youzan", COLUMNS)).rows
    assert [(r.line, r.problems) for r in rows] == [
        (2, ("下单时间: '昨天' is not a time like 2026-11-11 10:00:01",))]
    assert _orders(based) == 0


def test_an_xlsx_export_is_mapped_and_imported_like_its_csv(based, actor, tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    for line in YOUZAN.read_bytes().decode("gb18030").splitlines():
        cells: list = line.split(",")
        cells[2] = datetime.strptime(cells[2], "%Y-%m-%d %H:%M:%S") if cells[2] != "下单时间" \
            else cells[2]  # Excel keeps a time as a date cell
        sheet.append(cells)
    path = tmp_path / "youzan.xlsx"
    book.save(path)
    assert table_header(path) == HEADER.split(",")
    _save(based, actor, sample=path)
    report = _import(based, actor, path)
    assert (report.profile, report.created, report.lines) == ("youzan", 3, 4)
    with based.read() as s:
        order = order_by_number(s, "YOUZAN", "E20261111000103")
        assert order.ordered_at == datetime(2026, 11, 11, 3, 15, tzinfo=UTC)
