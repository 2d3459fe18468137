"""Sales order statuses, shop platforms and amounts in the user's language."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale

from models.entities import Platform, SalesOrderStatus

STATUS_TEXT = {
    SalesOrderStatus.NEW: QT_TRANSLATE_NOOP("SalesOrderStatus", "New"),
    SalesOrderStatus.APPROVED: QT_TRANSLATE_NOOP("SalesOrderStatus", "Approved"),
    SalesOrderStatus.HELD: QT_TRANSLATE_NOOP("SalesOrderStatus", "Held"),
    SalesOrderStatus.EXCEPTION: QT_TRANSLATE_NOOP("SalesOrderStatus", "Exception"),
    SalesOrderStatus.BACKORDER: QT_TRANSLATE_NOOP("SalesOrderStatus", "Backorder"),
    SalesOrderStatus.CANCELLED: QT_TRANSLATE_NOOP("SalesOrderStatus", "Cancelled"),
    SalesOrderStatus.PICKING: QT_TRANSLATE_NOOP("SalesOrderStatus", "Picking"),
    SalesOrderStatus.PICKED: QT_TRANSLATE_NOOP("SalesOrderStatus", "Picked"),
    SalesOrderStatus.SHIPPED: QT_TRANSLATE_NOOP("SalesOrderStatus", "Shipped"),
    SalesOrderStatus.RETURNED: QT_TRANSLATE_NOOP("SalesOrderStatus", "Returned"),
}

PLATFORM_TEXT = {
    Platform.TAOBAO: QT_TRANSLATE_NOOP("Platform", "Taobao / Tmall"),
    Platform.JD: QT_TRANSLATE_NOOP("Platform", "JD"),
    Platform.PINDUODUO: QT_TRANSLATE_NOOP("Platform", "Pinduoduo"),
    Platform.DOUYIN: QT_TRANSLATE_NOOP("Platform", "Douyin"),
    Platform.SHOPIFY: QT_TRANSLATE_NOOP("Platform", "Shopify"),
    Platform.AMAZON: QT_TRANSLATE_NOOP("Platform", "Amazon"),
    Platform.OTHER: QT_TRANSLATE_NOOP("Platform", "Other (phone, wholesale…)"),
}


def status_text(status: str) -> str:
    """'new' -> 'New' (or 新订单); a status a later step added shows as stored."""
    source = STATUS_TEXT.get(status)  # type: ignore[call-overload]
    return QCoreApplication.translate("SalesOrderStatus", source) if source else status


def platform_text(platform: str) -> str:
    """'taobao' -> 'Taobao / Tmall' (or 淘宝 / 天猫)."""
    source = PLATFORM_TEXT.get(platform)  # type: ignore[call-overload]
    return QCoreApplication.translate("Platform", source) if source else platform


def money(amount: Decimal, currency: str = "") -> str:
    """1299.5, 'CNY' -> '1,299.50 CNY' (grouped as the user's language groups)."""
    text = QLocale().toString(float(amount), "f", 2)
    return f"{text} {currency}".strip()


#: The order fields a mapping gives columns to, in the order the mapping editor lists them:
#: what every mapping needs first.
FIELD_TEXT = {
    "number": QT_TRANSLATE_NOOP("OrderField", "Order number"),
    "ordered_at": QT_TRANSLATE_NOOP("OrderField", "Ordered at"),
    "sku": QT_TRANSLATE_NOOP("OrderField", "SKU"),
    "qty": QT_TRANSLATE_NOOP("OrderField", "Quantity"),
    "unit_price": QT_TRANSLATE_NOOP("OrderField", "Unit price"),
    "line_total": QT_TRANSLATE_NOOP("OrderField", "Line total"),
    "title": QT_TRANSLATE_NOOP("OrderField", "Product title"),
    "recipient": QT_TRANSLATE_NOOP("OrderField", "Recipient"),
    "phone": QT_TRANSLATE_NOOP("OrderField", "Phone"),
    "address": QT_TRANSLATE_NOOP("OrderField", "Whole address (one cell)"),
    "province": QT_TRANSLATE_NOOP("OrderField", "Province / state"),
    "city": QT_TRANSLATE_NOOP("OrderField", "City"),
    "district": QT_TRANSLATE_NOOP("OrderField", "District"),
    "street": QT_TRANSLATE_NOOP("OrderField", "Street"),
    "postcode": QT_TRANSLATE_NOOP("OrderField", "Postcode"),
    "country": QT_TRANSLATE_NOOP("OrderField", "Country"),
    "buyer_name": QT_TRANSLATE_NOOP("OrderField", "Buyer"),
    "email": QT_TRANSLATE_NOOP("OrderField", "Email"),
    "buyer_note": QT_TRANSLATE_NOOP("OrderField", "Buyer note"),
    "seller_note": QT_TRANSLATE_NOOP("OrderField", "Seller note"),
    "paid_at": QT_TRANSLATE_NOOP("OrderField", "Paid at"),
    "goods_total": QT_TRANSLATE_NOOP("OrderField", "Goods total"),
    "shipping_fee": QT_TRANSLATE_NOOP("OrderField", "Shipping fee"),
    "discount": QT_TRANSLATE_NOOP("OrderField", "Discount"),
    "paid_total": QT_TRANSLATE_NOOP("OrderField", "Paid total"),
    "currency": QT_TRANSLATE_NOOP("OrderField", "Currency"),
    "line_ref": QT_TRANSLATE_NOOP("OrderField", "Line id (sub-order)"),
    "line_shipping": QT_TRANSLATE_NOOP("OrderField", "Line shipping"),
}


def field_text(field: str) -> str:
    """'qty' -> 'Quantity' (or 数量)."""
    source = FIELD_TEXT.get(field)
    return QCoreApplication.translate("OrderField", source) if source else field
