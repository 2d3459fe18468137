"""Turning what the editor holds (text cells) into an OrderInput, naming every value that
cannot be read, and a stored order back into those values."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from models.masterdata.fields import FieldError, ValidationFailed, optional_decimal, text
from models.purchasing.order_views import OrderView
from models.purchasing.orders import OrderInput, OrderLineInput, check_order


def read_date(errors: list[FieldError], name: str, value: Any, where: str = "") -> date | None:
    """A date written 2026-12-01 (or a spreadsheet's date cell); None when empty."""
    if isinstance(value, date):
        return value
    raw = text(value)
    if not raw:
        return None
    try:
        return date.fromisoformat(raw[:10].replace("/", "-"))
    except ValueError:
        errors.append(FieldError(name, f"{where}'{raw}' is not a date like 2026-12-01"))
        return None


def read_qty(errors: list[FieldError], value: Any, where: str, field: str = "lines") -> int:
    """A whole quantity (1 when unreadable, after recording why)."""
    raw = text(value)
    if not raw:
        errors.append(FieldError(field, f"{where}the quantity is missing"))
        return 1
    try:
        number = Decimal(raw.replace(",", "."))
        if number != number.to_integral_value():
            raise ArithmeticError
    except (ArithmeticError, ValueError):
        errors.append(FieldError(field, f"{where}the quantity '{raw}' is not a whole "
                                 "number"))
        return 1
    return int(number)


#: Where a line's cell problems are reported: the editor marks its lines grid.
GRID_FIELDS = {"qty": "lines", "unit_cost": "lines", "expected_date": "lines"}


def line_from_values(errors: list[FieldError], values: Mapping[str, Any], where: str, *,
                     fields: Mapping[str, str] = GRID_FIELDS) -> OrderLineInput:
    """One line from its raw cells: sku, qty, unit_cost, expected_date, line_id; problems
    are recorded under the field names `fields` gives."""
    costs: list[FieldError] = []
    cost = optional_decimal(costs, "unit_cost", values.get("unit_cost"))
    errors.extend(FieldError(fields["unit_cost"], f"{where}unit cost {e.message}")
                  for e in costs)
    line_id = values.get("line_id")
    return OrderLineInput(
        sku=text(values.get("sku")),
        qty=read_qty(errors, values.get("qty"), where, fields["qty"]),
        unit_cost=cost,
        expected_date=read_date(errors, fields["expected_date"], values.get("expected_date"),
                                where),
        line_id=int(line_id) if line_id not in (None, "") else None)


def order_from_values(values: Mapping[str, Any]) -> OrderInput:
    """An OrderInput from the editor's values (lines as a list of dicts); raises
    ValidationFailed naming every field and line that is not a valid value."""
    errors: list[FieldError] = []
    lines = [line_from_values(errors, line, f"line {n}: ")
             for n, line in enumerate(values.get("lines", ()), start=1)]
    data = OrderInput(
        number=text(values.get("number")), supplier=text(values.get("supplier")),
        warehouse=text(values.get("warehouse")),
        expected_date=read_date(errors, "expected_date", values.get("expected_date")),
        note=text(values.get("note")), lines=lines)
    if errors:
        raise ValidationFailed("Purchase order", errors + check_order(data))
    return data


def _plain(number: Decimal | None) -> str:
    if number is None:
        return ""
    shown = format(number, "f")
    return shown.rstrip("0").rstrip(".") if "." in shown else shown


def order_values(view: OrderView) -> dict[str, Any]:
    """A stored order as the editor's values."""
    return {
        "number": view.number, "supplier": view.supplier, "warehouse": view.warehouse,
        "expected_date": view.expected_date.isoformat() if view.expected_date else "",
        "note": view.note,
        "lines": [{"line_id": line.line_id, "sku": line.sku,
                   "name": f"{line.name} {line.alt_name}".strip(),
                   "qty": str(line.qty), "received": line.received,
                   "unit_cost": _plain(line.unit_cost),
                   "expected_date": line.expected_date.isoformat() if line.expected_date
                   else ""} for line in view.lines],
    }
