"""Reading a shop export's cells without a database: order numbers a spreadsheet mangled,
amounts with currency signs, the shops' time forms, Chinese addresses, profile detection."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal

import pytest

from models.errors import InputError
from models.masterdata.fields import FieldError, ValidationFailed
from models.sales.addresses import AddressParts, split_address
from models.sales.order_rows import order_from_values
from models.sales.order_values import CHINA, amount, order_number, timestamp
from models.sales.profiles import detect_profile, profile_named


def _number(value):
    errors: list[FieldError] = []
    return order_number(errors, "订单编号", value), [str(e) for e in errors]


@pytest.mark.parametrize("cell, expected", [
    ("\t2981234567890123456", "2981234567890123456"),
    ("  2981234567890123456 \t", "2981234567890123456"),
    ("'2981234567890123456", "2981234567890123456"),
    ('="2981234567890123456"', "2981234567890123456"),
    ("#1001", "#1001"),
    ("113-1234567-1234567", "113-1234567-1234567"),
    (312345678901.0, "312345678901"),  # an XLSX number cell of 12 digits: exact
    (123456789012345.0, "123456789012345"),  # 15 digits: still exact
    ("3.12345678901E+11", "312345678901"),  # every digit still shown
    (312345678901, "312345678901"),
])
def test_padded_and_numeric_order_numbers_are_recovered(cell, expected):
    assert _number(cell) == (expected, [])


@pytest.mark.parametrize("cell", ["1.23457E+17", "2.98123E+18", 2.981234567890123e18,
                                  1234567890123456.0, "1,23457E+17"])
def test_order_numbers_that_lost_digits_are_refused_with_what_to_do(cell):
    number, errors = _number(cell)
    assert number == ""
    assert len(errors) == 1 and "last digits are lost" in errors[0]
    assert "export the orders again" in errors[0] and errors[0].startswith("订单编号: ")


@pytest.mark.parametrize("cell, expected", [
    ("¥1,299.00", Decimal("1299.00")), ("￥59", Decimal("59.00")), ("$12.50", Decimal("12.50")),
    ("12.5元", Decimal("12.50")), ("RMB 8.8", Decimal("8.80")), (19.9, Decimal("19.90")),
    (3, Decimal("3.00")), ("0", Decimal("0.00")), ("", None), (None, None),
])
def test_amounts_with_currency_signs_parse_to_decimal(cell, expected):
    errors: list[FieldError] = []
    assert amount(errors, "价格", cell) == expected
    assert errors == []


@pytest.mark.parametrize("cell, reason", [
    ("十元", "is not an amount of money"), ("-5.00", "must be zero or more"),
    ("1.005", "has more than two decimals")])
def test_bad_amounts_are_refused(cell, reason):
    errors: list[FieldError] = []
    assert amount(errors, "价格", cell) is None
    assert reason in str(errors[0])


@pytest.mark.parametrize("cell, expected", [
    ("2026-11-11 10:00:01", datetime(2026, 11, 11, 2, 0, 1, tzinfo=UTC)),
    ("2026/11/11 10:00", datetime(2026, 11, 11, 2, 0, tzinfo=UTC)),
    ("2026/1/5 9:03", datetime(2026, 1, 5, 1, 3, tzinfo=UTC)),
    ("2026-11-20 09:14:40 -0500", datetime(2026, 11, 20, 14, 14, 40, tzinfo=UTC)),
    ("2026-11-26T02:15:30-08:00", datetime(2026, 11, 26, 10, 15, 30, tzinfo=UTC)),
    ("2026-11-26T10:00:00Z", datetime(2026, 11, 26, 10, 0, tzinfo=UTC)),
    (datetime(2026, 11, 11, 10, 0), datetime(2026, 11, 11, 2, 0, tzinfo=UTC)),
])
def test_times_in_the_shops_forms_are_read_in_the_shops_zone(cell, expected):
    errors: list[FieldError] = []
    assert timestamp(errors, "下单时间", cell, CHINA) == expected
    assert errors == []


def test_a_time_that_is_no_time_is_refused():
    errors: list[FieldError] = []
    assert timestamp(errors, "下单时间", "11/11/2026 上午", timezone(timedelta(0))) is None
    assert str(errors[0]) == "下单时间: '11/11/2026 上午' is not a time like 2026-11-11 10:00:01"


@pytest.mark.parametrize("text, expected", [
    ("浙江省 杭州市 西湖区 文三路 100号", ("浙江省", "杭州市", "西湖区", "文三路 100号")),
    ("浙江省杭州市西湖区文三路100号", ("浙江省", "杭州市", "西湖区", "文三路100号")),
    ("北京市朝阳区建国路88号", ("北京市", "北京市", "朝阳区", "建国路88号")),
    ("上海 上海市 浦东新区 世纪大道 88号", ("上海", "上海市", "浦东新区", "世纪大道 88号")),
    ("江苏南京市鼓楼区中山路 321号", ("江苏", "南京市", "鼓楼区", "中山路 321号")),
    ("内蒙古自治区呼和浩特市赛罕区大学东街 5号",
     ("内蒙古自治区", "呼和浩特市", "赛罕区", "大学东街 5号")),
    ("新疆维吾尔自治区伊犁哈萨克自治州伊宁市解放路1号",
     ("新疆维吾尔自治区", "伊犁哈萨克自治州", "伊宁市", "解放路1号")),
    ("广东省东莞市长安镇振安路1号", ("广东省", "东莞市", "", "长安镇振安路1号")),
    ("Somewhere 12", ("", "", "", "Somewhere 12")),
])
def test_a_one_cell_chinese_address_is_split(text, expected):
    assert split_address(text) == AddressParts(*expected)


def test_the_profile_is_recognised_from_the_header():
    assert detect_profile("f.csv", ["订单编号", "买家会员名", "收货地址", "x"]).name == "taobao"
    assert detect_profile("f.csv", ["order_id", "order_item_id", "quantity_purchased"]).name \
        == "amazon"
    assert detect_profile("f.csv", ["name", "lineitem_quantity", "lineitem_sku"]).name == \
        "shopify"
    with pytest.raises(InputError) as caught:
        detect_profile("f.csv", ["po_number", "sku"])
    assert "(po_number, sku)" in str(caught.value)
    assert "taobao, jd, pinduoduo, douyin, shopify, amazon" in str(caught.value)
    with pytest.raises(InputError, match="no order profile ebay"):
        profile_named("ebay")


def test_a_typed_order_is_checked_like_an_imported_one():
    order = order_from_values({
        "number": " 'A-100", "recipient": "王小明", "phone": "13812345678",
        "address": "浙江省杭州市西湖区文三路100号", "ordered_at": "2026-12-01 09:30",
        "shipping_fee": "¥8", "lines": [{"sku": "TEA-001", "qty": "2", "unit_price": "¥10.50"}]})
    assert (order.number, order.province, order.city, order.street) == \
        ("A-100", "浙江省", "杭州市", "文三路100号")
    done = order.completed()
    assert (done.goods_total, done.paid_total) == (Decimal("21.00"), Decimal("29.00"))
    with pytest.raises(ValidationFailed) as caught:
        order_from_values({"number": "", "ordered_at": "soon",
                           "lines": [{"sku": "TEA-001", "qty": "0", "unit_price": "x"}]})
    text = str(caught.value)
    for expected in ("number: is required", "'soon' is not a time", "'x' is not an amount",
                     "the quantity must be more than zero"):
        assert expected in text
