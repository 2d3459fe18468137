"""Creating and editing warehouses and locations, with validation shared by the editor, the
importers and the bulk pattern generator."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models import audit
from models.actor import Actor
from models.entities import (
    VIRTUAL_TYPES,
    Location,
    LocationKind,
    LocationType,
    Quant,
    Warehouse,
)
from models.errors import InputError, NotFound
from models.masterdata.fields import FieldError, ValidationFailed
from models.permissions import Perm
from models.scanning.conventions import RESERVED_MESSAGE, is_reserved

_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$")

# Higher levels come first: a location's parent must be of an earlier kind.
KIND_ORDER = [LocationKind.ZONE, LocationKind.AISLE, LocationKind.RACK, LocationKind.LEVEL,
              LocationKind.BIN]
USER_TYPES = [t for t in LocationType if t not in VIRTUAL_TYPES]


@dataclass
class LocationInput:
    """Everything an editor or an import row says about a location."""

    warehouse: str
    code: str
    name: str = ""
    kind: str = LocationKind.BIN
    type: str = LocationType.STORAGE
    zone: str = ""
    walk_seq: int = 0
    barcode: str = ""
    parent: str = ""
    capacity: int | None = None
    blocked: bool = False
    blocked_reason: str = ""
    active: bool = True


def check_location(data: LocationInput) -> list[FieldError]:
    """Every problem with the location's own fields (no database needed)."""
    errors: list[FieldError] = []
    if not data.warehouse:
        errors.append(FieldError("warehouse", "is required"))
    if not _CODE.match(data.code):
        errors.append(FieldError("code", "is 1 to 64 letters, digits, '.', '_', '/' or '-', "
                                 "starting with a letter or digit"))
    if data.barcode and not _CODE.match(data.barcode):
        errors.append(FieldError("barcode", "is 1 to 64 letters, digits, '.', '_', '/' or '-'"))
    if is_reserved(data.barcode or data.code):
        errors.append(FieldError("barcode" if data.barcode else "code", RESERVED_MESSAGE))
    if data.kind not in KIND_ORDER:
        errors.append(FieldError("kind", f"'{data.kind}' is not one of "
                                 f"{', '.join(KIND_ORDER)}"))
    if data.type not in USER_TYPES:
        errors.append(FieldError("type", f"'{data.type}' is not one of "
                                 f"{', '.join(USER_TYPES)}"))
    if data.capacity is not None and data.capacity <= 0:
        errors.append(FieldError("capacity", "must be more than zero, or empty for no limit"))
    if len(data.zone) > 32:
        errors.append(FieldError("zone", "is at most 32 characters"))
    if data.parent and data.parent == data.code:
        errors.append(FieldError("parent", "a location cannot be its own parent"))
    return errors


def warehouse_by_code(session: Session, code: str) -> Warehouse:
    """The warehouse with this code, or NotFound."""
    wh = session.scalars(select(Warehouse).where(Warehouse.code == code)).one_or_none()
    if wh is None:
        raise NotFound(f"There is no warehouse {code}.")
    return wh


def create_warehouse(session: Session, actor: Actor, *, code: str, name: str,
                     address: str = "") -> Warehouse:
    """Create a warehouse."""
    actor.require(Perm.LOCATIONS_EDIT)
    code, name = code.strip(), name.strip()
    if not _CODE.match(code) or len(code) > 32:
        raise InputError("A warehouse code is 1 to 32 letters, digits, '.', '_', '/' or '-'.")
    if not name:
        raise InputError("A warehouse needs a name.")
    if session.scalar(select(Warehouse.id).where(Warehouse.code == code)) is not None:
        raise InputError(f"There is already a warehouse {code}.")
    wh = Warehouse(code=code, name=name, address=address.strip())
    session.add(wh)
    session.flush()
    audit.record(session, actor, "warehouse.create", entity="warehouse", entity_id=wh.id,
                 code=code)
    return wh


