"""A table model whose rows arrive a page at a time from background ops as the view scrolls
(Qt's canFetchMore/fetchMore), shared by the stock browser, the move history and the
master-data lists. The total is counted separately, after the first page is on screen."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor

from app.error_display import error_text
from app.runner import Op, Runner, Ticket
from models.figures import plain

R = TypeVar("R")
Index = QModelIndex | QPersistentModelIndex

TONES = {"error": QColor("#c62828"), "warn": QColor("#b26a00"), "muted": QColor("#7b8794")}


@dataclass(frozen=True)
class Column(Generic[R]):
    """One column: its title (source text in the "Columns" translation context) and how a
    row's value is read; numbers are right-aligned, a tone colours the text."""

    title: str
    value: Callable[[R], Any]
    numeric: bool = False
    tone: Callable[[R], str | None] | None = None


def display(value: Any) -> str:
    """A value as a table cell shows it: grouped numbers, ISO dates, local times."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "✓" if value else ""
    if isinstance(value, int):
        return QLocale().toString(value)
    if isinstance(value, Decimal):
        return plain(value)
    if isinstance(value, datetime):
        return value.astimezone().strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


class LazyTableModel(QAbstractTableModel, Generic[R]):
    """Rows fetched in pages by `load_page(after_key)` ops; `count()` ops give the total."""

    #: True while a page is being fetched.
    loading = Signal(bool)
    #: The number of rows the source holds, once counted.
    counted = Signal(int)
    #: A page could not be loaded; the message to show.
    failed = Signal(str)

    def __init__(self, runner: Runner, columns: Sequence[Column[R]], *,
                 key_of: Callable[[R], Any], page_size: int,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._columns = list(columns)
        self._key_of = key_of
        self._page_size = page_size
        self._rows: list[R] = []
        self._load_page: Callable[[Any], Op[list[R]]] | None = None
        self._count: Callable[[], Op[int]] | None = None
        self._fetching: Ticket | None = None
        self._exhausted = True

    # --- loading ---------------------------------------------------------------------------

    def load(self, load_page: Callable[[Any], Op[list[R]]],
             count: Callable[[], Op[int]] | None = None) -> None:
        """Show a new source (a new filter): forget the rows and fetch the first page."""
        self._load_page, self._count = load_page, count
        self.reload()

    def reload(self) -> None:
        """Fetch the source again from its first page (after a change, or F5)."""
        self.beginResetModel()
        self._rows = []
        self._exhausted = self._load_page is None
        self.endResetModel()
        self._fetching = None
        self._fetch(None)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        """Qt asks before it scrolls to the end: more rows exist and none are on their way."""
        return not parent.isValid() and not self._exhausted and self._fetching is None

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        """Qt asks for more rows: fetch the page after the last row, in the background."""
        if self.canFetchMore(parent) and self._rows:
            self._fetch(self._key_of(self._rows[-1]))

    def _fetch(self, after: Any) -> None:
        if self._load_page is None:
            return
        first = after is None
        self.loading.emit(True)
        self._fetching = (
            self._load_page(after)
            .success(lambda rows: self._arrived(rows, first))
            .failure(self._failed)
            .run_in_background(self._runner, parent=self, key=("page", id(self))))

    def _arrived(self, rows: list[R], first: bool) -> None:
        self._fetching = None
        self._exhausted = len(rows) < self._page_size
        if rows:
            start = len(self._rows)
            self.beginInsertRows(QModelIndex(), start, start + len(rows) - 1)
            self._rows.extend(rows)
            self.endInsertRows()
        self.loading.emit(False)
        if first:
            self._count_rows()

    def _count_rows(self) -> None:
        if self._exhausted or self._count is None:
            self.counted.emit(len(self._rows))
            return
        self._count().success(self.counted.emit).failure(self._failed).run_in_background(
            self._runner, parent=self, key=("count", id(self)))

    def _failed(self, error: BaseException) -> None:
        self._fetching = None
        self._exhausted = True
        self.loading.emit(False)
        self.failed.emit(error_text(error))

    # --- reading ---------------------------------------------------------------------------

    def row_at(self, row: int) -> R:
        """The row object shown on line `row`."""
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """Rows fetched so far."""
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """Columns of the table."""
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Translated column titles."""
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self._columns):
            return None
        column = self._columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("Columns", column.title)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.numeric:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """A cell's text, alignment and colour."""
        if not index.isValid():
            return None
        row, column = self._rows[index.row()], self._columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return display(column.value(row))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            align = Qt.AlignmentFlag
            return (align.AlignRight if column.numeric else align.AlignLeft) | align.AlignVCenter
        if role == Qt.ItemDataRole.ForegroundRole and column.tone is not None:
            tone = column.tone(row)
            return TONES.get(tone) if tone else None
        return None
