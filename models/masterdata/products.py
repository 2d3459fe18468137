"""Creating and editing products and their barcodes, with validation shared by the editor and
the importers."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field, fields
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from models import audit
from models.actor import Actor
from models.entities import Barcode, Product, Quant, Tracking
from models.errors import NotFound
from models.gtin import is_valid_gtin, looks_like_gtin
from models.masterdata.fields import FieldError, ValidationFailed
from models.permissions import Perm
from models.scanning.conventions import RESERVED_MESSAGE, is_reserved

_CODE = re.compile(r"^[^\s\x00-\x1f]+(?: [^\s\x00-\x1f]+)*$")


@dataclass
class BarcodeInput:
    """A barcode of the product or of a pack of it."""

    code: str
    pack_qty: int = 1


@dataclass
class ProductInput:
    """Everything an editor or an import row says about a product."""

    sku: str
    name: str
    alt_name: str = ""
    category: str = ""
    unit: str = "pcs"
    weight_g: Decimal | None = None
    length_mm: Decimal | None = None
    width_mm: Decimal | None = None
    height_mm: Decimal | None = None
    tracking: str = Tracking.NONE
    expiry_tracked: bool = False
    shelf_life_days: int | None = None
    min_remaining_days: int | None = None
    min_stock: int | None = None
    max_stock: int | None = None
    safety_stock: int | None = None
    standard_cost: Decimal | None = None
    active: bool = True
    barcodes: list[BarcodeInput] = field(default_factory=list)


def check_product(data: ProductInput) -> list[FieldError]:
    """Every problem with the product's own fields (no database needed)."""
    errors: list[FieldError] = []
    if not data.sku:
        errors.append(FieldError("sku", "is required"))
    elif len(data.sku) > 64 or not _CODE.match(data.sku):
        errors.append(FieldError("sku", "is at most 64 characters, without tabs or line breaks"))
    if not data.name:
        errors.append(FieldError("name", "is required"))
    elif len(data.name) > 255:
        errors.append(FieldError("name", "is at most 255 characters"))
    if len(data.alt_name) > 255:
        errors.append(FieldError("alt_name", "is at most 255 characters"))
    if not data.unit or len(data.unit) > 16:
        errors.append(FieldError("unit", "is required, at most 16 characters"))
    if data.tracking not in tuple(Tracking):
        errors.append(FieldError("tracking", f"'{data.tracking}' is not none, lot or serial"))
    if data.expiry_tracked and data.tracking == Tracking.NONE:
        errors.append(FieldError("expiry_tracked", "expiry is kept per lot: set tracking to "
                                 "lot or serial"))
    if data.shelf_life_days is not None and data.shelf_life_days <= 0:
        errors.append(FieldError("shelf_life_days", "must be more than zero"))
    if (data.min_remaining_days is not None and data.shelf_life_days is not None
            and data.min_remaining_days > data.shelf_life_days):
        errors.append(FieldError("min_remaining_days", "cannot exceed the shelf life"))
    if (data.min_stock is not None and data.max_stock is not None
            and data.min_stock > data.max_stock):
        errors.append(FieldError("max_stock", "must be at least the minimum stock"))
    if (data.safety_stock is not None and data.max_stock is not None
            and data.safety_stock > data.max_stock):
        errors.append(FieldError("safety_stock", "cannot exceed the maximum stock"))
    seen: set[str] = set()
    for barcode in data.barcodes:
        errors.extend(_check_barcode(barcode, seen))
    return errors


def _check_barcode(barcode: BarcodeInput, seen: set[str]) -> list[FieldError]:
    code = barcode.code
    if not code:
        return [FieldError("barcodes", "a barcode is empty")]
    if len(code) > 64 or not _CODE.match(code):
        return [FieldError("barcodes", f"'{code}' is too long or has tabs or line breaks")]
    if code in seen:
        return [FieldError("barcodes", f"'{code}' is listed twice")]
    seen.add(code)
    if is_reserved(code):
        return [FieldError("barcodes", f"'{code}' {RESERVED_MESSAGE}")]
    if looks_like_gtin(code) and not is_valid_gtin(code):
        return [FieldError("barcodes", f"'{code}' has a wrong check digit")]
    if barcode.pack_qty < 1:
        return [FieldError("barcodes", f"the pack quantity of '{code}' must be at least 1")]
    return []


def product_input(product: Product) -> ProductInput:
    """The editable fields of an existing product."""
    return ProductInput(
        sku=product.sku, name=product.name, alt_name=product.alt_name,
        category=product.category, unit=product.unit, weight_g=product.weight_g,
        length_mm=product.length_mm, width_mm=product.width_mm, height_mm=product.height_mm,
        tracking=product.tracking, expiry_tracked=product.expiry_tracked,
        shelf_life_days=product.shelf_life_days, min_remaining_days=product.min_remaining_days,
        min_stock=product.min_stock, max_stock=product.max_stock,
        safety_stock=product.safety_stock, standard_cost=product.standard_cost,
        active=product.active,
        barcodes=[BarcodeInput(b.code, b.pack_qty) for b in product.barcodes],
    )


