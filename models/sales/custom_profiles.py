"""Custom mapping profiles: the columns of another shop's order export (a WeChat mini-shop,
Youzan, Kuaishou…) mapped to order fields by a user, kept in the shared database beside the
built-in profiles, checked against a sample of the export before they are saved."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import audit
from models.actor import Actor
from models.entities import OrderMapping, Platform
from models.errors import NotFound
from models.masterdata.fields import FieldError, ValidationFailed
from models.masterdata.table_reading import normalize_header
from models.permissions import Perm
from models.sales.orders import TEXT_SIZES
from models.sales.profiles import BUILTIN, FIELDS, OrderProfile

#: Fields every mapping must give a column: without them no order can be imported.
REQUIRED = ("number", "ordered_at", "sku", "qty")
#: A line's price: its unit price, or its total (divided by the quantity); one is needed.
PRICES = ("unit_price", "line_total")
_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,31}$")
_TITLE_SIZE = 100


@dataclass(frozen=True)
class SavedMapping:
    """A mapping as saved, and the built-in profile that recognises its sample first (its
    files are then read by that one unless the mapping is chosen by name)."""

    profile: OrderProfile
    created: bool
    recognised_as: str = ""


def _profile(row: OrderMapping) -> OrderProfile:
    return profile_of(row.name, row.columns, title=row.title or row.name, repeats=row.repeats,
                      currency=row.currency, country=row.country, zone_hours=row.zone_hours)


def custom_profiles(session: Session) -> list[OrderProfile]:
    """Every custom profile, by name."""
    return [_profile(row) for row in session.scalars(
        select(OrderMapping).order_by(OrderMapping.name))]


def _row(session: Session, name: str) -> OrderMapping:
    row = session.scalar(select(OrderMapping).where(
        OrderMapping.name == name.strip().lower()))
    if row is None:
        known = ", ".join(session.scalars(select(OrderMapping.name)
                                          .order_by(OrderMapping.name))) or "none yet"
        raise NotFound(f"There is no custom order mapping '{name}' (mappings: {known}).")
    return row


def custom_profile(session: Session, name: str) -> OrderProfile:
    """The custom profile of this name; NotFound naming the ones there are."""
    return _profile(_row(session, name))


def _name_errors(session: Session, name: str, *, keep: int | None = None) -> list[FieldError]:
    if not name:
        return [FieldError("name", "is required")]
    if not _NAME.match(name):
        return [FieldError("name", f"'{name}' must be 1-32 of a-z, 0-9, _ and -, starting "
                           "with a letter or digit")]
    if name in BUILTIN:
        return [FieldError("name", f"'{name}' is a built-in profile; choose another name")]
    taken = session.scalar(select(OrderMapping.id).where(OrderMapping.name == name))
    if taken is not None and taken != keep:
        return [FieldError("name", f"there is a mapping '{name}' already")]
    return []


def mapping_errors(profile: OrderProfile, header: Sequence[str]) -> list[FieldError]:
    """What keeps `profile` from reading a file with this header, field by field: required
    fields without a column, columns the file does not have, bad options."""
    errors = [FieldError(name, "is not an order field") for name in profile.columns
              if name not in FIELDS]
    mapped = {name for name, columns in profile.columns.items() if any(columns)}
    errors += [FieldError(name, "is required: choose the column that holds it")
               for name in REQUIRED if name not in mapped]
    if not mapped & set(PRICES):
        errors.append(FieldError("unit_price", "choose the column of the unit price, or of "
                                 "the line total"))
    present = {normalize_header(h) for h in header}
    for name, columns in profile.columns.items():
        errors += [FieldError(name, f"the file has no column '{column}'")
                   for column in columns if normalize_header(column) not in present]
    if len(profile.title) > _TITLE_SIZE:
        errors.append(FieldError("title", f"is longer than {_TITLE_SIZE} characters"))
    if len(profile.currency) != 3 or not profile.currency.isalpha():
        errors.append(FieldError("currency", f"'{profile.currency}' is not a currency code "
                                 "like CNY or USD"))
    if len(profile.country) > TEXT_SIZES["country"]:
        errors.append(FieldError("country", f"is longer than {TEXT_SIZES['country']} "
                                 "characters"))
    if not -12 <= profile.zone_hours <= 14:
        errors.append(FieldError("zone_hours", f"UTC{profile.zone_hours:+d} is no time zone: "
                                 "give an offset from -12 to +14 hours"))
    return errors


def save_mapping(session: Session, actor: Actor, profile: OrderProfile, *,
                 header: Sequence[str]) -> SavedMapping:
    """Create the custom profile, or replace the one of its name; `header` is a sample
    export's, which must have every column mapped. ValidationFailed naming each problem."""
    actor.require(Perm.ORDERS_IMPORT)
    name = profile.name.strip().lower()
    row = session.scalar(select(OrderMapping).where(OrderMapping.name == name))
    errors = _name_errors(session, name, keep=row.id if row else None)
    errors += mapping_errors(profile, header)
    if errors:
        raise ValidationFailed(f"Mapping {name or '(no name)'}", errors)
    created = row is None
    if row is None:
        row = OrderMapping(name=name)
        session.add(row)
    row.title = profile.title.strip()
    row.columns = {field: [c.strip() for c in profile.columns[field]]
                   for field in FIELDS if profile.columns.get(field)}
    row.repeats, row.currency = profile.repeats, profile.currency.upper()
    row.country, row.zone_hours = profile.country.strip().upper(), profile.zone_hours
    session.flush()
    audit.record(session, actor, "order_mapping.save", entity="order_mapping",
                 entity_id=row.id, name=row.name, columns=row.columns, repeats=row.repeats,
                 currency=row.currency, country=row.country, zone_hours=row.zone_hours)
    recognised = next((p.name for p in BUILTIN.values() if p.matches(header)), "")
    return SavedMapping(_profile(row), created, recognised)


