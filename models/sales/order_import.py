"""Importing a shop's order export (CSV, tab-separated TXT or XLSX) through a mapping
profile: rows with the same order number make one order. All or nothing, every bad row
reported with its line number; an order already imported is updated while it is `new`, and
left alone (and reported) once it has moved on."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import timedelta, timezone
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from models import audit
from models.actor import Actor
from models.entities import Platform
from models.errors import InputError
from models.masterdata.cells import cell_text
from models.masterdata.fields import FieldError
from models.masterdata.import_report import (
    CHUNK_ROWS,
    ImportFailed,
    ImportProgress,
    ImportReport,
)
from models.masterdata.table_reading import TableRow, read_table
from models.permissions import Perm
from models.plural import plural_s
from models.sales.custom_profiles import custom_profiles
from models.sales.order_rows import Labels, RowLine, order_input, read_header, read_line
from models.sales.order_values import order_number
from models.sales.orders import OrderInput, OrderLineInput, check_order, write_orders
from models.sales.profiles import (
    JOINED,
    ORDER_FIELDS,
    OrderProfile,
    detect_profile,
    profile_named,
)
from models.sales.shops import shop_by_code


@dataclass
class OrderImportReport(ImportReport):
    """An order import's outcome: orders created, updated, unchanged, and left alone."""

    shop: str = ""
    profile: str = ""
    unchanged: int = 0
    lines: int = 0
    #: Orders in the file that are past `new` here, so the import left them alone.
    kept: list[str] = field(default_factory=list)

    @property
    def summary(self) -> str:
        """One line for a status bar or a terminal."""
        if self.errors:
            return (f"{self.file}: {len(self.errors)} of {self.rows} rows are wrong; nothing "
                    "was imported.")
        verb = "would import" if self.dry_run else "imported"
        text = (f"{self.file} ({self.profile}) into {self.shop}: {self.rows} rows; {verb} "
                f"{self.created} new order{plural_s(self.created)}, {self.updated} updated, "
                f"{self.unchanged} unchanged; {self.lines} lines")
        if self.kept:
            text += f"; {len(self.kept)} left alone (past new)"
        return text + (" (dry run, nothing saved)." if self.dry_run else ".")


@dataclass
class ReadOrders:
    """A file's rows read through a profile, before anything is saved."""

    #: Order number -> the order its rows make.
    orders: dict[str, OrderInput] = field(default_factory=dict)
    #: File line -> what is wrong with that row (an empty list: nothing).
    problems: dict[int, list[str]] = field(default_factory=dict)
    #: File line -> the order number the row has ("" when none could be read).
    numbers: dict[int, str] = field(default_factory=dict)
    #: File line -> the order line the row is (rows without an order number have none).
    lines: dict[int, OrderLineInput] = field(default_factory=dict)


@dataclass
class _Order:
    """The rows of one order in the file."""

    number: str
    first_line: int
    header: dict[str, Any]
    seen_on: dict[str, int]
    #: The first row's raw order-level cells: a row repeating them needs no second reading.
    raw: tuple[Any, ...] = ()
    rows: list[tuple[int, RowLine]] = field(default_factory=list)


class _Mapping:
    """A profile applied to one file's header: where each field's value is."""

    def __init__(self, profile: OrderProfile, header: list[str]) -> None:
        present = set(header)
        self.sources: list[tuple[str, tuple[str, ...]]] = []
        self.labels = Labels()
        for name, columns in profile.columns.items():
            found = [(normal, column) for normal, column in zip(
                profile.header_names()[name], columns, strict=True) if normal in present]
            if found:
                self.sources.append((name, tuple(normal for normal, _ in found)))
                self.labels[name] = found[0][1]  # the column as the file writes it
        missing = [profile.columns[name][0] for name in ("number", "qty")
                   if name not in self.labels]
        if "sku" not in self.labels and "title" not in self.labels:
            missing.append(profile.columns["sku"][0])
        self.missing = missing

    def values(self, cells: dict[str, Any]) -> dict[str, Any]:
        """Each field's value in a row: the first column that has one (joined for street)."""
        values: dict[str, Any] = {}
        for name, columns in self.sources:
            if name in JOINED:
                values[name] = " ".join(text for text in map(cell_text, (
                    cells.get(c) for c in columns)) if text)
                continue
            for column in columns:
                value = cells.get(column)
                if value is not None and value != "":
                    values[name] = value
                    break
        return values


