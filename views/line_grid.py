"""An order's lines as a grid to type into, shared by the purchase and sales order editors:
the first column is the SKU (looked up as it is typed), Add line (Ctrl+L) starts a line in
it, and the editor reads the cells back as text."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

SKU = 0
_ROW_DATA = Qt.ItemDataRole.UserRole


class LineGrid(QTableWidget):
    """Columns titled `titles`; only `editable` ones take typing, `passive` ones are skipped
    by the Tab key (the lookup fills them), `numeric` ones are right-aligned. Each row may
    carry a value the user does not see (the stored line's id or reference)."""

    #: The user changed a cell, or added or removed a line.
    edited = Signal()
    #: A SKU was typed into line `row`: the page looks the product up.
    sku_entered = Signal(int, str)

    def __init__(self, form: QWidget, titles: Sequence[str], *, editable: Sequence[int],
                 numeric: Sequence[int], stretch: int, widths: Mapping[int, int],
                 passive: Sequence[int] = ()) -> None:
        super().__init__(0, len(titles), form)
        self._editable, self._numeric, self._passive = set(editable), set(numeric), set(passive)
        self.setObjectName("lines")
        self.setHorizontalHeaderLabels(list(titles))
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        self.verticalHeader().hide()
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setMinimumHeight(160)
        for column, width in widths.items():
            self.setColumnWidth(column, width)
        self.itemChanged.connect(self._changed)
        self.add_button = QPushButton(self.tr("Add line"), form)
        self.add_button.setObjectName("add_line")
        self.add_button.setToolTip("Ctrl+L")
        self.add_button.clicked.connect(lambda: self.add_row({}))
        QShortcut(QKeySequence("Ctrl+L"), form, activated=self.add_button.click,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.remove_button = QPushButton(self.tr("Remove line"), form)
        self.remove_button.setObjectName("remove_line")
        self.remove_button.clicked.connect(self._remove_current)

    def buttons(self) -> QHBoxLayout:
        """Add line and Remove line, for under the grid."""
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        row.addStretch(1)
        return row

    def set_editable(self, editable: bool) -> None:
        """Let the user type, add and remove lines, or only look."""
        self.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers if editable
                             else QAbstractItemView.EditTrigger.NoEditTriggers)
        for button in (self.add_button, self.remove_button):
            button.setEnabled(editable)

    def clear_rows(self) -> None:
        """No lines (without telling anyone: a record is being shown)."""
        self.setRowCount(0)

    def add_row(self, texts: Mapping[int, str], data: Any = None, *,
                focus: bool = True) -> int:
        """Append a line of these cell texts carrying `data`; with `focus` the user types its
        SKU next. Returns its row."""
        row = self.rowCount()
        self.blockSignals(True)
        self.insertRow(row)
        for column in range(self.columnCount()):
            item = QTableWidgetItem(texts.get(column, ""))
            if column in self._passive:
                item.setFlags(Qt.ItemFlag.NoItemFlags)
            elif column not in self._editable:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            if column in self._numeric:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                      | Qt.AlignmentFlag.AlignVCenter)
            self.setItem(row, column, item)
        self.item(row, SKU).setData(_ROW_DATA, data)
        self.blockSignals(False)
        if focus:
            self.setFocus()
            self.setCurrentCell(row, SKU)
            self.editItem(self.item(row, SKU))
            self.edited.emit()
        return row

    def text(self, row: int, column: int) -> str:
        """A cell's text, trimmed."""
        item = self.item(row, column)
        return item.text().strip() if item is not None else ""

    def data_of(self, row: int) -> Any:
        """The value line `row` carries."""
        item = self.item(row, SKU)
        return item.data(_ROW_DATA) if item is not None else None

    def set_cell(self, row: int, column: int, text: str, *, color: Any = None,
                 tip: str | None = None) -> None:
        """Show `text` (in `color`, with a tooltip) in a cell of line `row`, if there still
        is one, without it counting as the user's edit."""
        if row >= self.rowCount():
            return
        item = self.item(row, column)
        self.blockSignals(True)
        if item.text() != text:
            item.setText(text)
        if color is not None:
            item.setForeground(color)
        if tip is not None:
            item.setToolTip(tip)
        self.blockSignals(False)

    def commit(self) -> None:
        """Finish the cell being typed (Ctrl+S while typing: moving off the cell commits it)."""
        if self.state() == QAbstractItemView.State.EditingState:
            self.setCurrentIndex(QModelIndex())

    def _changed(self, item: QTableWidgetItem) -> None:
        self.edited.emit()
        if item.column() == SKU and item.text().strip():
            self.sku_entered.emit(item.row(), item.text().strip())

    def _remove_current(self) -> None:
        row = self.currentRow()
        if row >= 0:
            self.removeRow(row)
            self.edited.emit()
