"""The layout model, in millimetres from the top-left corner: text, barcode, box, line, image
and (on A4 documents) a table of repeated rows. Built from a template's JSON."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from models.errors import InputError
from printing.barcodes.symbol import SYMBOLOGIES

ALIGNMENTS = ("left", "center", "right")
ROTATIONS = (0, 90, 180, 270)


@dataclass(frozen=True)
class Area:
    """A box on the page: left, top, width, height in mm."""

    x: float
    y: float
    w: float
    h: float


@dataclass(frozen=True)
class Text(Area):
    """Text in a box; wrapped to the box width, at most max_lines lines."""

    text: str
    size: float = 3.0  # em height in mm
    bold: bool = False
    align: str = "left"
    rotation: int = 0
    max_lines: int = 1
    when: str | None = None


@dataclass(frozen=True)
class Barcode(Area):
    """A barcode placed in a box: module width rounded to whole printer dots."""

    data: str
    symbology: str = "code128"
    module: float = 0.33  # wanted module (narrow bar) width in mm
    hri: bool = True  # print the human-readable line under a 1D symbol
    align: str = "left"
    when: str | None = None


@dataclass(frozen=True)
class Box(Area):
    """A rectangle outline (or filled when thickness >= the smaller side)."""

    thickness: float = 0.3
    when: str | None = None


@dataclass(frozen=True)
class Line:
    """A horizontal or vertical line."""

    x: float
    y: float
    length: float
    vertical: bool = False
    thickness: float = 0.3
    when: str | None = None


@dataclass(frozen=True)
class Image(Area):
    """A monochrome picture from resources/labels/images/ scaled into its box."""

    source: str
    when: str | None = None


@dataclass(frozen=True)
class Column:
    """One column of a table: heading, cell text with {field} placeholders, width."""

    title: str
    text: str
    w: float
    align: str = "left"


@dataclass(frozen=True)
class Table:
    """Rows of a list variable, one line each, continued on following pages."""

    x: float
    y: float
    rows: str  # the list variable
    columns: tuple[Column, ...]
    row_height: float = 6.0
    size: float = 3.0
    continue_y: float = 20.0  # where rows start on the following pages
    bottom: float = 280.0  # no row below this


Element = Text | Barcode | Box | Line | Image


@dataclass(frozen=True)
class Layout:
    """The page size and everything drawn on it."""

    width: float
    height: float
    elements: tuple[Element, ...]
    table: Table | None = None
    # Documents: elements drawn once after the last row (totals, signatures)
    after_table: tuple[Element, ...] = field(default=())


_KINDS: dict[str, type] = {"text": Text, "barcode": Barcode, "box": Box, "line": Line,
                           "image": Image}


def element_from_json(raw: dict[str, Any]) -> Element:
    """One element from its JSON object; raises InputError naming what is wrong."""
    values = dict(raw)
    kind = values.pop("type", None)
    if kind not in _KINDS:
        raise InputError(f"Unknown layout element type '{kind}'; use one of "
                         f"{', '.join(_KINDS)}.")
    try:
        element = _KINDS[kind](**values)
    except TypeError as exc:
        raise InputError(f"Layout element {raw}: {exc}") from None
    _check(element)
    return element


def _check(element: Element) -> None:
    if isinstance(element, Text | Barcode) and element.align not in ALIGNMENTS:
        raise InputError(f"Alignment '{element.align}' is not one of {ALIGNMENTS}.")
    if isinstance(element, Text) and element.rotation not in ROTATIONS:
        raise InputError(f"Rotation {element.rotation} is not one of {ROTATIONS}.")
    if isinstance(element, Barcode) and element.symbology not in SYMBOLOGIES:
        raise InputError(f"Unknown barcode type '{element.symbology}'; use one of "
                         f"{', '.join(SYMBOLOGIES)}.")


def table_from_json(raw: dict[str, Any]) -> Table:
    """The table of a document from its JSON object."""
    values = dict(raw)
    try:
        values["columns"] = tuple(Column(**column) for column in values["columns"])
        return Table(**values)
    except (KeyError, TypeError) as exc:
        raise InputError(f"Table {raw}: {exc}") from None


def layout_from_json(raw: dict[str, Any]) -> Layout:
    """The layout part of a template (width_mm, height_mm, elements, table, after_table)."""
    try:
        width, height = float(raw["width_mm"]), float(raw["height_mm"])
    except (KeyError, TypeError, ValueError):
        raise InputError("A template needs width_mm and height_mm.") from None
    table = table_from_json(raw["table"]) if raw.get("table") else None
    return Layout(width, height,
                  tuple(element_from_json(e) for e in raw.get("elements", [])), table,
                  tuple(element_from_json(e) for e in raw.get("after_table", [])))