def import_sales_orders(session: Session, actor: Actor, path: Path, *, shop: str,
                        profile: str | None = None, dry_run: bool = False,
                        progress: ImportProgress | None = None) -> OrderImportReport:
    """Create or update every order of the file in `shop`; raises ImportFailed listing every
    bad row, having saved nothing. A dry run checks everything and saves nothing."""
    actor.require(Perm.ORDERS_IMPORT)
    shop_row = shop_by_code(session, shop)
    if not shop_row.active:
        raise InputError(f"Shop {shop_row.code} is inactive; activate it before importing "
                         "its orders.")
    rows = read_table(path, known=None, required=())
    first = next(rows, None)
    if first is None:
        raise InputError(f"{path.name} holds no orders.")
    custom = custom_profiles(session)
    header = list(first.cells)
    chosen = (profile_named(profile, custom) if profile
              else detect_profile(path.name, header, custom))
    if not profile and chosen.platform != Platform.OTHER and shop_row.platform not in (
            chosen.platform, Platform.OTHER):
        raise InputError(f"{path.name} is laid out as {chosen.title}, but shop {shop_row.code} is "
                         f"on {shop_row.platform}: import it into the shop it came from (or "
                         "choose the profile).")
    report = OrderImportReport(path.name, dry_run=dry_run, shop=shop_row.code,
                               profile=chosen.name)
    read = read_orders(path.name, header, _chain(first, rows), chosen, report, progress)
    for line in sorted(read.problems):
        if read.problems[line]:
            report.add_error(line, read.numbers.get(line, ""), read.problems[line])
    if report.errors:
        raise ImportFailed(report)
    inputs = list(read.orders.values())
    savepoint = session.begin_nested()
    try:
        result = write_orders(session, actor, shop_row.id, inputs)
        report.created, report.updated = result.created, result.updated
        report.unchanged, report.lines = result.unchanged, result.lines
        report.kept = [f"{number} ({status})" for number, status in result.kept.items()]
        audit.record(session, actor, "sales_order.import", entity="shop",
                     entity_id=shop_row.id, file=path.name, profile=chosen.name,
                     rows=report.rows, created=report.created, updated=report.updated,
                     unchanged=report.unchanged, kept=len(report.kept))
    except BaseException:
        savepoint.rollback()
        raise
    if dry_run:
        savepoint.rollback()
    else:
        savepoint.commit()
    return report


def read_orders(file: str, header: list[str], rows: Iterator[TableRow],
                profile: OrderProfile, report: OrderImportReport,
                progress: ImportProgress | None = None) -> ReadOrders:
    """The orders of the rows as `profile` reads them, and every row's problems; nothing
    is saved. InputError when the header lacks a column the profile needs."""
    mapping = _Mapping(profile, header)
    if mapping.missing:
        raise InputError(f"{file} line 1: the column(s) {', '.join(mapping.missing)} "
                         f"that the {profile.name} profile reads are missing.")
    read = ReadOrders()
    orders = _group(rows, profile, mapping, report, read.problems, read.numbers, progress)
    for order in orders.values():
        data = order_input(order.number, order.header, [line for _, line in order.rows],
                           currency=profile.currency, country=profile.country)
        problems = read.problems
        if not any(problems[line] for line, _ in order.rows):  # else it says it twice
            problems[order.first_line].extend(
                str(FieldError(mapping.labels[e.field], e.message)) for e in check_order(data))
        read.orders[order.number] = data
        read.lines.update((line, row.line) for line, row in order.rows)
    return read


def _chain(first: TableRow, rows: Iterator[TableRow]) -> Iterator[TableRow]:
    yield first
    yield from rows


def _group(rows: Iterator[TableRow], profile: OrderProfile, mapping: _Mapping,
           report: OrderImportReport, problems: dict[int, list[str]], keys: dict[int, str],
           progress: ImportProgress | None) -> dict[str, _Order]:
    zone = timezone(timedelta(hours=profile.zone_hours))
    labels = mapping.labels
    orders: dict[str, _Order] = {}
    for row in rows:
        report.rows += 1
        if progress is not None and report.rows % CHUNK_ROWS == 0:
            progress(report.rows)
        values = mapping.values(row.cells)
        errors: list[FieldError] = []
        number = order_number(errors, labels["number"], values.get("number"))
        raw = tuple(values.get(name) for name in ORDER_FIELDS)
        order = orders.get(number)
        repeated = order is not None and raw == order.raw
        header = {} if repeated else read_header(errors, values, labels=labels, zone=zone)
        line = read_line(errors, values, labels=labels)
        if line.line.qty <= 0:
            errors.append(FieldError(labels["qty"], "must be more than zero"))
        if not line.line.sku and not line.line.title:
            errors.append(FieldError(labels["sku"], "the SKU or the title is required"))
        if not number and not errors:
            errors.append(FieldError(labels["number"], "is required"))
        found = problems[row.line] = [str(e) for e in errors]
        if row.overflow:
            found.insert(0, "more cells than columns: is a separator inside an unquoted "
                         "value?")
        keys[row.line] = number
        if not number:
            continue
        if order is None:
            given = {k: v for k, v in header.items() if v not in (None, "")}
            order = orders[number] = _Order(number, row.line, header,
                                            dict.fromkeys(given, row.line), raw)
            if not profile.repeats and header["ordered_at"] is None:
                found.append(f"{labels['ordered_at']}: the first row of order {number} "
                             "carries no order values; keep the rows in the shop's order")
        else:
            _merge(order, header, row.line, found, labels)
        order.rows.append((row.line, line))
    if progress is not None:
        progress(report.rows)
    return orders


def _merge(order: _Order, header: dict[str, Any], line: int, errors: list[str],
           labels: Labels) -> None:
    """Order-level cells may repeat on every row of an order or come once; they may not
    disagree."""
    for name, value in header.items():
        if value in (None, ""):
            continue
        seen = order.header.get(name)
        if seen in (None, ""):
            order.header[name] = value
            order.seen_on[name] = line
        elif seen != value:
            errors.append(f"{labels[name]}: '{value}' differs from '{seen}' on line "
                          f"{order.seen_on[name]} of the same order")
