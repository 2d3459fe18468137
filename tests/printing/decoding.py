"""Turn rendered output into images and read every barcode on them with zxing-cpp."""

from __future__ import annotations

import io

import pypdfium2 as pdfium
import zplkit
import zxingcpp
from PIL import Image


def images_of(output: bytes, fmt: str, dpi: int) -> list[Image.Image]:
    """Images of every label or page: ZPL through zplkit, PDF rasterised at 300 dpi."""
    if fmt == "zpl":
        document = zplkit.render(output, zplkit.Options(dpi=dpi))
        return [Image.open(io.BytesIO(label.png())) for label in document.labels]
    if fmt == "pdf":
        document = pdfium.PdfDocument(output)
        return [page.render(scale=300 / 72).to_pil() for page in document]
    assert fmt == "png"
    return [Image.open(io.BytesIO(output))]


def decoded(image: Image.Image) -> list[tuple[str, str]]:
    """(text, symbology identifier) of every barcode found, GS separators kept."""
    found = zxingcpp.read_barcodes(image.convert("L"), text_mode=zxingcpp.TextMode.Plain)
    return sorted((b.text, b.symbology_identifier) for b in found)
