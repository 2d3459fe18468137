"""The data of the labels to print: one column per template variable, one row per label.
Prefilled with the template's sample; rows can be added, filled from a product or location,
or loaded from a JSON or CSV file."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QAbstractItemView, QTableWidget, QTableWidgetItem, QWidget

from models.errors import InputError


class DataTable(QTableWidget):
    """Rows of label data; `edited` fires when a value changes, `current` is the previewed
    row."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._names: list[str] = []
        self._filling = False
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setAlternatingRowColors(True)
        self.itemChanged.connect(self._changed)

    def set_variables(self, names: list[str], rows: list[dict[str, Any]]) -> None:
        """Columns for `names`, filled with `rows`."""
        self._names = list(names)
        self.setColumnCount(len(names))
        self.setHorizontalHeaderLabels(names)
        self.set_rows(rows)

    def set_rows(self, rows: list[dict[str, Any]]) -> None:
        """Replace every row."""
        self._filling = True
        self.setRowCount(0)
        for row in rows:
            self._append(row)
        self._filling = False
        if rows:
            self.selectRow(0)
        self.edited.emit()

    def add_row(self, values: dict[str, Any] | None = None) -> None:
        """Add a row (a copy of the current one when no values are given)."""
        self._filling = True
        self._append(values if values is not None else self.row_values(self.current_row()))
        self._filling = False
        self.selectRow(self.rowCount() - 1)
        self.edited.emit()

    def fill_current(self, values: dict[str, Any]) -> None:
        """Put the values this template names into the current row (others are ignored)."""
        row = self.current_row()
        if self.rowCount() == 0:
            self.add_row({})
            row = 0
        for column, name in enumerate(self._names):
            if name in values and values[name] not in (None, ""):
                self.setItem(row, column, QTableWidgetItem(_text(values[name])))

    def remove_current(self) -> None:
        """Remove the current row (the last one stays)."""
        if self.rowCount() > 1:
            self.removeRow(self.current_row())
            self.edited.emit()

    def current_row(self) -> int:
        """The previewed row."""
        return max(self.currentRow(), 0)

    def row_values(self, row: int) -> dict[str, Any]:
        """One row as data, empty cells left out (optional variables)."""
        values: dict[str, Any] = {}
        for column, name in enumerate(self._names):
            item = self.item(row, column)
            text = item.text().strip() if item is not None else ""
            if text:
                values[name] = _value(text)
        return values

    def rows(self) -> list[dict[str, Any]]:
        """Every row as data."""
        return [self.row_values(row) for row in range(self.rowCount())]

    def _append(self, values: dict[str, Any]) -> None:
        row = self.rowCount()
        self.insertRow(row)
        for column, name in enumerate(self._names):
            self.setItem(row, column, QTableWidgetItem(_text(values.get(name, ""))))

    def _changed(self, _item: QTableWidgetItem) -> None:
        if not self._filling:
            self.edited.emit()


def _text(value: Any) -> str:
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return "" if value is None else str(value)


def _value(text: str) -> Any:
    """Cell text as data: JSON lists and objects (item lines of a waybill) stay structured."""
    if text[:1] in "[{":
        try:
            return json.loads(text)
        except ValueError:
            return text
    return text


def read_rows(path: Path) -> list[dict[str, Any]]:
    """Rows from a JSON file (a list of objects, or one object) or a CSV file with a header."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeError) as exc:
        raise InputError(f"{path.name} cannot be read: {exc}") from None
    if path.suffix.lower() == ".csv":
        return [dict(row) for row in csv.DictReader(io.StringIO(text))]
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise InputError(f"{path.name} is not valid JSON: {exc}") from None
    rows = data if isinstance(data, list) else [data]
    if not all(isinstance(row, dict) for row in rows):
        raise InputError(f"{path.name} must hold an object or a list of objects.")
    return rows
