"""TSPL/TSPL2 output (TSC and most low-cost label printers): TEXT, BARCODE with the exact
Code 128 codewords ("128M"), QRCODE, DMATRIX, BAR, BOX, BITMAP; one PRINT per label."""

from __future__ import annotations

import re

from PIL import Image

from printing.bitmaps import matrix_bitmap, picture_bitmap
from printing.compose import (
    Page,
    PlacedBarcode,
    PlacedImage,
    PlacedRect,
    PlacedText,
    dots,
    line_boxes,
)
from printing.fonts import text_width
from printing.text_raster import line_bitmap, needs_graphic

GAP_MM = 2
_UNSAFE_128M = re.compile(r'[!"\x00-\x1f\x7f]')


def _quoted(text: str) -> str:
    # TSPL2 writes a double quote inside a string as \["]
    return '"' + text.replace('"', '\\["]') + '"'


def bitmap_command(x: int, y: int, image: Image.Image) -> bytes:
    """BITMAP in overwrite mode; TSPL prints a dot for a 0 bit, so ink bits are inverted."""
    row_bytes = (image.width + 7) // 8
    data = bytes(255 - byte for byte in image.tobytes())
    return f"BITMAP {x},{y},{row_bytes},{image.height},0,".encode() + data + b"\r\n"


def _text(item: PlacedText, dpi: int) -> list[bytes]:
    out = []
    size = dots(item.size, dpi)
    points = max(1, round(item.size / 25.4 * 72))
    for box in line_boxes(item):
        x, y = dots(box.x, dpi), dots(box.y, dpi)
        pitch, span = dots(box.pitch, dpi), dots(box.span, dpi)
        if needs_graphic(box.text) or item.rotation:
            bitmap = line_bitmap(box.text, size, pitch, span, item.align, item.bold,
                                 item.rotation)
            out.append(bitmap_command(x, y, bitmap))
            continue
        free = box.span - text_width(box.text, item.size, item.bold)
        offset = dots({"left": 0.0, "center": free / 2, "right": free}[item.align], dpi)
        top = (pitch - size) // 2
        # Font "0" is the scalable built-in font; its multipliers are point sizes.
        out.append(f'TEXT {x + max(0, offset)},{y + top},"0",0,{points},{points},'
                   f"{_quoted(box.text)}\r\n".encode())
    return out


def _code128_manual(words: tuple[int, ...]) -> str:
    """Codewords as "128M" content: !NNN for start/shift/FNC codes, digits in set C."""
    out, code_set = [], ""
    for word in words[:-1]:  # the printer adds the check character
        if word >= 103:
            code_set = "ABC"[word - 103]
            out.append(f"!{word:03d}")
        elif code_set == "C" and word < 100:
            out.append(f"{word:02d}")
        elif word >= 96 or (code_set == "A" and word >= 64):
            out.append(f"!{word:03d}")
            code_set = {99: "C", 100: "B" if code_set != "B" else code_set,
                        101: "A" if code_set != "A" else code_set}.get(word, code_set)
        else:
            out.append(chr(word + 32))
    return "".join(out)


def _barcode(item: PlacedBarcode) -> bytes:
    symbol = item.symbol
    x, y, m = item.x, item.y, item.module
    # GS1 separators are FNC1 codewords in the symbol, not characters of the content.
    characters = symbol.scan.replace("\x1d", "") if symbol.symbology == "gs1-128" else symbol.scan
    if symbol.symbology in ("code128", "gs1-128") and not _UNSAFE_128M.search(characters):
        content = _code128_manual(symbol.codewords)
        return f'BARCODE {x},{y},"128M",{item.height},0,0,{m},{m},{_quoted(content)}\r\n'.encode()
    if symbol.symbology == "ean13":
        return f'BARCODE {x},{y},"EAN13",{item.height},0,0,{m},{m},"{symbol.value[:12]}"\r\n'\
            .encode()
    if symbol.symbology == "upca":
        return f'BARCODE {x},{y},"UPCA",{item.height},0,0,{m},{m},"{symbol.value[:11]}"\r\n'\
            .encode()
    if symbol.linear:
        # "!" starts a control code in 128M content and control characters cannot be quoted:
        # such data goes as the bars computed here.
        bars = matrix_bitmap((symbol.bars,), m).resize((len(symbol.bars) * m, item.height))
        return bitmap_command(x, y, bars)
    size = len(symbol.rows)
    if symbol.symbology == "qr":
        return f"QRCODE {x},{y},M,{m},A,0,{_quoted(symbol.value)}\r\n".encode()
    if symbol.symbology == "datamatrix":
        return (f"DMATRIX {x},{y},{size * m},{size * m},x{m},{size},{size},"
                f"{_quoted(symbol.value)}\r\n").encode()
    # GS1 Data Matrix as the bitmap computed here: TSPL firmwares differ on FNC1 escapes.
    return bitmap_command(x, y, matrix_bitmap(symbol.rows, m))


def _rect(item: PlacedRect, dpi: int) -> bytes:
    x, y = dots(item.x, dpi), dots(item.y, dpi)
    w, h = max(1, dots(item.w, dpi)), max(1, dots(item.h, dpi))
    if item.filled:
        return f"BAR {x},{y},{w},{h}\r\n".encode()
    return f"BOX {x},{y},{x + w},{y + h},{max(1, dots(item.thickness, dpi))}\r\n".encode()


def tspl_page(page: Page, dpi: int) -> bytes:
    """One label: set-up, drawing commands, PRINT."""
    out = [(f"SIZE {page.width:g} mm,{page.height:g} mm\r\nGAP {GAP_MM} mm,0 mm\r\n"
            "DIRECTION 1\r\nREFERENCE 0,0\r\nCODEPAGE UTF-8\r\nCLS\r\n").encode()]
    for item in page.items:
        if isinstance(item, PlacedText):
            out.extend(_text(item, dpi))
        elif isinstance(item, PlacedBarcode):
            out.append(_barcode(item))
        elif isinstance(item, PlacedRect):
            out.append(_rect(item, dpi))
        elif isinstance(item, PlacedImage):
            bitmap = picture_bitmap(item.source, dots(item.w, dpi), dots(item.h, dpi))
            out.append(bitmap_command(dots(item.x, dpi), dots(item.y, dpi), bitmap))
    out.append(b"PRINT 1,1\r\n")
    return b"".join(out)
