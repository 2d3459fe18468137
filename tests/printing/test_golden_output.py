"""Exact bytes of one label in ZPL and TSPL: what a printer receives must not drift silently.
(The files were checked by hand: ZPL ^BC with the encoder's own start code, TSPL 128M.)"""

from __future__ import annotations

from pathlib import Path

import pytest

from printing.render import render
from printing.templates import load_template

GOLDEN = Path(__file__).parent / "golden"
DATA = {"sku": "MUG-CER-350", "name": "Ceramic mug 350 ml", "variant": "White"}


@pytest.mark.parametrize("fmt", ["zpl", "tspl"])
def test_sku_label_bytes_are_exactly_the_golden_file(fmt):
    output = render(load_template("sku-50x30"), DATA, fmt, 203)
    assert output == (GOLDEN / f"sku-50x30-203.{fmt}").read_bytes()


def test_golden_zpl_has_the_label_size_utf8_and_a_native_code128():
    text = (GOLDEN / "sku-50x30-203.zpl").read_text()
    assert text.startswith("^XA^CI28\n^PW400^LL240")
    assert "^BCN," in text and ">:MUG-CER-350" in text
    assert text.rstrip().endswith("^XZ")


def test_golden_tspl_sets_up_the_media_and_prints_once():
    text = (GOLDEN / "sku-50x30-203.tspl").read_bytes()
    assert text.startswith(b"SIZE 50 mm,30 mm\r\nGAP 2 mm,0 mm\r\nDIRECTION 1\r\n")
    assert b'"128M"' in text and b'"!104MUG-CER-350"' in text
    assert text.endswith(b"PRINT 1,1\r\n")
