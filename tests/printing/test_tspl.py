"""TSPL specifics: native commands where the printer makes the exact symbol, the computed
bitmap where it might not (GS1 Data Matrix, Code 128 data with "!" or control characters)."""

from __future__ import annotations

import json
import re

import zxingcpp
from PIL import Image

from printing.render import render
from printing.templates import load_template

_BITMAP = re.compile(rb"BITMAP (\d+),(\d+),(\d+),(\d+),0,")


def _bitmaps(output: bytes) -> list[Image.Image]:
    """Each BITMAP of the job on white paper with room for quiet zones (TSPL: 0 = dot)."""
    images = []
    for match in _BITMAP.finditer(output):
        _, _, row_bytes, height = map(int, match.groups())
        data = output[match.end():match.end() + row_bytes * height]
        bitmap = Image.frombytes("1", (row_bytes * 8, height), data).convert("L")
        paper = Image.new("L", (bitmap.width + 80, bitmap.height + 80), 255)
        paper.paste(bitmap, (40, 40))
        images.append(paper)
    return images


def _one_barcode(symbology: str, data: str) -> bytes:
    raw = {"width_mm": 60, "height_mm": 40, "elements": [
        {"type": "barcode", "symbology": symbology, "x": 0, "y": 2, "w": 60, "h": 30,
         "data": data, "module": 0.5, "align": "center", "hri": False}]}
    return render(load_template("probe", json.dumps(raw)), {}, "tspl", 203)


def _read(image: Image.Image) -> list[tuple[str, str]]:
    found = zxingcpp.read_barcodes(image, text_mode=zxingcpp.TextMode.Plain)
    return [(b.text, b.symbology_identifier) for b in found]


def test_gs1_datamatrix_goes_as_a_bitmap_that_reads_as_gs1():
    output = _one_barcode("gs1-datamatrix", "(01)09501101530003(10)AB1(17)270630")
    assert b"DMATRIX" not in output
    (image,) = _bitmaps(output)
    assert _read(image) == [("010950110153000310AB1\x1d17270630", "]d2")]


def test_code128_with_an_exclamation_mark_goes_as_bars():
    output = _one_barcode("code128", "AB!12")
    assert b"128M" not in output
    (image,) = _bitmaps(output)
    assert _read(image) == [("AB!12", "]C0")]


def test_gs1_128_uses_128m_with_start_c_and_fnc1():
    output = _one_barcode("gs1-128", "(01)09501101530003(10)AB1(17)270630")
    assert b'"128M"' in output
    content = re.search(rb'"128M",\d+,0,0,\d+,\d+,"([^"]*)"', output).group(1)
    assert content.startswith(b"!105!102010950110153000310")
    assert b"!102" in content[8:]  # the separator after the variable-length lot


def test_plain_datamatrix_and_qr_use_the_printer_commands_with_our_size():
    assert b'DMATRIX' in _one_barcode("datamatrix", "BIN A-01") and b",x4," in \
        _one_barcode("datamatrix", "BIN A-01")
    assert b'QRCODE' in _one_barcode("qr", "SO-1")


def test_chinese_text_is_sent_as_a_bitmap_and_latin_as_text():
    template = load_template("waybill-76x130")
    output = render(template, template.sample, "tspl", 203)
    assert b'TEXT' in output and b"SF1402846553671" in output
    assert "张伟".encode() not in output  # drawn, not sent as characters
    assert len(_bitmaps(output)) >= 3