def _check_against_database(session: Session, data: LocationInput, wh: Warehouse | None,
                            location: Location | None) -> tuple[list[FieldError], int | None]:
    errors: list[FieldError] = []
    if wh is None:
        return [FieldError("warehouse", f"there is no warehouse {data.warehouse}")], None
    own_id = location.id if location else -1
    clash = session.scalar(select(Location.id).where(
        Location.warehouse_id == wh.id, Location.code == data.code, Location.id != own_id))
    if clash is not None:
        errors.append(FieldError("code", f"{wh.code} already has a location {data.code}"))
    barcode = data.barcode or data.code
    taken_by = session.execute(select(Location.code, Warehouse.code)
                               .outerjoin(Warehouse, Warehouse.id == Location.warehouse_id)
                               .where(Location.barcode == barcode, Location.id != own_id)).first()
    if taken_by is not None:
        errors.append(FieldError("barcode", f"'{barcode}' is the barcode of {taken_by[0]} in "
                                 f"{taken_by[1] or 'the virtual locations'}; set another"))
    parent_id = None
    if data.parent:
        parent = session.execute(select(Location.id, Location.kind).where(
            Location.warehouse_id == wh.id, Location.code == data.parent)).first()
        if parent is None:
            errors.append(FieldError("parent", f"{wh.code} has no location {data.parent}"))
        elif (parent.kind not in KIND_ORDER or data.kind not in KIND_ORDER
              or KIND_ORDER.index(parent.kind) >= KIND_ORDER.index(data.kind)):
            errors.append(FieldError("parent", f"a {data.kind} cannot sit inside a "
                                     f"{parent.kind}"))
        else:
            parent_id = parent.id
            if location is not None and _is_descendant(session, parent_id, location.id):
                errors.append(FieldError("parent", f"{data.parent} is inside {data.code}"))
    if location is not None and location.kind == LocationKind.BIN and data.kind != location.kind:
        held = session.scalar(select(func.coalesce(func.sum(Quant.on_hand), 0))
                              .where(Quant.location_id == location.id))
        if held:
            errors.append(FieldError("kind", f"{data.code} holds {held} units; empty it before "
                                     f"making it a {data.kind}"))
    return errors, parent_id


def _is_descendant(session: Session, candidate_id: int, ancestor_id: int) -> bool:
    seen: set[int] = set()
    current: int | None = candidate_id
    while current is not None and current not in seen:
        if current == ancestor_id:
            return True
        seen.add(current)
        current = session.scalar(select(Location.parent_id).where(Location.id == current))
    return False


def save_location(session: Session, actor: Actor, data: LocationInput, *,
                  location_id: int | None = None) -> Location:
    """Create a location (location_id None) or update one; raises ValidationFailed listing
    every bad field."""
    actor.require(Perm.LOCATIONS_EDIT)
    location = None
    if location_id is not None:
        location = session.get(Location, location_id)
        if location is None or location.is_virtual:
            raise NotFound(f"There is no editable location with id {location_id}.")
    errors = check_location(data)
    parent_id = None
    if not errors:
        wh = session.scalars(select(Warehouse).where(Warehouse.code == data.warehouse)).first()
        errors, parent_id = _check_against_database(session, data, wh, location)
    if errors:
        raise ValidationFailed(f"Location {data.code or '(no code)'}", errors)
    if location is None:
        location = Location()
        session.add(location)
    location.warehouse_id = wh.id  # type: ignore[union-attr]
    location.parent_id = parent_id
    for name in ("code", "name", "kind", "type", "zone", "walk_seq", "capacity", "blocked",
                 "blocked_reason", "active"):
        setattr(location, name, getattr(data, name))
    location.barcode = data.barcode or data.code
    session.flush()
    audit.record(session, actor, "location.create" if location_id is None else
                 "location.update", entity="location", entity_id=location.id, code=data.code)
    return location


def location_input(session: Session, location: Location) -> LocationInput:
    """The editable fields of an existing location."""
    wh_code = session.scalar(select(Warehouse.code).where(Warehouse.id == location.warehouse_id))
    parent = (session.scalar(select(Location.code).where(Location.id == location.parent_id))
              if location.parent_id else "")
    return LocationInput(
        warehouse=wh_code or "", code=location.code, name=location.name, kind=location.kind,
        type=location.type, zone=location.zone, walk_seq=location.walk_seq,
        barcode=location.barcode, parent=parent or "", capacity=location.capacity,
        blocked=location.blocked, blocked_reason=location.blocked_reason,
        active=location.active)
