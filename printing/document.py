"""A4 documents: a table of repeated rows that continues over as many pages as it needs, the
page header band repeated on each page, closing elements after the last row."""

from __future__ import annotations

from typing import Any

from printing.compose import LINE_SPACING, Page, Placed, PlacedRect, place, table_rows
from printing.layout import Element, Layout, Table, Text

RULE = 0.15  # mm: the line under each row
AFTER_GAP = 4.0


def _row_items(table: Table, y: float, cells: dict[str, Any], bold: bool,
               dpi: int, titles: bool) -> list[Placed]:
    items: list[Placed] = []
    x = table.x
    for column in table.columns:
        text = column.title if titles else column.text
        # Cells stay on one line: a row is one line of the table, like a printed form.
        cell = Text(x + 0.8, y + (table.row_height - table.size * LINE_SPACING) / 2,
                    column.w - 1.6, table.row_height, text, table.size, bold, column.align)
        items.extend(place(cell, cells, dpi))
        x += column.w
    width = sum(column.w for column in table.columns)
    thickness = RULE * (3 if titles else 1)
    items.append(PlacedRect(table.x, y + table.row_height - thickness, width, thickness,
                            thickness))
    return items


def _band(elements: tuple[Element, ...], table: Table) -> tuple[Element, ...]:
    """Elements repeated on every page: those above where continued rows start."""
    return tuple(e for e in elements if e.y < table.continue_y)


def _after_height(after: tuple[Element, ...]) -> float:
    bottoms = [e.y + getattr(e, "h", getattr(e, "thickness", 0.0)) for e in after]
    return max(bottoms, default=0.0)


def _plan(layout: Layout, table: Table, count: int) -> tuple[list[list[int]], bool]:
    """Row indexes per page, and whether the closing elements need a page of their own."""
    pages: list[list[int]] = [[]]
    y = table.y + table.row_height  # below the column titles
    for index in range(count):
        if y + table.row_height > table.bottom:
            pages.append([])
            y = table.continue_y + table.row_height
        pages[-1].append(index)
        y += table.row_height
    extra = y + AFTER_GAP + _after_height(layout.after_table) > table.bottom
    return pages, extra


def compose_document(layout: Layout, table: Table, data: dict[str, Any], dpi: int) -> list[Page]:
    """Every page of the document."""
    rows = table_rows(table, data)
    plan, extra_page = _plan(layout, table, len(rows))
    total = len(plan) + (1 if extra_page and layout.after_table else 0)
    band = _band(layout.elements, table)
    pages = []
    for number in range(1, total + 1):
        page_data = {**data, "page": number, "pages": total}
        elements = layout.elements if number == 1 else band
        items = [p for e in elements for p in place(e, page_data, dpi)]
        y = table.y if number == 1 else table.continue_y
        indexes = plan[number - 1] if number <= len(plan) else []
        if indexes or number == 1:
            items.extend(_row_items(table, y, page_data, True, dpi, titles=True))
            y += table.row_height
        for index in indexes:
            cells = {**page_data, "n": index + 1, **rows[index]}  # a row may number itself
            items.extend(_row_items(table, y, cells, False, dpi, titles=False))
            y += table.row_height
        if number == total:
            dy = y + AFTER_GAP
            items.extend(p for e in layout.after_table for p in place(e, page_data, dpi, dy))
        pages.append(Page(layout.width, layout.height, tuple(items)))
    return pages
