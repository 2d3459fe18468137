"""Creating and editing suppliers, with the over-receipt rule receiving applies to their
orders."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from models import audit
from models.actor import Actor
from models.entities import BeyondTolerance, Supplier
from models.errors import NotFound
from models.masterdata.fields import FieldError, ValidationFailed, flag, optional_int, text
from models.permissions import Perm
from models.text_match import contains, starts_with

_CODE = re.compile(r"^[^\s\x00-\x1f]+$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MAX_TOLERANCE_PCT = 1000


@dataclass
class SupplierInput:
    """Everything the editor or the command line says about a supplier."""

    code: str
    name: str
    contact: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""
    over_receipt_pct: int = 0
    over_receipt_beyond: str = BeyondTolerance.BLOCK
    active: bool = True


def check_supplier(data: SupplierInput) -> list[FieldError]:
    """Every problem with the supplier's own fields (no database needed)."""
    errors: list[FieldError] = []
    if not data.code:
        errors.append(FieldError("code", "is required"))
    elif len(data.code) > 32 or not _CODE.match(data.code):
        errors.append(FieldError("code", "is at most 32 characters, without spaces"))
    if not data.name:
        errors.append(FieldError("name", "is required"))
    for name, limit in (("name", 255), ("contact", 255), ("phone", 64), ("email", 255),
                        ("address", 500)):
        if len(getattr(data, name)) > limit:
            errors.append(FieldError(name, f"is at most {limit} characters"))
    if data.email and not _EMAIL.match(data.email):
        errors.append(FieldError("email", f"'{data.email}' is not an e-mail address"))
    if not 0 <= data.over_receipt_pct <= MAX_TOLERANCE_PCT:
        errors.append(FieldError("over_receipt_pct",
                                 f"must be between 0 and {MAX_TOLERANCE_PCT} percent"))
    if data.over_receipt_beyond not in tuple(BeyondTolerance):
        errors.append(FieldError("over_receipt_beyond",
                                 f"'{data.over_receipt_beyond}' is not warn or block"))
    return errors


def supplier_from_values(values: Mapping[str, Any]) -> SupplierInput:
    """A SupplierInput from raw form values; raises ValidationFailed naming every bad field."""
    errors: list[FieldError] = []
    pct = optional_int(errors, "over_receipt_pct", values.get("over_receipt_pct"))
    data = SupplierInput(
        code=text(values.get("code")), name=text(values.get("name")),
        contact=text(values.get("contact")), phone=text(values.get("phone")),
        email=text(values.get("email")), address=text(values.get("address")),
        over_receipt_pct=pct or 0,
        over_receipt_beyond=text(values.get("over_receipt_beyond")).lower()
        or BeyondTolerance.BLOCK,
        active=flag(errors, "active", values.get("active"), True))
    if errors:
        raise ValidationFailed(f"Supplier {data.code or '(no code)'}",
                               errors + check_supplier(data))
    return data


def supplier_input(supplier: Supplier) -> SupplierInput:
    """The editable fields of a stored supplier."""
    return SupplierInput(
        code=supplier.code, name=supplier.name, contact=supplier.contact, phone=supplier.phone,
        email=supplier.email, address=supplier.address,
        over_receipt_pct=supplier.over_receipt_pct,
        over_receipt_beyond=supplier.over_receipt_beyond, active=supplier.active)


def load_supplier(session: Session, supplier_id: int) -> Supplier:
    """A supplier by id, or NotFound."""
    supplier = session.get(Supplier, supplier_id)
    if supplier is None:
        raise NotFound(f"There is no supplier with id {supplier_id}.")
    return supplier


def supplier_by_code(session: Session, code: str) -> Supplier:
    """A supplier by code, or NotFound."""
    supplier = session.scalars(select(Supplier).where(Supplier.code == code.strip())).first()
    if supplier is None:
        raise NotFound(f"There is no supplier {code.strip()}; add it under Suppliers first.")
    return supplier


def save_supplier(session: Session, actor: Actor, data: SupplierInput, *,
                  supplier_id: int | None = None) -> Supplier:
    """Create a supplier (supplier_id None) or update one; raises ValidationFailed listing
    every bad field."""
    actor.require(Perm.PURCHASING_EDIT)
    supplier = load_supplier(session, supplier_id) if supplier_id is not None else None
    errors = check_supplier(data)
    if not errors:
        other = session.scalar(select(Supplier.id).where(Supplier.code == data.code))
        if other is not None and (supplier is None or other != supplier.id):
            errors.append(FieldError("code", f"{data.code} is used by another supplier"))
    if errors:
        raise ValidationFailed(f"Supplier {data.code or '(no code)'}", errors)
    if supplier is None:
        supplier = Supplier(code=data.code)
        session.add(supplier)
    for name in ("code", "name", "contact", "phone", "email", "address", "over_receipt_pct",
                 "over_receipt_beyond", "active"):
        setattr(supplier, name, getattr(data, name))
    session.flush()
    audit.record(session, actor, "supplier.create" if supplier_id is None else
                 "supplier.update", entity="supplier", entity_id=supplier.id, code=data.code)
    return supplier


@dataclass(frozen=True)
class SupplierRow:
    """A supplier as lists and pickers show it."""

    id: int
    code: str
    name: str
    contact: str
    phone: str
    over_receipt_pct: int
    over_receipt_beyond: str
    active: bool


def supplier_list(session: Session, text: str = "", *,
                  active_only: bool = False) -> list[SupplierRow]:
    """Suppliers whose code starts with `text` or whose name contains it, by code."""
    stmt = select(Supplier.id, Supplier.code, Supplier.name, Supplier.contact, Supplier.phone,
                  Supplier.over_receipt_pct, Supplier.over_receipt_beyond, Supplier.active)
    text = text.strip()
    if text:
        stmt = stmt.where(or_(starts_with(Supplier.code, text), contains(Supplier.name, text)))
    if active_only:
        stmt = stmt.where(Supplier.active.is_(True))
    return [SupplierRow(*row) for row in session.execute(stmt.order_by(Supplier.code))]
