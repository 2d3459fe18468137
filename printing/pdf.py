"""PDF output (reportlab): the bundled font subset-embedded so Chinese prints on any printer,
barcodes drawn as filled rectangles sized in the target printer's dots."""

from __future__ import annotations

import io

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from printing.bar_runs import bar_rects
from printing.bitmaps import image_path
from printing.compose import (
    Page,
    PlacedBarcode,
    PlacedImage,
    PlacedRect,
    PlacedText,
    line_boxes,
)
from printing.fonts import register_pdf_font, text_width

BASELINE = 0.85  # baseline below the top of a line, in em (as the PNG raster)


# Text matrix (a, b, c, d) turning a line clockwise by 0/90/180/270 degrees on the page.
_TURN = {0: (1, 0, 0, 1), 90: (0, -1, 1, 0), 180: (-1, 0, 0, -1), 270: (0, 1, -1, 0)}


def _text(canvas: Canvas, font: str, item: PlacedText, height: float) -> None:
    text = canvas.beginText()
    text.setFont(font, item.size * mm)
    if item.bold:
        text.setTextRenderMode(2)  # fill and stroke: a bold face the font lacks
        canvas.setLineWidth(item.size * mm * 0.04)
    a, b, c, d = _TURN[item.rotation]
    for box in line_boxes(item):
        # The line box's top-left corner in the reading direction, then along and down.
        corner = {0: (box.x, box.y), 90: (box.x + box.pitch, box.y),
                  180: (box.x + box.span, box.y + box.pitch), 270: (box.x, box.y + box.span)}
        cx, cy = corner[item.rotation]
        free = box.span - text_width(box.text, item.size)
        along = {"left": 0.0, "center": free / 2, "right": free}[item.align]
        down = BASELINE * item.size + (box.pitch - item.size) / 2
        # Reading direction (a, b) and "down the page" (c, d) in page coordinates (y up).
        x = (cx + along * a - down * c) * mm
        y = height - (cy + along * -b - down * -d) * mm
        text.setTextTransform(a, b, c, d, x, y)
        text.textOut(box.text)
    canvas.drawText(text)


def _barcode(canvas: Canvas, item: PlacedBarcode, height: float) -> None:
    scale = 72 / item.dpi  # printer dots to points
    ops = [f"{x * scale:.3f} {height - (y + h) * scale:.3f} {w * scale:.3f} {h * scale:.3f} re"
           for x, y, w, h in bar_rects(item)]
    canvas.addLiteral("\n".join([*ops, "f"]))


def _rect(canvas: Canvas, item: PlacedRect, height: float) -> None:
    x, y, w, h = item.x * mm, height - (item.y + item.h) * mm, item.w * mm, item.h * mm
    if item.filled:
        canvas.rect(x, y, w, h, stroke=0, fill=1)
    else:
        inset = item.thickness * mm / 2  # the stroke stays inside the box, as on a printer
        canvas.setLineWidth(item.thickness * mm)
        canvas.rect(x + inset, y + inset, w - 2 * inset, h - 2 * inset, stroke=1, fill=0)


def pdf_document(pages: list[Page], dpi: int, title: str) -> bytes:
    """Every page in one PDF file."""
    font = register_pdf_font()
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=(pages[0].width * mm, pages[0].height * mm),
                    pageCompression=1)
    canvas.setTitle(title)
    canvas.setCreator("WareDesk")
    for page in pages:
        height = page.height * mm
        canvas.setPageSize((page.width * mm, height))
        for item in page.items:
            if isinstance(item, PlacedText):
                _text(canvas, font, item, height)
            elif isinstance(item, PlacedBarcode):
                _barcode(canvas, item, height)
            elif isinstance(item, PlacedRect):
                _rect(canvas, item, height)
            elif isinstance(item, PlacedImage):
                canvas.drawImage(str(image_path(item.source)), item.x * mm,
                                 height - (item.y + item.h) * mm, item.w * mm, item.h * mm,
                                 preserveAspectRatio=True, anchor="nw", mask="auto")
        canvas.showPage()
    canvas.save()
    return out.getvalue()
