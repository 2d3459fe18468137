"""ZPL II output: ^CI28 UTF-8, native ^BC/^BE/^BU barcodes with the exact codewords computed
in printing, 2D symbols and Chinese text as ^GF graphics (or a printer font set with ^CW)."""

from __future__ import annotations

from PIL import Image

from printing.barcodes import code128
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
from printing.text_raster import line_bitmap, needs_graphic

_ORIENTATION = {0: "N", 90: "R", 180: "I", 270: "B"}
_JUSTIFY = {"left": "L", "center": "C", "right": "R"}


def graphic_field(image: Image.Image) -> str:
    """^GF (ASCII hex) of a 1-bit image where 1 = ink."""
    row_bytes = (image.width + 7) // 8
    data = image.tobytes()  # mode "1" packs rows to whole bytes, 1 bits = ink here
    return f"^GFA,{len(data)},{len(data)},{row_bytes},{data.hex().upper()}"


def _field_data(text: str) -> str:
    if any(c in text for c in "^~_"):
        escaped = "".join(f"_{ord(c):02X}" if c in "^~_" else c for c in text)
        return f"^FH_^FD{escaped}"
    return f"^FD{text}"


def _text(item: PlacedText, dpi: int, cjk_font: str | None) -> list[str]:
    out = []
    size = dots(item.size, dpi)
    for box in line_boxes(item):
        x, y = dots(box.x, dpi), dots(box.y, dpi)
        pitch, span = dots(box.pitch, dpi), dots(box.span, dpi)
        if needs_graphic(box.text) and not cjk_font:
            bitmap = line_bitmap(box.text, size, pitch, span, item.align, item.bold,
                                 item.rotation)
            out.append(f"^FO{x},{y}{graphic_field(bitmap)}^FS")
            continue
        font = "1" if needs_graphic(box.text) else "0"
        # Field blocks centre/right-align the line in the span; the text starts a little
        # below the top so it sits in the pitch like the bundled font does.
        top = (pitch - size) // 2
        x_off, y_off = {0: (0, top), 90: (top, 0), 180: (0, top), 270: (top, 0)}[item.rotation]
        out.append(f"^FO{x + x_off},{y + y_off}^A{font}{_ORIENTATION[item.rotation]},{size},"
                   f"{size}^FB{span},1,0,{_JUSTIFY[item.align]},0"
                   f"{_field_data(box.text)}^FS")
    return out


def _barcode(item: PlacedBarcode) -> str:
    symbol = item.symbol
    head = f"^FO{item.x},{item.y}^BY{item.module}"
    if symbol.symbology in ("code128", "gs1-128"):
        return (f"{head}^BCN,{item.height},N,N,N,N^FH_^FD"
                f"{code128.zpl_field(list(symbol.codewords))}^FS")
    if symbol.symbology == "ean13":
        return f"{head}^BEN,{item.height},N,N^FD{symbol.value[:12]}^FS"
    if symbol.symbology == "upca":
        return f"{head}^BUN,{item.height},N,N,N^FD{symbol.value[:11]}^FS"
    # QR and Data Matrix as graphics: the printer's own encoder could pick another version,
    # mask or (for GS1) leave FNC1 out; the graphic is the symbol computed and checked here.
    return f"^FO{item.x},{item.y}{graphic_field(matrix_bitmap(symbol.rows, item.module))}^FS"


def _rect(item: PlacedRect, dpi: int) -> str:
    w, h = max(1, dots(item.w, dpi)), max(1, dots(item.h, dpi))
    thickness = min(w, h) if item.filled else max(1, dots(item.thickness, dpi))
    return f"^FO{dots(item.x, dpi)},{dots(item.y, dpi)}^GB{w},{h},{thickness}^FS"


def _image(item: PlacedImage, dpi: int) -> str:
    bitmap = picture_bitmap(item.source, dots(item.w, dpi), dots(item.h, dpi))
    return f"^FO{dots(item.x, dpi)},{dots(item.y, dpi)}{graphic_field(bitmap)}^FS"


def zpl_page(page: Page, dpi: int, cjk_font: str | None = None) -> str:
    """One label as a ^XA...^XZ block. cjk_font: a font on the printer (e.g. E:SIMSUN.TTF)
    used for Chinese text instead of sending it as graphics."""
    out = ["^XA^CI28", f"^PW{dots(page.width, dpi)}^LL{dots(page.height, dpi)}^LH0,0"]
    if cjk_font:
        out.append(f"^CW1,{cjk_font}")
    for item in page.items:
        if isinstance(item, PlacedText):
            out.extend(_text(item, dpi, cjk_font))
        elif isinstance(item, PlacedBarcode):
            out.append(_barcode(item))
        elif isinstance(item, PlacedRect):
            out.append(_rect(item, dpi))
        elif isinstance(item, PlacedImage):
            out.append(_image(item, dpi))
    out.append("^XZ")
    return "\n".join(out) + "\n"
