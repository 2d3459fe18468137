"""Barcodes a product or location may not have: those WareDesk prints on its own documents and
command sheet, which a scan would read as the document or command instead."""

from __future__ import annotations

from models.masterdata.locations import LocationInput, check_location
from models.masterdata.products import BarcodeInput, ProductInput, check_product


def _product(code: str) -> list[str]:
    data = ProductInput(sku="TEA-01", name="Tea", barcodes=[BarcodeInput(code)])
    return [str(e) for e in check_product(data)]


def test_a_product_barcode_that_scans_as_a_document_or_command_is_refused():
    for code in ("PO-1001", "SO-88", "WAVE-3", "TOTE-12", "COUNT-5", "CMD-DONE"):
        assert any("keeps those for its documents" in e for e in _product(code)), code


def test_codes_that_only_look_alike_are_allowed():
    assert _product("POT-1") == [] and _product("po-1001") == [] and _product("X-PO-1") == []


def test_a_location_whose_code_or_barcode_scans_as_a_document_is_refused():
    by_code = check_location(LocationInput(warehouse="WH1", code="TOTE-01"))
    by_barcode = check_location(LocationInput(warehouse="WH1", code="T-01", barcode="CMD-DONE"))
    assert [e.field for e in by_code] == ["code"]
    assert [e.field for e in by_barcode] == ["barcode"]
    assert check_location(LocationInput(warehouse="WH1", code="A-01-1")) == []
