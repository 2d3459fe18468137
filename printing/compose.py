"""Template + data -> pages of placed items, computed once for every renderer: text wrapped,
barcodes encoded and sized in whole printer dots with their quiet zones."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from models.errors import InputError
from printing.barcodes.symbol import Symbol, encode
from printing.layout import Area, Barcode, Box, Element, Image, Layout, Line, Table, Text
from printing.variables import fill
from printing.wrapping import wrap

HRI_SIZE = 2.6  # mm: the interpretation line under 1D barcodes, readable at arm's length
HRI_GAP = 0.6
LINE_SPACING = 1.15


@dataclass(frozen=True)
class PlacedText(Area):
    """Lines of text in a box (mm); lines are LINE_SPACING * size apart."""

    lines: tuple[str, ...]
    size: float
    bold: bool
    align: str
    rotation: int


@dataclass(frozen=True)
class PlacedBarcode:
    """A symbol on the printer's dot grid: x/y of the first module (quiet zone left of it),
    module and bar height in dots at `dpi`."""

    symbol: Symbol
    x: int
    y: int
    module: int
    height: int
    dpi: int


@dataclass(frozen=True)
class PlacedRect(Area):
    """A rectangle (mm); filled when the thickness covers it."""

    thickness: float

    @property
    def filled(self) -> bool:
        """True when drawn as a solid block."""
        return self.thickness * 2 >= min(self.w, self.h)


@dataclass(frozen=True)
class PlacedImage(Area):
    """A picture file scaled into a box (mm)."""

    source: str


Placed = PlacedText | PlacedBarcode | PlacedRect | PlacedImage


@dataclass(frozen=True)
class Page:
    """One label or one document page."""

    width: float
    height: float
    items: tuple[Placed, ...]


def dots(mm: float, dpi: int) -> int:
    """Millimetres to whole printer dots."""
    return round(mm * dpi / 25.4)


def place_text(element: Text, data: dict[str, Any]) -> PlacedText | None:
    """The text element wrapped to its box, or None when it comes out empty."""
    text = fill(element.text, data)
    if not text.strip():
        return None
    width = element.h if element.rotation in (90, 270) else element.w
    lines = wrap(text, width, element.size, element.bold, element.max_lines)
    return PlacedText(element.x, element.y, element.w, element.h, tuple(lines), element.size,
                      element.bold, element.align, element.rotation)


def place_barcode(element: Barcode, data: dict[str, Any], dpi: int) -> list[Placed]:
    """The barcode on whole dots, its quiet zones inside the box, plus its HRI line."""
    value = fill(element.data, data)
    symbol = encode(element.symbology, value)
    box_w, box_h = dots(element.w, dpi), dots(element.h, dpi)
    wanted = max(1, dots(element.module, dpi))
    module = min(wanted, box_w // symbol.width_modules)
    if symbol.linear:
        hri_h = dots(HRI_SIZE * LINE_SPACING + HRI_GAP, dpi) if element.hri else 0
        height = box_h - hri_h
    else:
        module = min(module, box_h // symbol.width_modules)
        height = module * len(symbol.rows)
    if module < 1 or height < dots(3, dpi):
        raise InputError(f"The barcode '{symbol.human}' does not fit its {element.w} x "
                         f"{element.h} mm box; shorten the data or enlarge the box.")
    total = module * symbol.width_modules
    left = dots(element.x, dpi) + {"left": 0, "center": (box_w - total) // 2,
                                    "right": box_w - total}[element.align]
    y = dots(element.y, dpi)
    if not symbol.linear:
        y += module * symbol.quiet[0]
    placed: list[Placed] = [PlacedBarcode(symbol, left + module * symbol.quiet[0], y, module,
                                          height, dpi)]
    if symbol.linear and element.hri:
        mm_per_dot = 25.4 / dpi
        placed.append(PlacedText(left * mm_per_dot, (y + height) * mm_per_dot + HRI_GAP,
                                 total * mm_per_dot, HRI_SIZE * LINE_SPACING,
                                 (symbol.human,), HRI_SIZE, False, "center", 0))
    return placed


def place(element: Element, data: dict[str, Any], dpi: int, dy: float = 0.0) -> list[Placed]:
    """Placed items of one layout element (moved down by dy mm)."""
    if element.when and not _wanted(element.when, data):
        return []
    if dy:
        element = _moved(element, dy)
    if isinstance(element, Text):
        text = place_text(element, data)
        return [text] if text else []
    if isinstance(element, Barcode):
        return place_barcode(element, data, dpi)
    if isinstance(element, Box):
        return [PlacedRect(element.x, element.y, element.w, element.h, element.thickness)]
    if isinstance(element, Line):
        w, h = ((element.thickness, element.length) if element.vertical
                else (element.length, element.thickness))
        return [PlacedRect(element.x, element.y, w, h, element.thickness)]
    if isinstance(element, Image):
        return [PlacedImage(element.x, element.y, element.w, element.h, element.source)]
    raise InputError(f"Cannot place {element!r}.")


def _wanted(condition: str, data: dict[str, Any]) -> bool:
    """`name`: drawn when the variable has a value; `!name`: when it has none."""
    if condition.startswith("!"):
        return not data.get(condition[1:])
    return bool(data.get(condition))


def _moved(element: Element, dy: float) -> Element:
    return replace(element, y=element.y + dy)


def compose(layout: Layout, data: dict[str, Any], dpi: int) -> list[Page]:
    """The pages of the layout filled with the data."""
    if layout.table is None:
        items = [p for e in layout.elements for p in place(e, data, dpi)]
        return [Page(layout.width, layout.height, tuple(items))]
    from printing.document import compose_document  # document.py builds on this module

    return compose_document(layout, layout.table, data, dpi)


def table_rows(table: Table, data: dict[str, Any]) -> list[dict[str, Any]]:
    """The rows a table repeats."""
    rows = data.get(table.rows) or []
    if not isinstance(rows, list):
        raise InputError(f"{table.rows} must be a list of rows.")
    return rows


@dataclass(frozen=True)
class LineBox:
    """One line of a text item: its bounding box on the page (mm) and the width it is aligned
    in (the box width, or its height when turned by 90/270 degrees)."""

    text: str
    x: float
    y: float
    span: float
    pitch: float


def line_boxes(item: PlacedText) -> list[LineBox]:
    """Where each line goes; lines stack the way the text is turned."""
    pitch = item.size * LINE_SPACING
    boxes = []
    for index, line in enumerate(item.lines):
        if item.rotation == 0:
            x, y, span = item.x, item.y + index * pitch, item.w
        elif item.rotation == 90:  # reads top to bottom; first line on the right
            x, y, span = item.x + item.w - (index + 1) * pitch, item.y, item.h
        elif item.rotation == 180:
            x, y, span = item.x, item.y + item.h - (index + 1) * pitch, item.w
        else:  # 270: reads bottom to top; first line on the left
            x, y, span = item.x + index * pitch, item.y, item.h
        boxes.append(LineBox(line, x, y, span, pitch))
    return boxes
