"""The tables of the Counts page: the counts, one count's bins, and its variance list with
the quantity and value each line would adjust."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from models.counting.plans import BinProgress, CountSummary
from models.counting.review import VarianceRow
from views.counts.labels import bin_status_text, count_status_text, kind_text
from views.lazy_table import display

LOSS_COLOUR = QColor("#c62828")
GAIN_COLOUR = QColor("#2e7d32")
RECOUNT_TINT = QColor("#fff3e0")

Cell = Callable[[Any], Any]


COUNT_HEADERS = (QT_TRANSLATE_NOOP("CountTables", "Count"),
                 QT_TRANSLATE_NOOP("CountTables", "Title"),
                 QT_TRANSLATE_NOOP("CountTables", "Kind"),
                 QT_TRANSLATE_NOOP("CountTables", "Status"),
                 QT_TRANSLATE_NOOP("CountTables", "Bins counted"),
                 QT_TRANSLATE_NOOP("CountTables", "Warehouse"),
                 QT_TRANSLATE_NOOP("CountTables", "Created"))
BIN_HEADERS = (QT_TRANSLATE_NOOP("CountTables", "Location"),
               QT_TRANSLATE_NOOP("CountTables", "Zone"),
               QT_TRANSLATE_NOOP("CountTables", "Status"),
               QT_TRANSLATE_NOOP("CountTables", "Round"),
               QT_TRANSLATE_NOOP("CountTables", "Counter"),
               QT_TRANSLATE_NOOP("CountTables", "Counted at"))
VARIANCE_HEADERS = (QT_TRANSLATE_NOOP("CountTables", "Location"),
                    QT_TRANSLATE_NOOP("CountTables", "SKU"),
                    QT_TRANSLATE_NOOP("CountTables", "Name"),
                    QT_TRANSLATE_NOOP("CountTables", "Lot / serial"),
                    QT_TRANSLATE_NOOP("CountTables", "Expected"),
                    QT_TRANSLATE_NOOP("CountTables", "Counted"),
                    QT_TRANSLATE_NOOP("CountTables", "Variance"),
                    QT_TRANSLATE_NOOP("CountTables", "Unit cost"),
                    QT_TRANSLATE_NOOP("CountTables", "Value impact"))


def headers(sources: Sequence[str]) -> list[str]:
    """Column titles in the user's language."""
    return [QCoreApplication.translate("CountTables", source) for source in sources]


def make_table(headers: Sequence[str], *, multi: bool = False, stretch: int | None = None,
               parent: QWidget | None = None) -> QTableWidget:
    """A read-only table selecting whole rows; column `stretch` (else the last) takes the
    width left over, so a long product name is shortened instead of pushing columns away."""
    table = QTableWidget(0, len(headers), parent)
    table.setHorizontalHeaderLabels(list(headers))
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection if multi
                           else QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    if stretch is None:
        header.setStretchLastSection(True)
    else:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return table


def fill(table: QTableWidget, rows: Sequence[Any], cells: Sequence[Cell],
         numeric: Sequence[int] = (),
         colour: Callable[[Any], QColor | None] | None = None, coloured: Sequence[int] = (),
         tint: Callable[[Any], QColor | None] | None = None) -> None:
    """Write `rows` into `table`, a column per cell function; `colour` paints the text of
    the `coloured` columns, `tint` the background of a whole row."""
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        fore = colour(row) if colour else None
        back = tint(row) if tint else None
        for c, cell in enumerate(cells):
            text = display(cell(row))
            item = QTableWidgetItem(text)
            item.setToolTip(text)  # the whole text where the column shortens it
            if c in numeric:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if fore is not None and c in coloured:
                item.setForeground(fore)
            if back is not None:
                item.setBackground(back)
            table.setItem(r, c, item)


def fill_counts(table: QTableWidget, rows: Sequence[CountSummary]) -> None:
    """The count list: code, what, status and progress."""
    fill(table, rows, (
        lambda r: r.code, lambda r: r.title, lambda r: kind_text(r.kind),
        lambda r: count_status_text(r.status), lambda r: f"{r.counted} / {r.bins}",
        lambda r: r.warehouse, lambda r: r.created_at), numeric=(4,))


def fill_bins(table: QTableWidget, rows: Sequence[BinProgress]) -> None:
    """A count's bins with status and counter; recounts are tinted."""
    fill(table, rows, (
        lambda r: r.location, lambda r: r.zone, lambda r: bin_status_text(r.status),
        lambda r: r.round or "", lambda r: r.counter, lambda r: r.counted_at), numeric=(3,),
        tint=lambda r: RECOUNT_TINT if r.status == "recount" else None)


def _signed(value: int | Decimal | None) -> str:
    if value is None:
        return ""
    text = f"{value:,.2f}" if isinstance(value, Decimal) else display(value)
    return f"+{text}" if value > 0 else text


def _money(value: Decimal | None) -> str:
    return "" if value is None else f"{value:,.2f}"


def _lot(row: VarianceRow) -> str:
    return " ".join(x for x in (row.lot, row.serial) if x)


def fill_variances(table: QTableWidget, rows: Sequence[VarianceRow]) -> None:
    """Each line's variance (counted - expected) and its value; losses red, gains green."""
    fill(table, rows, (
        lambda r: r.location, lambda r: r.sku, lambda r: r.name, _lot,
        lambda r: r.expected, lambda r: r.counted, lambda r: _signed(r.variance),
        lambda r: _money(r.unit_cost), lambda r: _signed(r.value_impact)),
        numeric=(4, 5, 6, 7, 8), coloured=(6, 8), colour=_variance_colour)


def _variance_colour(row: VarianceRow) -> QColor | None:
    return LOSS_COLOUR if row.variance < 0 else GAIN_COLOUR if row.variance > 0 else None


def variance_totals(rows: Sequence[VarianceRow]) -> tuple[int, int, Decimal]:
    """(lines that differ, net units, net value) of a variance list."""
    differ = [r for r in rows if r.variance]
    value = sum((r.value_impact or Decimal(0) for r in differ), Decimal(0))
    return len(differ), sum(r.variance for r in differ), value
