"""PNG output at the printer's exact dots (the GUI preview): what the label printer prints."""

from __future__ import annotations

import io

from PIL import Image, ImageDraw

from printing.bar_runs import bar_rects
from printing.bitmaps import picture_bitmap
from printing.compose import (
    Page,
    PlacedBarcode,
    PlacedImage,
    PlacedRect,
    PlacedText,
    dots,
    line_boxes,
)
from printing.text_raster import line_bitmap

PAGE_GAP = 12  # dots of grey between stacked pages


def page_image(page: Page, dpi: int) -> Image.Image:
    """The page as a 1-bit image (0 = ink, white paper)."""
    ink = Image.new("1", (dots(page.width, dpi), dots(page.height, dpi)), 0)
    draw = ImageDraw.Draw(ink)
    for item in page.items:
        if isinstance(item, PlacedText):
            size = dots(item.size, dpi)
            for box in line_boxes(item):
                bitmap = line_bitmap(box.text, size, dots(box.pitch, dpi), dots(box.span, dpi),
                                     item.align, item.bold, item.rotation)
                ink.paste(1, (dots(box.x, dpi), dots(box.y, dpi)), bitmap)
        elif isinstance(item, PlacedBarcode):
            for x, y, w, h in bar_rects(item):
                draw.rectangle((x, y, x + w - 1, y + h - 1), fill=1)
        elif isinstance(item, PlacedRect):
            _rect(draw, item, dpi)
        elif isinstance(item, PlacedImage):
            bitmap = picture_bitmap(item.source, dots(item.w, dpi), dots(item.h, dpi))
            ink.paste(1, (dots(item.x, dpi), dots(item.y, dpi)), bitmap)
    return ink.point(lambda v: 0 if v else 255, mode="1")


def _rect(draw: ImageDraw.ImageDraw, item: PlacedRect, dpi: int) -> None:
    x, y = dots(item.x, dpi), dots(item.y, dpi)
    w, h = max(1, dots(item.w, dpi)), max(1, dots(item.h, dpi))
    if item.filled:
        draw.rectangle((x, y, x + w - 1, y + h - 1), fill=1)
    else:
        draw.rectangle((x, y, x + w - 1, y + h - 1), outline=1,
                       width=max(1, dots(item.thickness, dpi)))


def png_pages(pages: list[Page], dpi: int) -> bytes:
    """One PNG: the pages one under the other, separated by a grey band."""
    images = [page_image(page, dpi) for page in pages]
    if len(images) == 1:
        sheet = images[0]
    else:
        width = max(image.width for image in images)
        height = sum(image.height for image in images) + PAGE_GAP * (len(images) - 1)
        sheet = Image.new("L", (width, height), 160)
        y = 0
        for image in images:
            sheet.paste(image.convert("L"), (0, y))
            y += image.height + PAGE_GAP
    out = io.BytesIO()
    sheet.save(out, format="PNG", dpi=(dpi, dpi))
    return out.getvalue()