def rename_mapping(session: Session, actor: Actor, *, name: str, new_name: str) -> OrderProfile:
    """Give a custom profile another name."""
    actor.require(Perm.ORDERS_IMPORT)
    row = _row(session, name)
    target = new_name.strip().lower()
    errors = _name_errors(session, target, keep=row.id)
    if errors:
        raise ValidationFailed(f"Mapping {row.name}", errors)
    old, row.name = row.name, target
    session.flush()
    audit.record(session, actor, "order_mapping.rename", entity="order_mapping",
                 entity_id=row.id, name=row.name, old_name=old)
    return _profile(row)


def delete_mapping(session: Session, actor: Actor, *, name: str) -> None:
    """Delete a custom profile; orders imported through it stay as they are."""
    actor.require(Perm.ORDERS_IMPORT)
    row = _row(session, name)
    session.delete(row)
    session.flush()
    audit.record(session, actor, "order_mapping.delete", entity="order_mapping",
                 entity_id=row.id, name=row.name)


def profile_of(name: str, columns: Mapping[str, Sequence[str]], *, title: str = "",
               repeats: bool = True, currency: str = "CNY", country: str = "",
               zone_hours: int = 8) -> OrderProfile:
    """A custom profile as a user gives it (before it is checked and saved)."""
    kept = {field: tuple(c.strip() for c in cols if c.strip())
            for field, cols in columns.items()}
    # Every mapped column identifies the layout: a file with all of them is this export.
    return OrderProfile(name=name.strip().lower(), platform=Platform.OTHER,
                        title=title.strip(), columns={f: c for f, c in kept.items() if c},
                        repeats=repeats, currency=currency.strip().upper(),
                        country=country.strip().upper(), zone_hours=zone_hours,
                        signature=tuple(dict.fromkeys(c for cols in kept.values()
                                                      for c in cols)))
