"""Scans read without the database: retail codes with check digits, AIM identifiers, commands,
documents, codes to look up, and scans that cannot mean anything."""

from __future__ import annotations

import pytest

from models.scanning import CommandKind, DocumentKind, command_sheet, parse
from models.scanning.cleaning import ScanOptions, clean, show_invisible
from models.scanning.parsing import (
    ParsedCode,
    ParsedCommand,
    ParsedDocument,
    ParsedInvalid,
    ParsedRetail,
)
from models.scanning.retail import CodeFormat


@pytest.mark.parametrize(("raw", "fmt", "gtin"), [
    ("4006381333931", CodeFormat.EAN_13, "04006381333931"),
    ("96385074", CodeFormat.EAN_8, "00000096385074"),
    ("036000291452", CodeFormat.UPC_A, "00036000291452"),
    ("15012345678907", CodeFormat.GTIN_14, "15012345678907"),
])
def test_retail_code_with_right_check_digit_reads_as_its_gtin(raw, fmt, gtin):
    parsed = parse(raw)
    assert isinstance(parsed, ParsedRetail)
    assert (parsed.codes[0].format, parsed.codes[0].gtin) == (fmt, gtin)


def test_upc_e_is_expanded_to_its_upc_a_number():
    parsed = parse("]E004252614")
    assert isinstance(parsed, ParsedRetail)
    upc_e = [c for c in parsed.codes if c.format is CodeFormat.UPC_E]
    assert upc_e[0].gtin == "00042100005264"
    assert "042100005264" in upc_e[0].forms


def test_ean_13_can_be_found_under_its_gtin_14_spelling_and_back():
    (code,) = parse("4006381333931").codes
    assert set(code.forms) == {"4006381333931", "04006381333931"}
    assert parse("]C10104006381333931").data.gtin == "04006381333931"


@pytest.mark.parametrize("raw", ["]E04006381333932", "]E496385075", "]I115012345678900"])
def test_retail_symbology_with_a_wrong_check_digit_is_refused(raw):
    parsed = parse(raw)
    assert isinstance(parsed, ParsedInvalid)
    assert "wrong check digit" in parsed.reason


def test_digits_with_a_wrong_check_digit_are_looked_up_but_flagged():
    parsed = parse("4006381333932")
    assert isinstance(parsed, ParsedCode)
    assert "should end in 1" in parsed.suspect


def test_upc_e_without_check_digit_asks_for_scanner_setting():
    parsed = parse("]E0425261")
    assert isinstance(parsed, ParsedInvalid)
    assert "transmit UPC-E in full" in parsed.reason


@pytest.mark.parametrize(("raw", "kind", "quantity"), [
    ("CMD-DONE", CommandKind.DONE, 0), ("cmd-cancel", CommandKind.CANCEL, 0),
    ("CMD-EMPTY", CommandKind.BIN_EMPTY, 0), ("CMD-QTY+12", CommandKind.ADD_QUANTITY, 12),
    ("]C0CMD-QTY+1\r", CommandKind.ADD_QUANTITY, 1),
])
def test_command_barcodes_read_as_commands(raw, kind, quantity):
    parsed = parse(raw)
    assert isinstance(parsed, ParsedCommand)
    assert (parsed.command.kind, parsed.command.quantity) == (kind, quantity)


@pytest.mark.parametrize("raw", ["CMD-QTY+0", "CMD-QTY+10000", "CMD-LAUNCH"])
def test_unknown_or_out_of_range_command_is_refused(raw):
    parsed = parse(raw)
    assert isinstance(parsed, ParsedInvalid)
    assert "command sheet" in parsed.reason


def test_every_command_on_the_sheet_reads_back_as_itself():
    for entry in command_sheet():
        parsed = parse(entry.code)
        assert isinstance(parsed, ParsedCommand)
        assert parsed.command.code == entry.code


@pytest.mark.parametrize(("raw", "kind", "number"), [
    ("PO-000123", DocumentKind.PURCHASE_ORDER, "000123"),
    ("SO-2024-0042", DocumentKind.SALES_ORDER, "2024-0042"),
    ("WAVE-17", DocumentKind.WAVE, "17"), ("TOTE-0042", DocumentKind.TOTE, "0042"),
    ("COUNT-5", DocumentKind.COUNT, "5"), ("po-9", DocumentKind.PURCHASE_ORDER, "9"),
])
def test_document_barcodes_read_as_documents(raw, kind, number):
    parsed = parse(raw)
    assert isinstance(parsed, ParsedDocument)
    assert (parsed.document.kind, parsed.document.number) == (kind, number)
    assert parse(parsed.document.code).document == parsed.document


def test_document_prefix_with_a_malformed_number_is_refused():
    parsed = parse("PO-")
    assert isinstance(parsed, ParsedInvalid)
    assert "not a document number" in parsed.reason


def test_other_text_is_a_code_to_look_up():
    parsed = parse("A-01-03\r\n")
    assert isinstance(parsed, ParsedCode)
    assert parsed.code == "A-01-03"
    assert parsed.suspect is None


def test_empty_scan_is_refused():
    assert isinstance(parse("\r\n"), ParsedInvalid)


def test_control_characters_in_a_plain_code_are_refused_and_shown():
    parsed = parse("AB\x07C")
    assert isinstance(parsed, ParsedInvalid)
    assert "AB<07>C" in parsed.reason


def test_symbology_given_apart_from_the_data_is_used():
    parsed = parse("0109501101530003", symbology="C1")
    assert parsed.scan.symbology == "]C1"
    assert parsed.data.gtin == "09501101530003"


def test_stand_in_character_is_kept_in_plain_codes():
    scan = clean("A~1", options=ScanOptions(gs_standin="~"))
    assert scan.plain == "A~1"
    assert isinstance(parse("A~1", options=ScanOptions(gs_standin="~")), ParsedCode)


def test_invisible_characters_are_spelled_out():
    assert show_invisible("]C101\x1d10A\r\n") == "]C101<GS>10A<CR><LF>"


def test_code_in_brackets_that_is_no_gs1_text_is_looked_up():
    parsed = parse("(A)-01")
    assert isinstance(parsed, ParsedCode)
