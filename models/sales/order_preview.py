"""A preview of an order export read through a mapping: the first rows as the import would
read them, each with its problems, and nothing saved. The mapping editor shows it live."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from pathlib import Path

from models.masterdata.fields import FieldError
from models.masterdata.table_reading import read_table, table_header
from models.sales.custom_profiles import mapping_errors
from models.sales.order_import import OrderImportReport, read_orders
from models.sales.profiles import OrderProfile

#: Rows a preview reads: enough to see every kind of row, few enough to read as one types.
PREVIEW_ROWS = 20


@dataclass(frozen=True)
class PreviewRow:
    """One row of the file as an order line, with its order's values and its problems."""

    line: int
    number: str
    ordered_at: datetime | None
    recipient: str
    address: str
    sku: str
    title: str
    qty: int | None
    unit_price: Decimal | None
    problems: tuple[str, ...]


@dataclass(frozen=True)
class OrderPreview:
    """What the first rows of a file make through a mapping; `mapping_errors` says what
    the mapping itself lacks (then no row is read)."""

    header: list[str]
    rows: list[PreviewRow]
    orders: int
    mapping_errors: list[FieldError]


def preview_orders(path: Path, profile: OrderProfile, *,
                   limit: int = PREVIEW_ROWS) -> OrderPreview:
    """The first `limit` rows of `path` read through `profile`, as the import reads them;
    nothing is saved."""
    header = table_header(path)
    errors = mapping_errors(profile, header)
    if errors:
        return OrderPreview(header, [], 0, errors)
    rows = read_table(path, known=None, required=())
    first = next(rows, None)
    if first is None:
        return OrderPreview(header, [], 0, [])
    read = read_orders(path.name, list(first.cells),
                       itertools.islice(itertools.chain((first,), rows), limit), profile,
                       OrderImportReport(path.name))
    shown = []
    for line in sorted(read.problems):
        number = read.numbers.get(line, "")
        order = read.orders.get(number)
        item = read.lines.get(line)
        address = " ".join(p for p in (order.province, order.city, order.district,
                                       order.street) if p) if order else ""
        shown.append(PreviewRow(
            line, number, order.ordered_at if order else None,
            order.recipient if order else "", address, item.sku if item else "",
            item.title if item else "", item.qty if item else None,
            item.unit_price if item else None, tuple(read.problems[line])))
    return OrderPreview(header, shown, len(read.orders), [])
