"""Mapping profiles: which column of a shop's order export holds which order field, written
with the platform's own column headers. A profile is plain data, so a mapping editor can
store custom ones beside these built-in ones."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from models.entities import Platform
from models.errors import InputError
from models.masterdata.table_reading import normalize_header

#: Fields of the order, the same on every row of it.
ORDER_FIELDS = ("number", "buyer_name", "recipient", "phone", "email", "address", "province",
                "city", "district", "street", "postcode", "country", "buyer_note",
                "seller_note", "ordered_at", "paid_at", "goods_total", "shipping_fee",
                "discount", "paid_total", "currency")
#: Fields of one line. `line_total` is price x quantity where an export gives no unit price;
#: `line_shipping` is a line's share of the shipping (Amazon charges it per item).
LINE_FIELDS = ("line_ref", "sku", "title", "qty", "unit_price", "line_total", "line_shipping")
FIELDS = ORDER_FIELDS + LINE_FIELDS
#: Fields made of several columns joined with a space (address lines 1, 2 and 3).
JOINED = frozenset({"street"})


@dataclass(frozen=True)
class OrderProfile:
    """How one export's columns map to order fields.

    `columns` maps a field to the columns that may hold it: the first non-empty one wins
    (for `street`, all non-empty ones are joined). `address` is a one-cell address that is
    split into province, city, district and street. `repeats` says whether order-level
    cells repeat on every row of a several-line order (True) or come on its first row only
    (Shopify). `zone` is the UTC offset of times written without one.
    """

    name: str
    platform: str
    title: str
    columns: Mapping[str, tuple[str, ...]]
    repeats: bool = True
    currency: str = "CNY"
    country: str = ""
    zone_hours: int = 8
    #: Columns whose presence identifies the export (auto-detection).
    signature: tuple[str, ...] = field(default=())

    def header_names(self) -> dict[str, tuple[str, ...]]:
        """Each field's columns, written as the table reader names a header."""
        return {name: tuple(normalize_header(c) for c in columns)
                for name, columns in self.columns.items()}

    def matches(self, header: Iterable[str]) -> bool:
        """True when every signature column is in the header."""
        present = {normalize_header(h) for h in header}
        return all(normalize_header(c) in present for c in self.signature)


TAOBAO = OrderProfile(
    name="taobao", platform=Platform.TAOBAO, title="Taobao / Tmall 订单报表",
    columns={
        "number": ("订单编号",), "buyer_name": ("买家会员名",), "recipient": ("收货人姓名",),
        "phone": ("联系手机", "联系电话"), "address": ("收货地址",),
        "buyer_note": ("买家留言",), "seller_note": ("订单备注", "卖家备注"),
        "ordered_at": ("订单创建时间",), "paid_at": ("订单付款时间",),
        "goods_total": ("宝贝总金额",), "shipping_fee": ("运费",),
        "paid_total": ("实付款", "买家实际支付金额"),
        "title": ("宝贝标题",), "sku": ("商家编码", "宝贝商家编码"),
        "qty": ("购买数量", "宝贝数量"),
        "unit_price": ("价格",)},
    country="CN", signature=("订单编号", "买家会员名", "收货地址"))

JD = OrderProfile(
    name="jd", platform=Platform.JD, title="JD 京东 订单导出",
    columns={
        "number": ("订单号",), "recipient": ("客户姓名",), "buyer_name": ("下单帐号", "客户姓名"),
        "phone": ("联系电话",), "address": ("客户地址",), "buyer_note": ("订单备注",),
        "seller_note": ("商家备注",), "ordered_at": ("下单时间",), "paid_at": ("付款确认时间",),
        "goods_total": ("订单金额",), "shipping_fee": ("运费金额",),
        "discount": ("优惠金额",), "paid_total": ("应付金额",),
        "sku": ("商家SKU", "商品编号"), "title": ("商品名称",), "qty": ("订购数量",),
        "unit_price": ("京东价",)},
    country="CN", signature=("订单号", "京东价", "客户地址"))

PINDUODUO = OrderProfile(
    name="pinduoduo", platform=Platform.PINDUODUO, title="Pinduoduo 拼多多 订单导出",
    columns={
        "number": ("订单号",), "recipient": ("收货人",), "buyer_name": ("收货人",),
        "phone": ("手机",), "province": ("省",), "city": ("市",), "district": ("区",),
        "street": ("街道",), "buyer_note": ("买家留言",), "seller_note": ("商家备注",),
        "ordered_at": ("订单成交时间",), "paid_at": ("支付时间",),
        "shipping_fee": ("邮费(元)",), "discount": ("店铺优惠折扣(元)",),
        "paid_total": ("用户实付金额(元)",),
        "title": ("商品",), "sku": ("商家编码-SKU维度", "商家编码-商品维度"),
        "qty": ("商品数量(件)",), "line_total": ("商品总价(元)",)},
    country="CN", signature=("订单号", "商品数量(件)", "用户实付金额(元)"))

