"""Turning raw values (what an editor form holds, or the cells of an import row) into a
ProductInput or LocationInput, naming every value that cannot be read."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from models.masterdata.fields import (
    FieldError,
    ValidationFailed,
    flag,
    optional_decimal,
    optional_int,
    text,
)
from models.masterdata.locations import LocationInput, check_location
from models.masterdata.products import BarcodeInput, ProductInput, check_product

DECIMAL_FIELDS = ("weight_g", "length_mm", "width_mm", "height_mm", "standard_cost")
INT_FIELDS = ("shelf_life_days", "min_remaining_days", "min_stock", "max_stock",
              "safety_stock")


def product_from_values(values: Mapping[str, Any], *,
                        errors: list[FieldError] | None = None) -> ProductInput:
    """A ProductInput from raw values (text, yes/no, and barcodes as (code, pack quantity)
    pairs); raises ValidationFailed naming every field that is not a valid value, together
    with the errors already found in `errors`."""
    errors = list(errors or [])
    numbers: dict[str, Any] = {name: optional_decimal(errors, name, values.get(name))
                               for name in DECIMAL_FIELDS}
    numbers |= {name: optional_int(errors, name, values.get(name)) for name in INT_FIELDS}
    barcodes = []
    for code, pack in values.get("barcodes", ()):
        qty = optional_int(errors, "barcodes", pack, minimum=1)
        barcodes.append(BarcodeInput(text(code), qty or 1))
    data = ProductInput(
        sku=text(values.get("sku")), name=text(values.get("name")),
        alt_name=text(values.get("alt_name")), category=text(values.get("category")),
        unit=text(values.get("unit")), tracking=text(values.get("tracking")) or "none",
        expiry_tracked=flag(errors, "expiry_tracked", values.get("expiry_tracked"), False),
        active=flag(errors, "active", values.get("active"), True),
        barcodes=barcodes, **numbers)
    if errors:
        # Report the other fields' problems too, so one save shows everything to correct.
        raise ValidationFailed(f"Product {data.sku or '(no SKU)'}",
                               errors + check_product(data))
    return data


def location_from_values(values: Mapping[str, Any], *,
                         errors: list[FieldError] | None = None) -> LocationInput:
    """A LocationInput from raw values; raises ValidationFailed naming every field that is not
    a valid value, together with the errors already found in `errors`."""
    errors = list(errors or [])
    data = LocationInput(
        warehouse=text(values.get("warehouse")), code=text(values.get("code")),
        name=text(values.get("name")), kind=text(values.get("kind")),
        type=text(values.get("type")), zone=text(values.get("zone")),
        walk_seq=optional_int(errors, "walk_seq", values.get("walk_seq")) or 0,
        barcode=text(values.get("barcode")), parent=text(values.get("parent")),
        capacity=optional_int(errors, "capacity", values.get("capacity"), minimum=1),
        blocked=flag(errors, "blocked", values.get("blocked"), False),
        blocked_reason=text(values.get("blocked_reason")),
        active=flag(errors, "active", values.get("active"), True))
    if errors:
        raise ValidationFailed(f"Location {data.code or '(no code)'}",
                               errors + check_location(data))
    return data
