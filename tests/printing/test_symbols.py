"""The barcode encoders on their own: symbols drawn module by module and read by zxing-cpp."""

from __future__ import annotations

import pytest
import zxingcpp
from PIL import Image

from models.errors import InputError
from printing.barcodes import encode
from printing.barcodes.code128 import FNC1, codewords


def _image(symbol, module=3):
    rows = [symbol.bars] * 40 if symbol.linear else list(symbol.rows)
    quiet = max(symbol.quiet)
    width = (len(rows[0]) + 2 * quiet) * module
    image = Image.new("L", (width, (len(rows) + 2 * quiet) * module), 255)
    for y, row in enumerate(rows):
        for x, dark in enumerate(row):
            if dark:
                left, top = (x + quiet) * module, (y + quiet) * module
                image.paste(0, (left, top, left + module, top + module))
    return image


def _read(symbol):
    found = zxingcpp.read_barcodes(_image(symbol), text_mode=zxingcpp.TextMode.Plain)
    return [(b.text, b.symbology_identifier) for b in found]


def test_code128_switches_to_set_c_for_long_digit_runs():
    # Start B, "AB", Code C, 12 34 56, check, as ISO/IEC 15417 optimisation expects.
    assert codewords("AB123456")[:6] == [104, 33, 34, 99, 12, 34]


def test_code128_control_characters_use_set_a():
    symbol = encode("code128", "A\tB")
    assert _read(symbol) == [("A\tB", "]C0")]


def test_gs1_128_starts_with_fnc1_and_separates_variable_length_values():
    symbol = encode("gs1-128", "(01)09501101530003(10)LOT7(17)301231")
    assert symbol.codewords[:2] == (105, 102)
    assert codewords(FNC1 + "10AB")[:2] == [105, 102]
    assert _read(symbol) == [("010950110153000310LOT7\x1d17301231", "]C1")]


@pytest.mark.parametrize("data", ["HELLO", "1234567890", "Lot 批号 42", "A" * 250])
def test_datamatrix_reads_back_in_every_size(data):
    assert _read(encode("datamatrix", data)) == [(data, "]d1")]


def test_gs1_datamatrix_has_fnc1_first_and_no_nul_padding():
    symbol = encode("gs1-datamatrix", "(01)09501101530003(10)ABC(21)S1")
    assert _read(symbol) == [("010950110153000310ABC\x1d21S1", "]d2")]


def test_ean13_and_upca_read_back_and_wrong_check_digits_are_refused():
    assert _read(encode("ean13", "5901234123457")) == [("5901234123457", "]E0")]
    assert _read(encode("upca", "036000291452"))[0][0] in ("036000291452", "0036000291452")
    with pytest.raises(InputError, match="check digit"):
        encode("ean13", "5901234123458")


def test_qr_with_chinese_reads_back():
    assert _read(encode("qr", "订单 SO-2026-000123")) == [("订单 SO-2026-000123", "]Q1")]


def test_gs1_data_biip_rejects_is_refused_with_its_reason():
    with pytest.raises(InputError, match="not valid"):
        encode("gs1-128", "(01)09501101530004")
