"""From raw values (an export row mapped by a profile, or what a user typed) to the typed
pieces of an order, naming every value that cannot be read. Import and manual entry share
it, so both refuse the same things with the same words."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import tzinfo
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from models.masterdata.cells import cell_text, code_text
from models.masterdata.fields import FieldError, ValidationFailed
from models.purchasing.order_values import read_qty
from models.sales.addresses import split_address
from models.sales.order_values import CHINA, amount, order_number, timestamp
from models.sales.orders import OrderInput, OrderLineInput, check_order

_CENT = Decimal("0.01")
_TEXTS = ("buyer_name", "recipient", "phone", "email", "province", "city", "district",
          "postcode", "buyer_note", "seller_note")
_AMOUNTS = ("goods_total", "shipping_fee", "discount", "paid_total")


@dataclass(frozen=True)
class RowLine:
    """A line read from a row, with its share of the shipping (Amazon's shipping-price)."""

    line: OrderLineInput
    shipping: Decimal | None


class Labels(dict[str, str]):
    """Field -> the column name a user sees in their file (the field's own name if none)."""

    def __missing__(self, key: str) -> str:
        return key


def read_header(errors: list[FieldError], values: Mapping[str, Any], *, labels: Labels,
                zone: tzinfo) -> dict[str, Any]:
    """The order-level fields of a row; empty values are '' or None."""
    header: dict[str, Any] = {name: cell_text(values.get(name)) for name in _TEXTS}
    header["phone"] = header["phone"].lstrip("'")
    street = cell_text(values.get("street"))
    address = cell_text(values.get("address"))
    if address and not header["province"]:
        parts = split_address(address)
        header |= {"province": parts.province, "city": parts.city,
                   "district": parts.district}
        street = " ".join(p for p in (parts.street, street) if p)
    header["street"] = street
    header["country"] = cell_text(values.get("country"))
    header["currency"] = cell_text(values.get("currency")).upper()
    for name in ("ordered_at", "paid_at"):
        header[name] = timestamp(errors, labels[name], values.get(name), zone)
    for name in _AMOUNTS:
        header[name] = amount(errors, labels[name], values.get(name))
    return header


def read_line(errors: list[FieldError], values: Mapping[str, Any], *,
              labels: Labels) -> RowLine:
    """The line of a row: a unit price, or the line's total divided by its quantity."""
    qty = read_qty(errors, values.get("qty"), "", labels["qty"])
    unreadable = len(errors)
    price = amount(errors, labels["unit_price"], values.get("unit_price"))
    total = amount(errors, labels["line_total"], values.get("line_total"))
    if price is None and total is not None and qty > 0:
        price = (total / qty).quantize(_CENT, rounding=ROUND_HALF_UP)
    if price is None and len(errors) == unreadable:
        errors.append(FieldError(labels["unit_price"], "the price is missing"))
    line = OrderLineInput(
        sku=code_text(errors, labels["sku"], values.get("sku")),
        title=cell_text(values.get("title")), qty=qty, unit_price=price or Decimal("0.00"),
        line_ref=order_number(errors, labels["line_ref"], values.get("line_ref")))
    return RowLine(line, amount(errors, labels["line_shipping"], values.get("line_shipping")))


def order_input(number: str, header: Mapping[str, Any], lines: list[RowLine], *,
                currency: str, country: str) -> OrderInput:
    """An OrderInput of a number, its order-level fields and its lines; shipping charged
    per line (and no order shipping given) adds up to the order's; `currency` and
    `country` are the shop's, for orders that do not say."""
    shipping = header.get("shipping_fee")
    if shipping is None:
        shipping = sum((r.shipping for r in lines if r.shipping is not None), Decimal("0.00"))
    return OrderInput(
        number=number, lines=tuple(r.line for r in lines), ordered_at=header.get("ordered_at"),
        paid_at=header.get("paid_at"), goods_total=header.get("goods_total"),
        shipping_fee=shipping, discount=header.get("discount") or Decimal("0.00"),
        paid_total=header.get("paid_total"), currency=header.get("currency") or currency,
        country=header.get("country") or country,
        **{name: header.get(name) or "" for name in (*_TEXTS, "street")})


def order_from_values(values: Mapping[str, Any], *, zone: tzinfo = CHINA,
                      currency: str = "CNY", country: str = "") -> OrderInput:
    """An order typed in by hand: text values by field name, `lines` a list of dicts (sku,
    title, qty, unit_price); raises ValidationFailed naming every bad value (a line's as
    `lines`, "line N: ...")."""
    errors: list[FieldError] = []
    labels = Labels()
    number = order_number(errors, "number", values.get("number"))
    header = read_header(errors, values, labels=labels, zone=zone)
    lines = []
    for no, values_of_line in enumerate(values.get("lines", ()), start=1):
        line_errors: list[FieldError] = []
        lines.append(read_line(line_errors, values_of_line, labels=labels))
        # A form shows the lines as one grid: its problems name the line, as check_order's.
        errors += [FieldError("lines", f"line {no}: {e}") for e in line_errors]
    data = order_input(number, header, lines, currency=currency, country=country)
    errors += check_order(data)
    if errors:
        raise ValidationFailed(f"Order {number or '(no number)'}", errors)
    return data
