"""Which product a SKU typed into an order line means, among those a lookup found."""

from __future__ import annotations

from models.masterdata.listing import ProductListRow


def best_match(sku: str, found: list[ProductListRow]) -> ProductListRow | None:
    """The product whose SKU is `sku` (any case), else the only one starting with it."""
    exact = [p for p in found if p.sku.upper() == sku.upper()]
    starting = [p for p in found if p.sku.upper().startswith(sku.upper())]
    return exact[0] if exact else starting[0] if len(starting) == 1 else None


def product_label(product: ProductListRow) -> str:
    """A product's name and its other-language name, as an order line shows them."""
    return f"{product.name} {product.alt_name}".strip()
