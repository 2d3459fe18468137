"""Importing purchase orders from a CSV or XLSX file: one row per order line, the rows with
the same po_number make one order. All or nothing, every bad row reported with its line
number; an order that exists already is updated (its lines replaced by the file's)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import audit
from models.actor import Actor
from models.entities import PoStatus, Product, PurchaseOrder, Supplier, Warehouse
from models.errors import InputError
from models.masterdata.cells import cell_text, code_text, is_formula
from models.masterdata.fields import FieldError, ValidationFailed
from models.masterdata.import_report import ImportFailed, ImportProgress, ImportReport
from models.masterdata.table_reading import TableRow, read_table
from models.permissions import Perm
from models.purchasing.order_values import line_from_values, read_date
from models.purchasing.orders import (
    PREFIX,
    OrderInput,
    OrderLineInput,
    check_number,
    match_lines,
    normalize_number,
    save_order,
)
from models.purchasing.received import lines_with_scans, received_by_line

ORDER_COLUMNS = ("po_number", "supplier", "warehouse", "expected_date", "sku", "qty",
                 "unit_cost", "line_expected_date", "note")
REQUIRED = ("po_number", "supplier", "warehouse", "sku", "qty")
#: Column names a Chinese spreadsheet uses, and what they mean.
ALIASES = {
    "采购单号": "po_number", "采购单": "po_number", "供应商": "supplier", "仓库": "warehouse",
    "预计到货": "expected_date", "数量": "qty", "单价": "unit_cost",
    "行预计到货": "line_expected_date", "备注": "note",
}
_HEADER_FIELDS = ("supplier", "warehouse", "expected_date", "note")
_LINE_FIELDS = {"qty": "qty", "unit_cost": "unit_cost", "expected_date": "line_expected_date"}


@dataclass
class _Order:
    """The rows of one order in the file."""

    number: str
    first_line: int
    header: dict[str, Any] = field(default_factory=dict)
    rows: list[tuple[int, OrderLineInput]] = field(default_factory=list)


def _cells(row: TableRow) -> dict[str, Any]:
    return {ALIASES.get(name, name): value for name, value in row.cells.items()}


def _check_columns(path: Path, cells: dict[str, Any]) -> None:
    missing = [name for name in REQUIRED if name not in cells]
    if missing:
        raise InputError(f"{path.name} line 1: the column(s) {', '.join(missing)} are "
                         "required.")


def import_orders(session: Session, actor: Actor, path: Path, *, dry_run: bool = False,
                  progress: ImportProgress | None = None,
                  today: date | None = None) -> ImportReport:
    """Create or update (by number) every order in the file; raises ImportFailed listing every
    bad row, having saved nothing. A dry run checks everything and saves nothing."""
    actor.require(Perm.DATA_IMPORT)
    actor.require(Perm.PURCHASING_EDIT)
    rows = read_table(path, known=(*ORDER_COLUMNS, *ALIASES), required=())
    report = ImportReport(path.name, dry_run=dry_run)
    problems: dict[int, list[str]] = {}
    keys: dict[int, str] = {}
    orders = _group(path, rows, report, problems, keys)
    if progress is not None:
        progress(report.rows)
    _check_database(session, orders, problems)
    savepoint = session.begin_nested()
    try:
        for order in orders.values():
            if not any(problems[line] for line, _ in order.rows) and not problems.get(
                    order.first_line):
                _save(session, actor, order, report, problems, today)
        if not any(problems.values()):
            audit.record(session, actor, "purchase_order.import", entity="file",
                         entity_id=path.name, rows=report.rows, created=report.created,
                         updated=report.updated)
    except BaseException:
        savepoint.rollback()
        raise
    for line in sorted(problems):
        if problems[line]:
            report.add_error(line, keys.get(line, ""), problems[line])
    if report.errors or dry_run:
        savepoint.rollback()
    else:
        savepoint.commit()
    if report.errors:
        raise ImportFailed(report)
    return report


def _group(path: Path, rows: Iterable[TableRow], report: ImportReport,
           problems: dict[int, list[str]], keys: dict[int, str]) -> dict[str, _Order]:
    orders: dict[str, _Order] = {}
    for row in rows:
        cells = _cells(row)
        if not report.rows:
            _check_columns(path, cells)
        report.rows += 1
        errors: list[FieldError] = []
        for name, value in cells.items():
            if is_formula(value):
                errors.append(FieldError(name, f"'{value}' is a spreadsheet formula, not a "
                                         "value"))
        typed = cell_text(cells.get("po_number"))
        number = normalize_number(typed)
        bad_number = check_number(number)
        keys[row.line] = typed if bad_number else PREFIX + number if number else ""
        if not number:
            errors.append(FieldError("po_number", "is required"))
        errors.extend(FieldError("po_number", e.message) for e in bad_number)
        line = line_from_values(errors, {
            "sku": code_text(errors, "sku", cells.get("sku")), "qty": cells.get("qty"),
            "unit_cost": cells.get("unit_cost"),
            "expected_date": cells.get("line_expected_date")}, "", fields=_LINE_FIELDS)
        if not line.sku:
            errors.append(FieldError("sku", "is required"))
        elif line.qty <= 0:
            errors.append(FieldError("qty", "must be more than zero"))
        header = {"supplier": code_text(errors, "supplier", cells.get("supplier")),
                  "warehouse": code_text(errors, "warehouse", cells.get("warehouse")),
                  "expected_date": read_date(errors, "expected_date",
                                             cells.get("expected_date")),
                  "note": cell_text(cells.get("note"))}
        problems[row.line] = [str(e) for e in errors]
        if row.overflow:
            problems[row.line].insert(0, "more cells than columns: is a separator inside an "
                                      "unquoted value?")
        if not number or bad_number:
            continue
        order = orders.setdefault(number, _Order(number, row.line))
        _merge_header(order, header, row.line, problems[row.line])
        order.rows.append((row.line, line))
    for order in orders.values():
        for name in ("supplier", "warehouse"):
            if not order.header.get(name):
                problems[order.first_line].append(f"{name}: is required (on one row of "
                                                  "the order at least)")
    return orders


def _merge_header(order: _Order, header: dict[str, Any], line: int, errors: list[str]) -> None:
    """Header cells may be repeated on every row of an order or given once; they may not
    disagree."""
    for name in _HEADER_FIELDS:
        value = header[name]
        if value in (None, ""):
            continue
        seen = order.header.get(name)
        if seen in (None, ""):
            order.header[name] = value
            order.header[f"{name}_line"] = line
        elif seen != value:
            errors.append(f"{name}: '{value}' differs from '{seen}' on line "
                          f"{order.header[f'{name}_line']} of the same order")


def _check_database(session: Session, orders: dict[str, _Order],
                    problems: dict[int, list[str]]) -> None:
    """Unknown or inactive suppliers, warehouses and products; orders closed or received
    beyond what the file now orders."""
    codes = {o.header.get("supplier") for o in orders.values()} - {None, ""}
    suppliers = {s.code: s for s in session.scalars(
        select(Supplier).where(Supplier.code.in_(codes)))} if codes else {}
    whs = {o.header.get("warehouse") for o in orders.values()} - {None, ""}
    warehouses = set(session.scalars(select(Warehouse.code).where(
        Warehouse.code.in_(whs)))) if whs else set()
    skus = {line.sku for o in orders.values() for _, line in o.rows if line.sku}
    products = {p.sku: p for p in session.scalars(select(Product).where(
        Product.sku.in_(skus)))} if skus else {}
    stored = {o.number: o for o in session.scalars(select(PurchaseOrder).where(
        PurchaseOrder.number.in_(list(orders))))} if orders else {}
    for order in orders.values():
        first = problems[order.first_line]
        code = order.header.get("supplier")
        supplier = suppliers.get(code) if code else None
        if code and supplier is None:
            first.append(f"supplier: there is no supplier {code}")
        elif supplier is not None and not supplier.active:
            first.append(f"supplier: {code} is inactive")
        wh = order.header.get("warehouse")
        if wh and wh not in warehouses:
            first.append(f"warehouse: there is no warehouse {wh}")
        for line_no, line in order.rows:
            product = products.get(line.sku)
            if line.sku and product is None:
                problems[line_no].append(f"sku: there is no product {line.sku}")
            elif product is not None and not product.active:
                problems[line_no].append(f"sku: {line.sku} is inactive")
        existing = stored.get(order.number)
        if existing is not None:
            _check_stored(session, order, existing, products, problems)


def _check_stored(session: Session, order: _Order, existing: PurchaseOrder,
                  products: dict[str, Product], problems: dict[int, list[str]]) -> None:
    if existing.status == PoStatus.CLOSED:
        problems[order.first_line].append(f"{existing.code} is closed; reopen it before "
                                          "importing it again")
        return
    scanned = lines_with_scans(session, existing.id)
    if not scanned:
        return
    received = received_by_line(session, existing.id)
    matched = match_lines(existing.lines, [line for _, line in order.rows], products, [])
    for (line_no, line), stored in zip(order.rows, matched, strict=True):
        got = received.get(stored.id, 0) if stored is not None else 0
        if line.qty < got:
            problems[line_no].append(f"qty: {got} units of {line.sku} are received already "
                                     f"on {existing.code}; the quantity cannot be less")
    kept = {s.id for s in matched if s is not None}
    skus = {p.id: p.sku for p in session.scalars(select(Product).where(
        Product.id.in_([s.product_id for s in existing.lines])))}
    for stored in existing.lines:
        if stored.id in scanned and stored.id not in kept:
            problems[order.first_line].append(
                f"{existing.code}: {skus[stored.product_id]} was received "
                f"({received.get(stored.id, 0)} units) and must stay on the order")


def _save(session: Session, actor: Actor, order: _Order, report: ImportReport,
          problems: dict[int, list[str]], today: date | None) -> None:
    existing_id = session.scalar(select(PurchaseOrder.id).where(
        PurchaseOrder.number == order.number))
    data = OrderInput(
        number=order.number, supplier=order.header["supplier"],
        warehouse=order.header["warehouse"], expected_date=order.header.get("expected_date"),
        note=order.header.get("note") or "", lines=[line for _, line in order.rows])
    try:
        save_order(session, actor, data, order_id=existing_id, today=today)
    except ValidationFailed as failure:  # what the checks above did not foresee
        problems[order.first_line].extend(str(e) for e in failure.errors)
        return
    except InputError as failure:
        problems[order.first_line].append(str(failure))
        return
    if existing_id is None:
        report.created += 1
    else:
        report.updated += 1
