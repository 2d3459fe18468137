"""The demo catalogue: products read from resources/demo/products.json."""

from __future__ import annotations

import json
from decimal import Decimal
from importlib import resources
from typing import Any

from models.masterdata.products import BarcodeInput, ProductInput

_DECIMALS = ("weight_g", "length_mm", "width_mm", "height_mm", "standard_cost")


def _product(row: dict[str, Any]) -> ProductInput:
    values = dict(row)
    for name in _DECIMALS:
        if values.get(name) is not None:
            values[name] = Decimal(values[name])
    values["barcodes"] = [BarcodeInput(b["code"], b.get("pack_qty", 1))
                          for b in values.get("barcodes", [])]
    return ProductInput(**values)


def demo_products() -> list[ProductInput]:
    """Every product of the demo catalogue, as the editor would save it."""
    source = resources.files("resources") / "demo" / "products.json"
    document = json.loads(source.read_text(encoding="utf-8"))
    return [_product(row) for row in document["products"]]
