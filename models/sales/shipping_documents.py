"""What goes on an order's waybill and packing slip: the data the templates in
resources/labels/ (waybill-100x150, waybill-76x130, packing-slip) declare, from the order, its
shop (the sender), its warehouse and its carrier."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.entities import Carrier, Product, SalesOrder, SalesOrderLine
from models.errors import InputError
from models.figures import plain
from models.plural import plural_s
from models.sales.review_views import order_by_id

#: Lines named on the waybill's item summary; the rest are counted.
_ITEMS_NAMED = 3


def recipient_address(order: SalesOrder) -> str:
    """The address as a courier writes it: 省 市 区 street for China, street first elsewhere."""
    if order.country in ("", "CN"):
        parts = (order.province, order.city, order.district, order.street, order.postcode)
    else:
        parts = (order.street, order.city, order.district, order.province, order.postcode,
                 order.country)
    return " ".join(p for p in parts if p)


def _lines(session: Session, order_id: int) -> list[Any]:
    return list(session.execute(
        select(SalesOrderLine.sku, SalesOrderLine.title, SalesOrderLine.qty, Product.sku,
               Product.name, Product.weight_g)
        .outerjoin(Product, Product.id == SalesOrderLine.product_id)
        .where(SalesOrderLine.order_id == order_id).order_by(SalesOrderLine.line_no)))


def expected_weight_kg(session: Session, order_id: int) -> Decimal:
    """The products' weights times their quantities (products without one count nothing)."""
    grams = sum(((weight or 0) * qty for *_, qty, _sku, _name, weight
                 in _lines(session, order_id)), Decimal(0))
    return (Decimal(grams) / 1000).quantize(Decimal("0.001"))


def _items(lines: list[Any]) -> str:
    units = sum(line[2] for line in lines)
    named = ", ".join(f"{(name or title)} x{qty}"
                      for _sku, title, qty, _psku, name, _w in lines[:_ITEMS_NAMED])
    more = f", +{len(lines) - _ITEMS_NAMED} more" if len(lines) > _ITEMS_NAMED else ""
    return f"{units} item{plural_s(units)}: {named}{more}"


def waybill_data(session: Session, order_id: int, *, today: date,
                 weight_kg: Decimal | None = None) -> dict[str, Any]:
    """The waybill's values; the weight is the one weighed, else the expected one."""
    order = order_by_id(session, order_id)
    if not order.tracking_number:
        raise InputError(f"Order {order.number} has no tracking number yet: give it one "
                         f"first (`waredesk order tracking {order.number}`, with `--number` "
                         "for a carrier of manual waybills).")
    shop = order.shop
    if not shop.sender_phone:
        raise InputError(f"Shop {shop.code} has no sender phone for its waybills: add it "
                         "in Shops (or `waredesk shop add` with --phone).")
    carrier = session.scalar(select(Carrier.name).where(Carrier.code == order.carrier))
    sender_address = shop.sender_address or (order.warehouse.address if order.warehouse_id
                                             else "")
    lines = _lines(session, order_id)
    weight = weight_kg if weight_kg is not None else expected_weight_kg(session, order_id)
    return {
        "carrier": carrier or order.carrier or "", "tracking": order.tracking_number,
        "order_ref": order.number, "recipient_name": order.recipient,
        "recipient_phone": order.phone, "recipient_address": recipient_address(order),
        "sender_name": shop.name, "sender_phone": shop.sender_phone,
        "sender_address": sender_address, "weight_kg": plain(weight), "items": _items(lines),
        "ship_date": today.isoformat()}


def packing_slip_data(session: Session, order_id: int) -> dict[str, Any]:
    """The packing slip's values: the order, who it goes to, and its lines."""
    order = order_by_id(session, order_id)
    lines = _lines(session, order_id)
    return {
        "order_ref": order.number, "shop": order.shop.name, "customer": order.recipient,
        "address": recipient_address(order),
        "order_date": order.ordered_at.astimezone().date().isoformat(),
        "tracking": order.tracking_number or "",
        "lines": [{"sku": psku or sku, "name": name or title, "qty": qty}
                  for sku, title, qty, psku, name, _w in lines],
        "total_qty": sum(line[2] for line in lines)}
