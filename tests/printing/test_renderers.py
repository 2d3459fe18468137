"""Renderer details a printer or a person notices: turned text stays in its box in every
output, pictures are printed, a printer with its own Chinese font gets text, not graphics."""

from __future__ import annotations

import io
import json

import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageChops

from printing.render import render
from printing.templates import load_template
from tests.printing.decoding import images_of

BOX = (10, 5, 12, 40)  # x, y, w, h in mm: tall and narrow, for text turned by 90/270


def _turned(rotation: int, text: str) -> dict:
    x, y, w, h = BOX
    if rotation in (0, 180):
        w, h = h, w
    return {"width_mm": 60, "height_mm": 50, "elements": [
        {"type": "text", "x": x, "y": y, "w": w, "h": h, "text": text, "size": 4,
         "rotation": rotation}]}


def _ink_box(image: Image.Image, dpi: int) -> tuple[float, float, float, float]:
    """Bounding box of the ink in mm."""
    inverted = ImageChops.invert(image.convert("L"))
    left, top, right, bottom = inverted.point(lambda v: 255 if v > 128 else 0).getbbox()
    scale = 25.4 / dpi
    return left * scale, top * scale, right * scale, bottom * scale


@pytest.mark.parametrize("rotation", [0, 90, 180, 270])
@pytest.mark.parametrize("fmt", ["zpl", "pdf", "png"])
@pytest.mark.parametrize("text", ["LOT 42", "批号 42"])
def test_turned_text_stays_in_its_box(rotation, fmt, text):
    raw = _turned(rotation, text)
    element = raw["elements"][0]
    output = render(load_template("turned", json.dumps(raw)), {}, fmt, 203)
    image = images_of(output, fmt, 203)[0]
    dpi = 300 if fmt == "pdf" else 203
    left, top, right, bottom = _ink_box(image, dpi)
    slack = 0.6  # mm: rounding to dots and the printer font's own side bearings
    assert left >= element["x"] - slack and top >= element["y"] - slack
    assert right <= element["x"] + element["w"] + slack
    assert bottom <= element["y"] + element["h"] + slack
    tall = bottom - top > right - left
    assert tall == (rotation in (90, 270))


def test_the_packing_slip_prints_its_logo_in_every_output():
    template = load_template("packing-slip")
    png = Image.open(io.BytesIO(render(template, template.sample, "png", 203)))
    # After the table (y 60 mm, titles + 2 rows of 7 mm, 4 mm gap) at 165-195 x 105-115 mm.
    logo = png.crop((1322, 842, 1556, 916)).convert("L")
    assert logo.getextrema()[0] == 0  # ink there
    pdf = pdfium.PdfDocument(render(template, template.sample, "pdf"))
    kinds = [obj.type for obj in pdf[0].get_objects()]
    assert pdfium.raw.FPDF_PAGEOBJ_IMAGE in kinds


def test_a_printer_with_a_chinese_font_gets_utf8_text_not_graphics():
    template = load_template("waybill-100x150")
    graphics = render(template, template.sample, "zpl", 203).decode()
    text = render(template, template.sample, "zpl", 203, cjk_font="E:SIMSUN.TTF").decode()
    assert "张伟" not in graphics and "^GFA" in graphics
    assert "^CW1,E:SIMSUN.TTF" in text and "^A1N" in text and "张伟  138****5678" in text
    assert text.count("^GFA") == 1  # only the QR code is still a graphic