_FIELDS = [f.name for f in fields(ProductInput) if f.name != "barcodes"]


def product_inputs(session: Session, where: Any, *,
                   limit: int | None = None) -> list[tuple[int, ProductInput]]:
    """(id, editable fields) of the products matching `where`, in SKU order; read as plain
    columns rather than entities, for imports and exports of many rows."""
    table = Product.__table__
    rows = session.execute(select(table.c.id, *(table.c[name] for name in _FIELDS))
                           .where(where).order_by(table.c.sku).limit(limit)).all()
    codes: dict[int, list[BarcodeInput]] = defaultdict(list)
    ids = [row.id for row in rows]
    for start in range(0, len(ids), 5_000):
        for product_id, code, pack_qty in session.execute(
                select(Barcode.product_id, Barcode.code, Barcode.pack_qty)
                .where(Barcode.product_id.in_(ids[start:start + 5_000])).order_by(Barcode.id)):
            codes[product_id].append(BarcodeInput(code, pack_qty))
    return [(row.id, ProductInput(**{name: row._mapping[name] for name in _FIELDS},
                                  barcodes=codes[row.id])) for row in rows]


def load_product(session: Session, product_id: int) -> Product:
    """A product with its barcodes, or NotFound."""
    product = session.scalars(select(Product).options(selectinload(Product.barcodes))
                              .where(Product.id == product_id)).one_or_none()
    if product is None:
        raise NotFound(f"There is no product with id {product_id}.")
    return product


def _check_against_database(session: Session, data: ProductInput,
                            product: Product | None) -> list[FieldError]:
    errors: list[FieldError] = []
    other = session.scalar(select(Product.id).where(Product.sku == data.sku))
    if other is not None and (product is None or other != product.id):
        errors.append(FieldError("sku", f"{data.sku} is used by another product"))
    codes = [b.code for b in data.barcodes]
    if codes:
        clashes = session.execute(
            select(Barcode.code, Product.sku).join(Product, Product.id == Barcode.product_id)
            .where(Barcode.code.in_(codes))
            .where(Barcode.product_id != (product.id if product else -1))
        ).all()
        errors.extend(FieldError("barcodes", f"'{code}' already belongs to {sku}")
                      for code, sku in clashes)
    if product is not None and data.tracking != product.tracking:
        in_stock = session.scalar(select(func.coalesce(func.sum(Quant.on_hand), 0))
                                  .where(Quant.product_id == product.id))
        if in_stock:
            errors.append(FieldError("tracking", f"cannot change while {in_stock} units are in "
                                     "stock; ship or adjust them out first"))
    return errors


def save_product(session: Session, actor: Actor, data: ProductInput, *,
                 product_id: int | None = None) -> Product:
    """Create a product (product_id None) or update one; raises ValidationFailed listing every
    bad field."""
    actor.require(Perm.PRODUCTS_EDIT)
    product = load_product(session, product_id) if product_id is not None else None
    errors = check_product(data)
    if not errors:
        errors = _check_against_database(session, data, product)
    if errors:
        raise ValidationFailed(f"Product {data.sku or '(no SKU)'}", errors)
    if product is None:
        product = Product(sku=data.sku)
        session.add(product)
    _apply(product, data)
    session.flush()
    audit.record(session, actor, "product.create" if product_id is None else "product.update",
                 entity="product", entity_id=product.id, sku=product.sku)
    return product


def _apply(product: Product, data: ProductInput) -> None:
    for name in ("sku", "name", "alt_name", "category", "unit", "weight_g", "length_mm",
                 "width_mm", "height_mm", "tracking", "expiry_tracked", "shelf_life_days",
                 "min_remaining_days", "min_stock", "max_stock", "safety_stock",
                 "standard_cost", "active"):
        setattr(product, name, getattr(data, name))
    wanted = {b.code: b.pack_qty for b in data.barcodes}
    for barcode in list(product.barcodes):
        if barcode.code in wanted:
            barcode.pack_qty = wanted.pop(barcode.code)
        else:
            product.barcodes.remove(barcode)
    product.barcodes.extend(Barcode(code=code, pack_qty=qty) for code, qty in wanted.items())


def product_id_by_sku(session: Session, sku: str) -> int:
    """The id of the product with this SKU, or NotFound."""
    product_id = session.scalar(select(Product.id).where(Product.sku == sku))
    if product_id is None:
        raise NotFound(f"There is no product with SKU {sku}.")
    return product_id

