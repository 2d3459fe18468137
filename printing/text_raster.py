"""Text drawn into printer dots with the bundled font (Pillow): the PNG preview, and Chinese
text sent to ZPL/TSPL printers as graphics."""

from __future__ import annotations

import re
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFont

from printing.fonts import font_path

_BEYOND_LATIN = re.compile("[^\x00-\u024f]")
_ROTATE = {0: None, 90: Image.Transpose.ROTATE_270, 180: Image.Transpose.ROTATE_180,
           270: Image.Transpose.ROTATE_90}


@lru_cache(maxsize=64)
def _font(size_px: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(font_path()), size_px, index=0)


@lru_cache(maxsize=4096)
def line_bitmap(text: str, size_px: int, pitch_px: int, span_px: int, align: str, bold: bool,
                rotation: int) -> Image.Image:
    """A 1-bit image of one line (1 = ink), `span_px` wide and `pitch_px` tall before it is
    turned by `rotation` degrees clockwise."""
    image = Image.new("L", (max(1, span_px), max(1, pitch_px)), 0)
    draw = ImageDraw.Draw(image)
    font = _font(max(1, size_px))
    stroke = max(1, size_px // 24) if bold else 0
    width = draw.textlength(text, font=font) + 2 * stroke
    x = {"left": 0, "center": (span_px - width) / 2, "right": span_px - width}[align]
    # Baseline at 0.85 em from the top: ascenders and descenders stay inside the pitch.
    draw.text((max(0, x), round(size_px * 0.85) + (pitch_px - size_px) // 2), text, fill=255,
              font=font, anchor="ls", stroke_width=stroke, stroke_fill=255)
    image = image.convert("1", dither=Image.Dither.NONE)
    if _ROTATE[rotation] is not None:
        image = image.transpose(_ROTATE[rotation])
    return image


def needs_graphic(text: str) -> bool:
    """True when a printer's built-in Latin font cannot show the text."""
    return _BEYOND_LATIN.search(text) is not None