DOUYIN = OrderProfile(
    name="douyin", platform=Platform.DOUYIN, title="Douyin 抖店 订单导出",
    columns={
        "number": ("主订单编号",), "line_ref": ("子订单编号",), "recipient": ("收件人",),
        "buyer_name": ("收件人",), "phone": ("收件人手机号",), "province": ("省",),
        "city": ("市",), "district": ("区",), "street": ("街道", "详细地址"),
        "buyer_note": ("买家留言",), "seller_note": ("商家备注",),
        "ordered_at": ("订单提交时间",), "paid_at": ("支付完成时间",),
        "shipping_fee": ("运费",), "paid_total": ("订单应付金额",),
        "title": ("选购商品",), "sku": ("商家编码",), "qty": ("商品数量",),
        "unit_price": ("商品单价",)},
    country="CN", signature=("主订单编号", "子订单编号", "选购商品"))

SHOPIFY = OrderProfile(
    name="shopify", platform=Platform.SHOPIFY, title="Shopify orders export",
    columns={
        "number": ("Name",), "email": ("Email",), "buyer_name": ("Billing Name", "Shipping Name"),
        "recipient": ("Shipping Name",), "phone": ("Shipping Phone", "Phone"),
        "street": ("Shipping Address1", "Shipping Address2"), "city": ("Shipping City",),
        "postcode": ("Shipping Zip",), "province": ("Shipping Province",),
        "country": ("Shipping Country",), "buyer_note": ("Notes",),
        "ordered_at": ("Created at",), "paid_at": ("Paid at",), "goods_total": ("Subtotal",),
        "shipping_fee": ("Shipping",), "discount": ("Discount Amount",),
        "paid_total": ("Total",), "currency": ("Currency",),
        "qty": ("Lineitem quantity",), "title": ("Lineitem name",),
        "unit_price": ("Lineitem price",), "sku": ("Lineitem sku",)},
    repeats=False, currency="USD", zone_hours=0,
    signature=("Name", "Lineitem quantity", "Lineitem sku"))

AMAZON = OrderProfile(
    name="amazon", platform=Platform.AMAZON, title="Amazon order report (tab-separated)",
    columns={
        "number": ("order-id",), "line_ref": ("order-item-id",),
        "ordered_at": ("purchase-date",), "paid_at": ("payments-date",),
        "buyer_name": ("buyer-name",), "email": ("buyer-email",),
        "phone": ("ship-phone-number", "buyer-phone-number"), "recipient": ("recipient-name",),
        "street": ("ship-address-1", "ship-address-2", "ship-address-3"),
        "city": ("ship-city",), "province": ("ship-state",), "postcode": ("ship-postal-code",),
        "country": ("ship-country",), "currency": ("currency",),
        "sku": ("sku",), "title": ("product-name",), "qty": ("quantity-purchased",),
        "line_total": ("item-price",), "line_shipping": ("shipping-price",)},
    currency="USD", zone_hours=0, signature=("order-id", "order-item-id", "quantity-purchased"))

#: The built-in profiles, in the order auto-detection tries them.
BUILTIN: dict[str, OrderProfile] = {p.name: p for p in (
    TAOBAO, JD, PINDUODUO, DOUYIN, SHOPIFY, AMAZON)}


def profile_named(name: str, custom: Iterable[OrderProfile] = ()) -> OrderProfile:
    """A built-in profile (taobao, jd, …) or one of the `custom` ones, by name."""
    known = {**BUILTIN, **{p.name: p for p in custom}}
    profile = known.get(name.strip().lower())
    if profile is None:
        raise InputError(f"There is no order profile {name}; the profiles are "
                         f"{', '.join(known)}.")
    return profile


def detect_profile(file: str, header: Iterable[str],
                   custom: Iterable[OrderProfile] = ()) -> OrderProfile:
    """The profile whose signature columns the header has; InputError naming the columns
    found and the profiles known when none fits.

    The built-ins are tried first: their signatures were chosen to tell the platforms'
    exports apart, while a custom profile's signature is every column it maps, which a
    platform's export may well have too; a custom mapping must not change how every
    workstation reads Taobao files. Of the custom profiles, the one with the most
    signature columns (the most specific) wins."""
    columns = list(header)
    custom = sorted(custom, key=lambda p: (-len(p.signature), p.name))
    for profile in (*BUILTIN.values(), *custom):
        if profile.matches(columns):
            return profile
    shown = ", ".join(columns[:12]) + (", …" if len(columns) > 12 else "")
    names = ", ".join([*BUILTIN, *(p.name for p in custom)])
    raise InputError(f"{file}: no order profile knows these columns ({shown}); the profiles "
                     f"are {names}: choose one with --profile, map the columns with "
                     "`waredesk order mapping save`, or export the orders from the shop "
                     "again.")
