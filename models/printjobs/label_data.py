"""Live data for a label preview: a product found by SKU, or a location by its code, as the
values templates name (sku, name, barcode... ; code, zone, warehouse...)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models.entities import Barcode, Location, Product, Warehouse
from models.errors import NotFound


def product_label_data(session: Session, sku: str) -> dict[str, Any]:
    """The values of the product with this SKU (or one of its barcodes)."""
    wanted = sku.strip()
    product = session.scalar(select(Product).where(func.lower(Product.sku) == wanted.lower()))
    if product is None:
        product = session.scalar(select(Product).join(Barcode).where(Barcode.code == wanted))
    if product is None:
        raise NotFound(f"There is no product with SKU or barcode '{wanted}'.")
    barcode = session.scalar(select(Barcode.code).where(
        Barcode.product_id == product.id, Barcode.pack_qty == 1).order_by(Barcode.id)) or ""
    return {"sku": product.sku, "name": product.name, "alt_name": product.alt_name,
            "category": product.category, "unit": product.unit, "barcode": barcode,
            "gtin": barcode if barcode.isdigit() else "",
            "weight_g": str(product.weight_g) if product.weight_g is not None else ""}


def location_label_data(session: Session, code: str) -> dict[str, Any]:
    """The values of the location with this code or barcode."""
    wanted = code.strip()
    row = session.execute(
        select(Location, Warehouse.code).outerjoin(Warehouse)
        .where((func.lower(Location.code) == wanted.lower()) | (Location.barcode == wanted))
        .order_by(Location.id)).first()
    if row is None:
        raise NotFound(f"There is no location with code or barcode '{wanted}'.")
    location, warehouse = row
    return {"code": location.code, "location": location.code, "name": location.name,
            "barcode": location.barcode, "zone": location.zone, "type": location.type,
            "location_type": location.type.replace("_", " ").capitalize(),
            "warehouse": warehouse or ""}
