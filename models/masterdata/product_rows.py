"""Products as rows of a file: the columns, and the barcode cell `code;code*12` (a product's
barcodes separated by ';', a pack barcode followed by '*' and its pack quantity)."""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from models.masterdata.cells import cell_text, code_text, is_formula, numeric_barcode
from models.masterdata.fields import FieldError
from models.masterdata.products import BarcodeInput, ProductInput
from models.masterdata.raw_values import product_from_values

PRODUCT_COLUMNS = (
    "sku", "name", "alt_name", "category", "unit", "barcodes", "tracking", "expiry_tracked",
    "shelf_life_days", "min_remaining_days", "weight_g", "length_mm", "width_mm", "height_mm",
    "min_stock", "max_stock", "safety_stock", "standard_cost", "active",
)
#: Only the SKU: a re-import may carry just the columns it changes.
PRODUCT_REQUIRED = ("sku",)
_FLAGS = ("expiry_tracked", "active")
_ALL_FIELDS = [f.name for f in fields(ProductInput)]


def barcodes_text(barcodes: list[BarcodeInput]) -> str:
    """'6901234567892;26901234567896*12'."""
    return ";".join(b.code if b.pack_qty == 1 else f"{b.code}*{b.pack_qty}" for b in barcodes)


def parse_barcodes(errors: list[FieldError], value: Any) -> list[tuple[str, str]]:
    """(code, pack quantity) pairs from a barcode cell."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        digits = numeric_barcode(errors, value)
        return [(digits, "1")] if digits else []
    pairs = []
    for part in cell_text(value).split(";"):
        part = part.strip()
        if not part:
            continue
        code, _, qty = part.partition("*")
        code = code_text(errors, "barcodes", code.strip())
        if code:
            pairs.append((code, qty.strip() or "1"))
    return pairs


def _cell_values(cells: dict[str, Any], errors: list[FieldError]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for name, value in cells.items():
        if is_formula(value):
            errors.append(FieldError(name, f"'{value}' is a spreadsheet formula, not a value"))
        elif name == "barcodes":
            values[name] = parse_barcodes(errors, value)
        elif name == "sku":
            values[name] = code_text(errors, name, value)
        else:
            values[name] = cell_text(value)
    return values


def _fields(data: ProductInput) -> dict[str, Any]:
    # Shallow, unlike dataclasses.asdict, which deep-copies and was a third of an export.
    return {name: getattr(data, name) for name in _ALL_FIELDS}


def product_values(data: ProductInput) -> dict[str, Any]:
    """A stored product as raw values, for a row that leaves some columns out."""
    values = _fields(data)
    values["barcodes"] = [(b.code, b.pack_qty) for b in data.barcodes]
    return values


def product_from_row(cells: dict[str, Any], existing: ProductInput | None) -> ProductInput:
    """The product a row describes: the row's cells over the stored product's values (columns
    the file leaves out keep theirs). Raises ValidationFailed naming every bad cell."""
    errors: list[FieldError] = []
    values = product_values(existing) if existing is not None else {}
    values |= _cell_values(cells, errors)
    if not values.get("unit"):
        values["unit"] = "pcs"
    return product_from_values(values, errors=errors)


def product_row(data: ProductInput) -> list[Any]:
    """A product's cells in PRODUCT_COLUMNS order."""
    values = _fields(data)
    values["barcodes"] = barcodes_text(data.barcodes)
    for name in _FLAGS:
        values[name] = "yes" if values[name] else "no"
    return [values[name] for name in PRODUCT_COLUMNS]
