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
from models.masterdata.listing import ProductListRow, product_list
from models.masterdata.products import ProductInput
from models.masterdata.raw_values import product_from_values


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
        product = products.save_product(session, actor, product_from_values(values),
                                        product_id=product_id)
        return SavedProduct(product.id, products.product_input(product))
    return Op.change(writing(change), changes={"products", "stock"})

