"""What a warehouse worker would notice on a printed label: barcodes with their quiet zones
on the label, modules on whole printer dots, no text printed over a barcode or other text,
no text too small to read."""

from __future__ import annotations

import pytest

from printing.compose import PlacedBarcode, PlacedText, dots, line_boxes
from printing.fonts import text_width
from printing.render import pages_of
from printing.templates import list_templates, load_template

CASES = [(info.name, dpi) for info in list_templates() for dpi in (203, 300)]
MIN_TEXT_MM = 2.5  # about 7 pt: the smallest text a picker reads at arm's length


def _barcode_area(item: PlacedBarcode) -> tuple[int, int, int, int]:
    """x0, y0, x1, y1 in dots, quiet zones included."""
    symbol, m = item.symbol, item.module
    left, right = symbol.quiet
    if symbol.linear:
        return (item.x - left * m, item.y, item.x + (len(symbol.bars) + right) * m,
                item.y + item.height)
    size = len(symbol.rows) * m
    return (item.x - left * m, item.y - left * m, item.x + size + right * m,
            item.y + size + right * m)


def _text_areas(item: PlacedText, dpi: int) -> list[tuple[int, int, int, int]]:
    """The inked extent of each line (its real width where it is aligned), in dots."""
    areas = []
    for box in line_boxes(item):
        width = text_width(box.text, item.size, item.bold)
        start = {"left": 0.0, "center": (box.span - width) / 2,
                 "right": box.span - width}[item.align]
        if item.rotation in (0, 180):
            x0, y0, x1, y1 = box.x + start, box.y, box.x + start + width, box.y + box.pitch
        else:
            x0, y0, x1, y1 = box.x, box.y + start, box.x + box.pitch, box.y + start + width
        areas.append((dots(x0, dpi), dots(y0, dpi), dots(x1, dpi), dots(y1, dpi)))
    return areas


def _overlap(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@pytest.mark.parametrize(("name", "dpi"), CASES)
def test_barcodes_keep_their_quiet_zones_on_the_label(name, dpi):
    template = load_template(name)
    for page in pages_of(template, template.sample, dpi):
        for item in page.items:
            if isinstance(item, PlacedBarcode):
                x0, y0, x1, y1 = _barcode_area(item)
                assert x0 >= 0 and y0 >= 0, (name, item.symbol.human)
                assert x1 <= dots(page.width, dpi) and y1 <= dots(page.height, dpi)
                assert item.module >= 1 and item.height >= dots(5, dpi)


@pytest.mark.parametrize(("name", "dpi"), CASES)
def test_no_text_over_a_barcode_or_over_other_text(name, dpi):
    template = load_template(name)
    for page in pages_of(template, template.sample, dpi):
        barcodes = [_barcode_area(i) for i in page.items if isinstance(i, PlacedBarcode)]
        texts = [(i, area) for i in page.items if isinstance(i, PlacedText)
                 for area in _text_areas(i, dpi)]
        for item, area in texts:
            assert not any(_overlap(area, b) for b in barcodes), item.lines
            others = [a for other, a in texts if other is not item]
            assert not any(_overlap(area, other) for other in others), item.lines


@pytest.mark.parametrize("name", [info.name for info in list_templates()])
def test_text_is_big_enough_to_read(name):
    template = load_template(name)
    for page in pages_of(template, template.sample, 203):
        sizes = [i.size for i in page.items if isinstance(i, PlacedText)]
        assert min(sizes) >= MIN_TEXT_MM
