"""Finding, loading and saving products for the product list and editor."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from app.ops.sessions import reading, writing
from app.runner import Op
from models.actor import Actor
from models.masterdata import products
from models.masterdata.fields import (
    FieldError,
    ValidationFailed,
    flag,
    optional_decimal,
    optional_int,
    text,
)
from models.masterdata.listing import ProductListRow, product_list
from models.masterdata.products import BarcodeInput, ProductInput, check_product

DECIMAL_FIELDS = ("weight_g", "length_mm", "width_mm", "height_mm", "standard_cost")
INT_FIELDS = ("shelf_life_days", "min_remaining_days", "min_stock", "max_stock",
              "safety_stock")


def product_from_form(values: Mapping[str, Any]) -> ProductInput:
    """A ProductInput from an editor's raw values (text, yes/no, and barcodes as (code, pack
    quantity) pairs); raises ValidationFailed naming every field that is not a valid value."""
    errors: list[FieldError] = []
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


@dataclass(frozen=True)
class SavedProduct:
    """A product as it is stored after a save."""

    id: int
    data: ProductInput


def list_products(*, text: str, after: str | None) -> Op[list[ProductListRow]]:
    """The next page of products matching what was typed into the list's search."""
    return Op.query(reading(lambda s: product_list(s, text, after=after)))


def load_product(*, product_id: int) -> Op[ProductInput]:
    """A product's editable fields."""
    return Op.query(reading(
        lambda s: products.product_input(products.load_product(s, product_id))))


def save_product(*, actor: Actor, values: Mapping[str, Any],
                 product_id: int | None) -> Op[SavedProduct]:
    """Create (product_id None) or update a product from the editor's values; fails with
    ValidationFailed listing every bad field."""
    def change(session: Session) -> SavedProduct:
        product = products.save_product(session, actor, product_from_form(values),
                                        product_id=product_id)
        return SavedProduct(product.id, products.product_input(product))
    return Op.change(writing(change), changes={"products", "stock"})

