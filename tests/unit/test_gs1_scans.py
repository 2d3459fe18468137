"""GS1 scans: the General Specifications' examples as bracketed text and as raw element strings
with separators, Digital Link URIs, wrong check digits, and missing separators."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from models.scanning import GS, parse
from models.scanning.cleaning import ScanOptions
from models.scanning.parsing import ParsedGS1, ParsedInvalid

# (bracketed text, raw element string with GS after variable-length fields, expected fields)
SPEC_EXAMPLES = [
    ("(01)09501101530003(17)140704(10)AB-123",
     "0109501101530003171407041" "0AB-123",
     {"gtin": "09501101530003", "expiry": date(2014, 7, 4), "lot": "AB-123"}),
    ("(01)09501101530003(10)AB-123(17)140704",
     f"0109501101530003" f"10AB-123{GS}17140704",
     {"gtin": "09501101530003", "expiry": date(2014, 7, 4), "lot": "AB-123"}),
    ("(01)95012345678903(3103)000123",
     "01950123456789033103000123",
     {"gtin": "95012345678903", "net_weight": Decimal("0.123")}),
    ("(00)395011010000000019",
     "00395011010000000019",
     {"sscc": "395011010000000019"}),
    ("(00)395011010000000019(02)09501101530003(37)20",
     "00395011010000000019" "0209501101530003" "3720",
     {"sscc": "395011010000000019", "content_gtin": "09501101530003", "count": 20}),
    ("(01)09501101530003(21)12345ABC(15)251231",
     f"0109501101530003" f"2112345ABC{GS}15251231",
     {"gtin": "09501101530003", "serial": "12345ABC", "best_before": date(2025, 12, 31)}),
    ("(01)09501101530003(30)144(10)LOT7",
     f"0109501101530003" f"30144{GS}10LOT7",
     {"gtin": "09501101530003", "count": 144, "lot": "LOT7"}),
    # Day 00 means the last day of the month (General Specifications 7.12).
    ("(01)09501101530003(17)250200",
     "010950110153000317250200",
     {"gtin": "09501101530003", "expiry": date(2025, 2, 28)}),
]


def _fields(parsed: object) -> dict[str, object]:
    assert isinstance(parsed, ParsedGS1), parsed
    return {k: getattr(parsed.data, k) for k in ("gtin", "content_gtin", "sscc", "lot", "serial",
                                                 "expiry", "best_before", "count")
            if getattr(parsed.data, k) is not None} | (
        {"net_weight": parsed.data.net_weight.value} if parsed.data.net_weight else {})


@pytest.mark.parametrize(("bracketed", "raw", "expected"), SPEC_EXAMPLES)
def test_spec_example_in_bracketed_text_gives_its_fields(bracketed, raw, expected):
    assert _fields(parse(bracketed)) == expected


@pytest.mark.parametrize(("bracketed", "raw", "expected"), SPEC_EXAMPLES)
def test_spec_example_as_raw_element_string_gives_the_same_fields(bracketed, raw, expected):
    parsed = parse(raw)
    assert _fields(parsed) == expected
    assert parsed.data.hri == bracketed


@pytest.mark.parametrize(("bracketed", "raw", "expected"), SPEC_EXAMPLES)
def test_spec_example_behind_a_gs1_128_symbology_identifier_reads_the_same(
        bracketed, raw, expected):
    parsed = parse("]C1" + raw + "\r\n")
    assert _fields(parsed) == expected
    assert parsed.scan.symbology == "]C1"


@pytest.mark.parametrize("disguise", ["<GS>", "{GS}", "Alt029", "Alt0029", "^]"])
def test_separator_disguised_as_text_is_a_separator(disguise):
    parsed = parse(f"0109501101530003" f"10AB-123{disguise}17140704")
    assert _fields(parsed)["lot"] == "AB-123"
    assert _fields(parsed)["expiry"] == date(2014, 7, 4)


def test_workstation_stand_in_character_is_a_separator():
    parsed = parse("0109501101530003" "10AB-123~17140704",
                   options=ScanOptions(gs_standin="~"))
    assert _fields(parsed) == {"gtin": "09501101530003", "lot": "AB-123",
                               "expiry": date(2014, 7, 4)}


def test_leading_gs_standing_for_fnc1_is_ignored():
    parsed = parse(f"{GS}0109501101530003" f"10AB-123{GS}17140704")
    assert _fields(parsed)["lot"] == "AB-123"


def test_gs1_datamatrix_symbology_reads_gs1():
    parsed = parse(f"]d20109501101530003" f"21SN-0001{GS}10L1")
    assert _fields(parsed) == {"gtin": "09501101530003", "serial": "SN-0001", "lot": "L1"}


def test_digital_link_uri_gives_gtin_lot_serial_and_expiry():
    parsed = parse("https://id.gs1.org/01/09506000134352/10/ABC123/21/456?17=201231")
    assert _fields(parsed) == {"gtin": "09506000134352", "lot": "ABC123", "serial": "456",
                               "expiry": date(2020, 12, 31)}
    assert parsed.data.form == "digital link"


def test_digital_link_with_a_wrong_gtin_check_digit_is_refused():
    parsed = parse("https://id.gs1.org/01/09506000134353/10/ABC123")
    assert isinstance(parsed, ParsedInvalid)
    assert "check digit" in parsed.reason


def test_web_address_that_is_no_digital_link_is_refused_with_reason():
    parsed = parse("https://example.com/shop/item/42")
    assert isinstance(parsed, ParsedInvalid)
    assert "not a GS1 Digital Link" in parsed.reason


@pytest.mark.parametrize("raw", ["0109501101530004", "(01)09501101530004(10)X",
                                 "00395011010000000018", f"]C10109501101530004{GS}10X"])
def test_wrong_check_digit_in_gtin_or_sscc_is_refused_with_the_right_digit(raw):
    parsed = parse(raw)
    assert isinstance(parsed, ParsedInvalid)
    assert "wrong check digit" in parsed.reason
    assert "should end in" in parsed.reason


def test_impossible_expiry_date_is_refused():
    parsed = parse("]C1010950110153000317141332")
    assert isinstance(parsed, ParsedInvalid)
    assert "cannot be read" in parsed.reason


def test_zero_count_is_refused():
    parsed = parse("]C10109501101530003300")
    assert isinstance(parsed, ParsedInvalid)
    assert "zero" in parsed.reason


class TestMissingSeparator:
    """A variable-length field whose separator went missing never swallows the next field."""

    def test_lot_that_would_swallow_an_expiry_date_is_refused_with_both_readings(self):
        parsed = parse("0109501101530003" "10ABC123" "17250101")
        assert isinstance(parsed, ParsedInvalid)
        assert "'ABC12317250101' may really be 'ABC123'" in parsed.reason
        assert "expiry date (17) 250101" in parsed.reason
        assert "GS separator" in parsed.reason

    def test_serial_that_would_swallow_a_gtin_is_refused(self):
        parsed = parse("]C121SER9" "0109501101530003")
        assert isinstance(parsed, ParsedInvalid)
        assert "GTIN (01) 09501101530003" in parsed.reason

    def test_lot_that_would_swallow_a_weight_is_refused(self):
        parsed = parse("0109501101530003" "10B7" "3102001250")
        assert isinstance(parsed, ParsedInvalid)
        assert "net weight (3102) 001250" in parsed.reason

    def test_lot_at_maximum_length_followed_by_more_data_is_refused(self):
        parsed = parse("0109501101530003" "10" + "A" * 20 + "21XYZ")
        assert isinstance(parsed, ParsedInvalid)
        assert "'AAAAAAAAAAAAAAAAAAAA' is followed by '21XYZ' without the GS separator" \
            in parsed.reason

    def test_variable_count_followed_by_letters_without_separator_is_refused(self):
        parsed = parse("]C10109501101530003" "3012" "10ABC")
        assert isinstance(parsed, ParsedInvalid)
        assert "count (30) '1210' is followed by 'ABC'" in parsed.reason

    def test_same_scan_with_its_separator_reads_both_fields(self):
        parsed = parse(f"0109501101530003" f"10ABC123{GS}17250101")
        assert _fields(parsed) == {"gtin": "09501101530003", "lot": "ABC123",
                                   "expiry": date(2025, 1, 1)}

    def test_numeric_lot_at_the_end_without_hidden_date_is_read(self):
        # "230915" holds no field that checks itself, so the lot is certain.
        parsed = parse("0109501101530003" "10230915")
        assert _fields(parsed)["lot"] == "230915"

    def test_lot_whose_tail_repeats_a_field_already_read_is_read_as_one_lot(self):
        # The scan has an expiry already; a second one cannot be hidden in the lot.
        parsed = parse("0109501101530003" "17140704" "10AB17250101")
        assert _fields(parsed)["lot"] == "AB17250101"
