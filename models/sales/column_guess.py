"""A first guess of which column of an unknown order export holds which order field, from
the names shops commonly give them (Chinese and English), for the mapping editor to start
from."""

from __future__ import annotations

import re
from collections.abc import Sequence

from models.sales.profiles import FIELDS

#: Each field's common column names, the likeliest first.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "number": ("订单号", "订单编号", "主订单号", "主订单编号", "订单id", "order id",
               "order number", "order no", "order"),
    "line_ref": ("子订单号", "子订单编号", "order item id", "line id", "item id"),
    "buyer_name": ("买家昵称", "买家会员名", "买家", "买家姓名", "客户", "buyer name", "buyer",
                   "customer name", "customer"),
    "recipient": ("收货人", "收件人", "收货人姓名", "收件人姓名", "recipient", "shipping name",
                  "ship to name", "consignee"),
    "phone": ("手机", "手机号", "收货人手机", "收件人手机号", "联系电话", "电话", "phone",
              "mobile", "telephone"),
    "email": ("邮箱", "email", "e-mail"),
    "address": ("收货地址", "收件地址", "地址", "address", "shipping address"),
    "province": ("省", "省份", "province", "state"),
    "city": ("市", "城市", "city"),
    "district": ("区", "区县", "县区", "地区", "district"),
    "street": ("街道", "详细地址", "详细收货地址", "收货详细地址", "street", "address line 1",
               "address1"),
    "postcode": ("邮编", "邮政编码", "postcode", "postal code", "zip", "zip code"),
    "country": ("国家", "country"),
    "buyer_note": ("买家留言", "买家备注", "留言", "buyer note", "notes", "note"),
    "seller_note": ("卖家备注", "商家备注", "备注", "seller note", "remark"),
    "ordered_at": ("下单时间", "订单时间", "创建时间", "订单创建时间", "成交时间", "ordered at",
                   "order date", "order time", "created at", "date"),
    "paid_at": ("付款时间", "支付时间", "paid at", "payment date", "payment time"),
    "goods_total": ("商品总额", "商品总价", "商品金额", "货款", "subtotal", "goods total"),
    "shipping_fee": ("运费", "邮费", "shipping fee", "shipping", "freight"),
    "discount": ("优惠", "优惠金额", "折扣", "discount"),
    "paid_total": ("实付金额", "实付款", "实收金额", "支付金额", "应付金额", "订单金额",
                   "amount paid", "paid total", "total"),
    "currency": ("币种", "货币", "currency"),
    "sku": ("商家编码", "商品编码", "sku", "sku编码", "规格编码", "货号", "seller sku",
            "item sku", "product code"),
    "title": ("商品名称", "商品标题", "宝贝标题", "品名", "商品", "product name", "item name",
              "product", "title"),
    "qty": ("数量", "购买数量", "商品数量", "件数", "qty", "quantity"),
    "unit_price": ("单价", "商品单价", "价格", "售价", "unit price", "price"),
    "line_total": ("小计", "商品小计", "金额小计", "line total", "item total"),
}

_NOISE = re.compile(r"[（(][^)）]*[)）]|[\s_\-#:：/]")


def _key(name: str) -> str:
    """'实付金额(元)' -> '实付金额', 'Order_ID' -> 'orderid'."""
    return _NOISE.sub("", name).lower()


def guess_columns(header: Sequence[str]) -> dict[str, str]:
    """Field -> the column of `header` that likely holds it: a column named as a common name
    of the field first, then one containing such a name; each column serves one field."""
    keys = {column: _key(column) for column in header if column.strip()}
    guessed: dict[str, str] = {}
    for contains in (False, True):
        for field in FIELDS:
            if field in guessed:
                continue
            for synonym in map(_key, SYNONYMS.get(field, ())):
                found = [c for c, key in keys.items() if c not in guessed.values() and (
                    synonym in key if contains and len(synonym) > 1 else synonym == key)]
                if found:
                    guessed[field] = found[0]
                    break
    return guessed
