"""A browser page: filter fields over a lazily fetched table, with the row count beside the
title. The stock browser and the move history are two of these."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.runner import Op
from app.workspace import Workspace
from models.ledger.browse import COUNT_UP_TO, PAGE_SIZE, BrowseFilter
from views.filter_bar import FilterBar
from views.lazy_table import Column, LazyTableModel

FIT_ROWS = 40


class BrowserPage(QWidget):
    """Rows from `load_page(filter, after)` ops, counted by `count(filter)` ops; reloaded when
    a change touches one of the `watches` areas."""

    def __init__(self, workspace: Workspace, *, title: str,
                 fields: Sequence[tuple[str, str]], columns: Sequence[Column[Any]],
                 key_of: Callable[[Any], Any],
                 load_page: Callable[[BrowseFilter, Any], Op[list[Any]]],
                 count: Callable[[BrowseFilter], Op[int]], watches: Iterable[str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._load_page, self._count = load_page, count
        self._watches = frozenset(watches)
        self._stale = False

        heading = QLabel(title, self)
        heading.setObjectName("PageTitle")
        self.row_count = QLabel(self)
        self.row_count.setObjectName("RowCount")
        self.message = QLabel(self)
        self.message.setProperty("tone", "error")
        self.message.setWordWrap(True)
        self.message.hide()
        self.filters = FilterBar(fields, self)
        self.filters.changed.connect(self._apply_filter)

        self.model: LazyTableModel[Any] = LazyTableModel(
            workspace.runner, columns, key_of=key_of, page_size=PAGE_SIZE, parent=self)
        self.model.loading.connect(self._loading)
        self.model.counted.connect(self._counted)
        self.model.failed.connect(self._failed)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(26)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # Size columns to the first rows only: measuring a whole page costs a fifth of a second.
        header.setResizeContentsPrecision(FIT_ROWS)
        self._sized = False

        top = QHBoxLayout()
        top.addWidget(heading)
        top.addStretch(1)
        top.addWidget(self.row_count, 0, Qt.AlignmentFlag.AlignBottom)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(10)
        layout.addLayout(top)
        layout.addWidget(self.filters)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        workspace.runner.changed.connect(self._data_changed)
        self._apply_filter()

    # --- what the main window's shortcuts call ---------------------------------------------

    def refresh(self) -> None:
        """Load the rows again (F5)."""
        self._stale = False
        self.model.reload()

    def focus_filter(self) -> None:
        """Go to the first filter field (Ctrl+F)."""
        self.filters.focus_first()

    def show_filter(self, **values: str) -> None:
        """Show the rows matching these filter values (from another page)."""
        self.filters.set_values(**values)

    def current_filter(self) -> BrowseFilter:
        """The filter the fields describe."""
        return BrowseFilter(**self.filters.values())

    # --- internals -------------------------------------------------------------------------

    def _apply_filter(self) -> None:
        flt = self.current_filter()
        self.message.hide()
        self.model.load(lambda after: self._load_page(flt, after), lambda: self._count(flt))

    def _loading(self, busy: bool) -> None:
        first_page = self.model.rowCount() == 0
        if busy and first_page:
            self.row_count.setText(self.tr("Loading…"))
        elif not busy and not first_page and not self._sized:
            self._sized = True
            self._fit_columns()
        if not busy and self.row_count.text() == self.tr("Loading…"):
            self.row_count.setText(self.tr("Counting…"))

    def _fit_columns(self) -> None:
        self.table.resizeColumnsToContents()
        for column in range(self.model.columnCount()):
            width = self.table.columnWidth(column)
            self.table.setColumnWidth(column, min(max(width + 16, 70), 320))

    def _counted(self, total: int) -> None:
        if total == 0:
            self.row_count.setText(self.tr("No rows match"))
        elif total > COUNT_UP_TO:
            self.row_count.setText(self.tr("More than {count} rows").format(
                count=QLocale().toString(COUNT_UP_TO)))
        else:
            self.row_count.setText(self.tr("Rows: {count}").format(
                count=QLocale().toString(total)))

    def _failed(self, message: str) -> None:
        self.row_count.clear()
        self.message.setText(message)
        self.message.show()

    def _data_changed(self, areas: frozenset[str]) -> None:
        if not areas & self._watches:
            return
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        """Catch up with changes made while another page was shown."""
        super().showEvent(event)
        if self._stale:
            self.refresh()

