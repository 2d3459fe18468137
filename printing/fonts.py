"""The bundled font (WenQuanYi Micro Hei, Latin and Chinese): where it is, how wide text is."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT = "WenQuanYiMicroHei"
BOLD_WIDEN = 1.04  # bold is drawn with a stroke; it runs about this much wider


def font_path() -> Path:
    """The bundled TrueType collection."""
    return Path(str(resources.files("resources") / "fonts" / "wqy-microhei.ttc"))


def register_pdf_font() -> str:
    """Register the font with reportlab once (subset-embedded in every PDF); its name."""
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, str(font_path()), subfontIndex=0))
    return FONT


@lru_cache(maxsize=65536)
def text_width(text: str, size: float, bold: bool = False) -> float:
    """Width of the text at this em size, in the size's unit (mm in, mm out)."""
    register_pdf_font()
    width = pdfmetrics.stringWidth(text, FONT, size)
    return width * BOLD_WIDEN if bold else width
