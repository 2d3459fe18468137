"""The data of a count's printed documents: the count sheet a counter takes to the bins
(resources/labels/count-sheet.json) and the count report of its variances and accuracy
(resources/labels/count-report.json)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.counting.plans import find_count
from models.counting.review import accuracy, variances
from models.entities import CountBin, Location, Lot, Product, Quant, User, Warehouse

_NONE = "—"


def _money(value: Decimal | None) -> str:
    return _NONE if value is None else f"{value.quantize(Decimal('0.01')):,}"


def _signed_money(value: Decimal | None) -> str:
    return _NONE if value is None else f"{value.quantize(Decimal('0.01')):+,}"


def _zones(zones: list[str], fallback: str) -> str:
    named = sorted({z for z in zones if z})
    if not named:
        return fallback
    return ", ".join(named) if len(named) <= 4 else f"{named[0]} … {named[-1]} ({len(named)})"


def count_sheet_data(session: Session, count_id: int) -> dict[str, Any]:
    """Values of the count-sheet template: a row per product and lot the books put in each
    bin (an empty bin gets a row too), in walk order. A blind count shows no quantities:
    `expected` stays empty."""
    count = find_count(session, count_id)
    bins = session.execute(
        select(Location.id, Location.code, Location.zone, Location.walk_seq)
        .join(CountBin, CountBin.location_id == Location.id)
        .where(CountBin.count_id == count.id)).all()
    stock: dict[int, list[Any]] = {}
    for row in session.execute(
            select(Quant.location_id, Product.sku, Product.name, Lot.number, Quant.on_hand)
            .join(CountBin, (CountBin.location_id == Quant.location_id)
                  & (CountBin.count_id == count.id))
            .join(Product, Product.id == Quant.product_id)
            .outerjoin(Lot, Lot.id == Quant.lot_id)
            .where(Quant.on_hand > 0)):
        stock.setdefault(row.location_id, []).append(row)
    lines = []
    for b in sorted(bins, key=lambda b: (b.walk_seq, b.code)):
        held = sorted(stock.get(b.id, []), key=lambda r: (r.sku, r.number or ""))
        if not held:
            lines.append({"location": b.code, "sku": _NONE, "name": "(empty in the books)",
                          "expected": "" if count.blind else "0"})
        for r in held:
            # The lot first: a long name is cut at the column's end, the lot must show.
            name = f"Lot {r.number}: {r.name}" if r.number else r.name
            lines.append({"location": b.code, "sku": r.sku, "name": name,
                          "expected": "" if count.blind else str(r.on_hand)})
    warehouse = session.get(Warehouse, count.warehouse_id)
    return {
        "count_no": count.code,
        "zone": _zones([b.zone for b in bins], warehouse.code if warehouse else _NONE),
        "counter": "",
        "created": count.created_at.date().isoformat(),
        "title": count.title,
        "lines": lines,
    }


def count_report_data(session: Session, count_id: int) -> dict[str, Any]:
    """Values of the count-report template: the count, its accuracy figures and a row per
    line with a variance, with its value at standard cost."""
    count = find_count(session, count_id)
    figures = accuracy(session, count.id)
    warehouse = session.get(Warehouse, count.warehouse_id)
    approver = (session.scalar(select(User.display_name).where(User.id == count.approved_by))
                if count.approved_by else None)
    pct = figures.accuracy_pct
    rows = []
    for v in variances(session, count.id, only_variances=True):
        rows.append({
            "location": v.location, "sku": v.sku,
            "name": v.name + (f" (lot {v.lot})" if v.lot else "")
            + (f" S/N {v.serial}" if v.serial else ""),
            "expected": v.expected, "counted": v.counted, "variance": f"{v.variance:+d}",
            "unit_cost": _money(v.unit_cost), "value": _signed_money(v.value_impact),
        })
    return {
        "count_no": count.code,
        "title": count.title,
        "warehouse": warehouse.code if warehouse else _NONE,
        "status": count.status,
        "approved_by": approver or "",
        "approved_at": count.approved_at.strftime("%Y-%m-%d %H:%M") if count.approved_at
        else "",
        "bins_counted": figures.bins_counted,
        "lines_counted": figures.lines,
        "accuracy": _NONE if pct is None else f"{pct} %",
        "units": f"+{figures.units_gained} / -{figures.units_lost}",
        "value_gained": _money(figures.value_gained),
        "value_lost": _money(figures.value_lost),
        "net_value": _signed_money(figures.net_value),
        "lines": rows,
    }
