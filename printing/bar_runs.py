"""A barcode as rectangles in printer dots: one per bar (1D) or per horizontal run of dark
modules (2D). Renderers that draw shapes (PNG, PDF) use these, not images."""

from __future__ import annotations

from functools import lru_cache

from printing.barcodes.symbol import Symbol
from printing.compose import PlacedBarcode


@lru_cache(maxsize=4096)
def _runs(cells: tuple[bool, ...]) -> tuple[tuple[int, int], ...]:
    runs, start = [], None
    for index, dark in enumerate((*cells, False)):
        if dark and start is None:
            start = index
        elif not dark and start is not None:
            runs.append((start, index - start))
            start = None
    return tuple(runs)


def symbol_runs(symbol: Symbol) -> list[tuple[int, int, int]]:
    """(row, first module, length) of each dark run; 1D symbols have one row."""
    if symbol.linear:
        return [(0, start, length) for start, length in _runs(symbol.bars)]
    return [(row, start, length) for row, cells in enumerate(symbol.rows)
            for start, length in _runs(cells)]


def bar_rects(item: PlacedBarcode) -> list[tuple[int, int, int, int]]:
    """(x, y, w, h) in dots of every dark rectangle of the placed barcode."""
    m = item.module
    if item.symbol.linear:
        return [(item.x + start * m, item.y, length * m, item.height)
                for _, start, length in symbol_runs(item.symbol)]
    return [(item.x + start * m, item.y + row * m, length * m, m)
            for row, start, length in symbol_runs(item.symbol)]
