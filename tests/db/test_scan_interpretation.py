"""Scans looked up in the database: product barcodes with pack quantities, GTINs from GS1 data,
SKUs, location barcodes, and the reasons given when nothing or too much matches."""

from __future__ import annotations

from datetime import date

import pytest

from models.db import Database
from models.entities import Tracking
from models.scanning import (
    GS,
    CommandScan,
    DocumentScan,
    LocationScan,
    ProductScan,
    UnitLoadScan,
    UnknownScan,
    explain,
    interpret,
)
from tests import factories


@pytest.fixture
def stock(db: Database) -> Database:
    """A shampoo with a unit EAN and a case-of-12 ITF-14, a serial-tracked scanner, bins."""
    with db.write() as s:
        wh = factories.warehouse(s)
        factories.bin_(s, wh, "A-01-01")
        factories.bin_(s, wh, "A-01-02", blocked=True, blocked_reason="counting")
        shampoo = factories.product(s, "SHAMPOO-250", barcode="4006381333931")
        shampoo.barcodes.append(factories.Barcode(code="14006381333938", pack_qty=12))
        factories.product(s, "SCANNER-X", tracking=Tracking.SERIAL, barcode="09501101530003")
        factories.product(s, "MILK-1L", tracking=Tracking.LOT, expiry=True,
                          barcode="0036000291452")
        factories.product(s, "INTERNAL-7", barcode="WD-0007")
    return db


def _interpret(db: Database, raw: str, **kwargs: object):
    with db.read() as s:
        return interpret(s, raw, **kwargs)


def test_unit_barcode_is_the_product_times_one(stock):
    meaning = _interpret(stock, "4006381333931")
    assert isinstance(meaning, ProductScan)
    assert (meaning.sku, meaning.quantity, meaning.pack_qty) == ("SHAMPOO-250", 1, 1)


def test_case_barcode_is_the_product_times_twelve(stock):
    meaning = _interpret(stock, "]I114006381333938")
    assert isinstance(meaning, ProductScan)
    assert (meaning.sku, meaning.quantity) == ("SHAMPOO-250", 12)


def test_gs1_gtin_finds_the_product_saved_under_its_ean_13(stock):
    meaning = _interpret(stock, f"]C10104006381333931{GS}10L42{GS}17261231")
    assert isinstance(meaning, ProductScan)
    assert (meaning.sku, meaning.lot, meaning.expiry) == ("SHAMPOO-250", "L42",
                                                          date(2026, 12, 31))


def test_gs1_case_gtin_with_count_multiplies_pack_and_count(stock):
    meaning = _interpret(stock, "]C1011400638133393830" "3")
    assert isinstance(meaning, ProductScan)
    assert meaning.quantity == 36


def test_upc_a_product_is_found_from_its_gs1_gtin_14(stock):
    meaning = _interpret(stock, f"]C10100036000291452{GS}10LOT-9")
    assert isinstance(meaning, ProductScan)
    assert (meaning.sku, meaning.lot) == ("MILK-1L", "LOT-9")


def test_pallet_label_with_content_gtin_and_count_is_that_many_of_the_product(stock):
    meaning = _interpret(stock, "]C100395011010000000019" "0204006381333931" "3740")
    assert isinstance(meaning, ProductScan)
    assert (meaning.sku, meaning.quantity, meaning.sscc) == ("SHAMPOO-250", 40,
                                                             "395011010000000019")


def test_sscc_alone_is_a_logistic_unit(stock):
    meaning = _interpret(stock, "00395011010000000019")
    assert isinstance(meaning, UnitLoadScan)
    assert meaning.sscc == "395011010000000019"


def test_serial_is_read_for_a_serial_tracked_product(stock):
    meaning = _interpret(stock, "]d2010950110153000321SN-77")
    assert isinstance(meaning, ProductScan)
    assert (meaning.sku, meaning.serial) == ("SCANNER-X", "SN-77")


def test_serial_hidden_in_a_lot_by_a_lost_separator_is_refused(stock):
    meaning = _interpret(stock, "0109501101530003" "10L5" "21SN-77")
    assert isinstance(meaning, UnknownScan)
    assert "SCANNER-X needs a serial number" in meaning.reason
    assert "'L521SN-77'" in meaning.reason


def test_lot_with_separator_before_the_serial_is_read(stock):
    meaning = _interpret(stock, f"0109501101530003" f"10L5{GS}21SN-77")
    assert isinstance(meaning, ProductScan)
    assert (meaning.lot, meaning.serial) == ("L5", "SN-77")


def test_internal_barcode_and_sku_both_find_the_product(stock):
    assert _interpret(stock, "WD-0007").sku == "INTERNAL-7"
    assert _interpret(stock, "INTERNAL-7").sku == "INTERNAL-7"


def test_location_barcode_is_the_location_and_says_when_it_is_blocked(stock):
    free = _interpret(stock, "A-01-01")
    blocked = _interpret(stock, "A-01-02\r")
    assert isinstance(free, LocationScan) and not free.blocked
    assert isinstance(blocked, LocationScan)
    assert (blocked.blocked, blocked.blocked_reason) == (True, "counting")
    assert "blocked: counting" in blocked.describe()


def test_code_used_by_a_product_and_a_location_is_refused(stock):
    with stock.write() as s:
        wh = factories.warehouse(s, "WH2")
        factories.bin_(s, wh, "B-1", barcode="WD-0007")
    meaning = _interpret(stock, "WD-0007")
    assert isinstance(meaning, UnknownScan)
    assert "product INTERNAL-7 and location B-1" in meaning.reason


def test_unknown_gtin_keeps_the_gs1_data_and_says_how_to_link_it(stock):
    meaning = _interpret(stock, f"]C10109506000134352{GS}10LX{GS}17270101")
    assert isinstance(meaning, UnknownScan)
    assert "GTIN 09506000134352 is not the barcode of any product" in meaning.reason
    assert meaning.gs1.lot == "LX"


def test_unknown_ean_says_it_is_not_a_known_barcode(stock):
    meaning = _interpret(stock, "96385074")
    assert isinstance(meaning, UnknownScan)
    assert "No product has the barcode 96385074" in meaning.reason


def test_unknown_digits_with_a_wrong_check_digit_report_the_check_digit(stock):
    meaning = _interpret(stock, "4006381333932")
    assert isinstance(meaning, UnknownScan)
    assert "wrong check digit" in meaning.reason


def test_unknown_text_says_what_to_check(stock):
    meaning = _interpret(stock, "ZZ-404")
    assert isinstance(meaning, UnknownScan)
    assert "'ZZ-404' is not the barcode of any product or location" in meaning.reason


def test_documents_and_commands_need_no_lookup(stock):
    assert isinstance(_interpret(stock, "SO-1001"), DocumentScan)
    assert isinstance(_interpret(stock, "CMD-DONE"), CommandScan)


def test_explain_gives_the_meaning_as_plain_data(stock):
    data = explain(_interpret(stock, f"]C10104006381333931{GS}10L42"))
    assert data["kind"] == "product"
    assert data["sku"] == "SHAMPOO-250"
    assert data["lot"] == "L42"
    assert data["raw"] == "]C10104006381333931<GS>10L42"
    assert data["symbology"] == "]C1"
    assert data["gs1"]["hri"] == "(01)04006381333931(10)L42"
