"""The data of the printed purchase order (template resources/labels/purchase-order.json)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy.orm import Session

from models.purchasing.order_views import OrderView, order_view

TEMPLATE = "purchase-order"
CURRENCY = "CNY"
_CENTS = Decimal("0.01")


def _money(value: Decimal) -> str:
    return str(value.quantize(_CENTS, rounding=ROUND_HALF_UP))


def _name(line_name: str, alt_name: str) -> str:
    # A Chinese supplier reads the Chinese name; both are printed when there is room.
    return f"{line_name} {alt_name}".strip() if alt_name else line_name


def document_data(view: OrderView, *, currency: str = CURRENCY) -> dict[str, Any]:
    """The template's variables for an order: its barcode PO-<number>, supplier, dates,
    lines with amounts and the total (a line without a cost counts as 0)."""
    lines = []
    total = Decimal(0)
    for line in view.lines:
        cost = line.unit_cost if line.unit_cost is not None else Decimal(0)
        amount = cost * line.qty
        total += amount
        lines.append({"sku": line.sku, "name": _name(line.name, line.alt_name),
                      "qty": line.qty, "unit_cost": _money(cost), "amount": _money(amount)})
    data: dict[str, Any] = {
        "po_number": view.code, "supplier": f"{view.supplier_name} ({view.supplier})",
        "supplier_address": view.supplier_address, "order_date": view.order_date.isoformat(),
        "currency": currency, "lines": lines, "total": _money(total),
    }
    if view.expected_date is not None:
        data["expected_date"] = view.expected_date.isoformat()
    return data


def order_document_data(session: Session, order_id: int) -> dict[str, Any]:
    """The purchase order template's variables for the stored order `order_id`."""
    return document_data(order_view(session, order_id))
