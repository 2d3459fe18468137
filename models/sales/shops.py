"""Shops: where sales orders come from. An order number is unique within its shop."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import audit
from models.actor import Actor
from models.entities import Platform, Shop
from models.errors import NotFound
from models.masterdata.fields import FieldError, ValidationFailed
from models.permissions import Perm

_CODE = re.compile(r"^[A-Z0-9][A-Z0-9_-]{0,31}$")
_PHONE = re.compile(r"^\+?[\d\- ]{5,20}$")  # as the waybills' phone field takes it


@dataclass(frozen=True)
class ShopInput:
    """What a shop is created or edited from."""

    code: str
    name: str
    platform: str
    active: bool = True
    sender_phone: str = ""
    sender_address: str = ""


def check_shop(data: ShopInput) -> list[FieldError]:
    """Every problem of the values, in words a user can act on."""
    errors = []
    if not _CODE.match(data.code):
        errors.append(FieldError("code", f"'{data.code}' must be 1-32 of A-Z, 0-9, - and _, "
                                 "e.g. TMALL-1"))
    if not data.name.strip():
        errors.append(FieldError("name", "is required"))
    if data.platform not in list(Platform):
        errors.append(FieldError("platform", f"'{data.platform}' is not one of "
                                 f"{', '.join(Platform)}"))
    phone = data.sender_phone.strip()
    if phone and not _PHONE.match(phone):
        errors.append(FieldError("sender_phone", f"'{phone}' is not a phone number"))
    if len(data.sender_address.strip()) > 500:
        errors.append(FieldError("sender_address", "is longer than 500 characters"))
    return errors


def save_shop(session: Session, actor: Actor, data: ShopInput) -> Shop:
    """Create the shop, or update the one with this code."""
    actor.require(Perm.ORDERS_IMPORT)
    errors = check_shop(data)
    if errors:
        raise ValidationFailed(f"Shop {data.code or '(no code)'}", errors)
    shop = session.scalar(select(Shop).where(Shop.code == data.code))
    if shop is None:
        shop = Shop(code=data.code)
        session.add(shop)
    shop.name, shop.platform, shop.active = data.name.strip(), data.platform, data.active
    shop.sender_phone = data.sender_phone.strip()
    shop.sender_address = data.sender_address.strip()
    session.flush()
    audit.record(session, actor, "shop.save", entity="shop", entity_id=shop.id,
                 code=shop.code, platform=shop.platform, active=shop.active)
    return shop


def shop_by_code(session: Session, code: str) -> Shop:
    """The shop with this code (any case); NotFound naming the shops there are."""
    shop = session.scalar(select(Shop).where(Shop.code == code.strip().upper()))
    if shop is None:
        known = ", ".join(session.scalars(select(Shop.code).order_by(Shop.code))) or "none yet"
        raise NotFound(f"There is no shop {code} (shops: {known}); add it with "
                       "`waredesk shop add`.")
    return shop


def shop_list(session: Session) -> list[Shop]:
    """Every shop, by code."""
    return list(session.scalars(select(Shop).order_by(Shop.code)))
