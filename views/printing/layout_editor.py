"""A simple editor of a template's field positions and sizes: x, y, width, height and font
size in millimetres for each element, edited in a table; the JSON body follows each edit."""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QTableWidget, QTableWidgetItem, QWidget

#: Editable keys of an element, in column order after the element's description.
KEYS = ("x", "y", "w", "h", "size")


class LayoutEditor(QTableWidget):
    """One row per element; `changed(body)` carries the edited template JSON."""

    changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._template: dict[str, Any] = {}
        self._filling = False
        self.setColumnCount(1 + len(KEYS))
        self.setHorizontalHeaderLabels([self.tr("Element"), self.tr("X"), self.tr("Y"),
                                        self.tr("Width"), self.tr("Height"),
                                        self.tr("Font")])
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.horizontalHeader().setStretchLastSection(False)
        self.setColumnWidth(0, 200)
        for column in range(1, 1 + len(KEYS)):
            self.setColumnWidth(column, 72)
        self.itemChanged.connect(self._edited)

    def show_template(self, body: str) -> None:
        """Show the elements of the template JSON `body`."""
        self._template = json.loads(body)
        self._filling = True
        elements = self._template.get("elements", [])
        self.setRowCount(len(elements))
        for row, element in enumerate(elements):
            name = QTableWidgetItem(_describe(element))
            name.setFlags(name.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.setItem(row, 0, name)
            for column, key in enumerate(KEYS, start=1):
                present = _key(element, key) in element
                item = QTableWidgetItem(_number(element.get(_key(element, key))) if present
                                        else "")
                if not present:
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.setItem(row, column, item)
        self._filling = False

    def body(self) -> str:
        """The template JSON as edited."""
        return json.dumps(self._template, ensure_ascii=False, indent=2)

    def _edited(self, item: QTableWidgetItem) -> None:
        if self._filling or item.column() == 0:
            return
        element = self._template["elements"][item.row()]
        key = _key(element, KEYS[item.column() - 1])
        try:
            value = float(item.text().replace(",", "."))
        except ValueError:
            value = -1.0
        if value < 0 or value > 2000:
            self._filling = True
            item.setText(_number(element.get(key)))  # not a size in mm: put it back
            self._filling = False
            return
        element[key] = round(value, 2)
        self.changed.emit(self.body())


def _key(element: dict[str, Any], key: str) -> str:
    """A line has a length where boxes have a width (or height, when vertical)."""
    if element.get("type") == "line" and key in ("w", "h"):
        wanted = "h" if element.get("vertical") else "w"
        return "length" if key == wanted else "-"
    return key


def _number(value: Any) -> str:
    return f"{float(value):g}" if isinstance(value, int | float) else ""


def _describe(element: dict[str, Any]) -> str:
    kind = str(element.get("type", "?"))
    what = element.get("text") or element.get("data") or element.get("symbology") or ""
    if kind == "barcode":
        what = f"{element.get('symbology', '')} {element.get('data', '')}"
    return f"{kind}: {what}".strip().rstrip(":")[:60]
