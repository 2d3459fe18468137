"""Finding, loading and saving warehouses and locations for the location list and editor."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from app.ops.sessions import reading, writing
from app.runner import Op
from models.actor import Actor
from models.entities import Location
from models.errors import NotFound
from models.masterdata import locations
from models.masterdata.fields import FieldError, ValidationFailed, flag, optional_int, text
from models.masterdata.listing import LocationListRow, WarehouseRow, location_list, warehouses
from models.masterdata.locations import LocationInput, check_location


def location_from_form(values: Mapping[str, Any]) -> LocationInput:
    """A LocationInput from an editor's raw values; raises ValidationFailed naming every field
    that is not a valid value."""
    errors: list[FieldError] = []
    data = LocationInput(
        warehouse=text(values.get("warehouse")), code=text(values.get("code")),
        name=text(values.get("name")), kind=text(values.get("kind")),
        type=text(values.get("type")), zone=text(values.get("zone")),
        walk_seq=optional_int(errors, "walk_seq", values.get("walk_seq")) or 0,
        barcode=text(values.get("barcode")), parent=text(values.get("parent")),
        capacity=optional_int(errors, "capacity", values.get("capacity"), minimum=1),
        blocked=flag(errors, "blocked", values.get("blocked"), False),
        blocked_reason=text(values.get("blocked_reason")),
        active=flag(errors, "active", values.get("active"), True))
    if errors:
        raise ValidationFailed(f"Location {data.code or '(no code)'}",
                               errors + check_location(data))
    return data


@dataclass(frozen=True)
class SavedLocation:
    """A location as it is stored after a save."""

    id: int
    data: LocationInput


def list_locations(*, text: str, after: tuple[str, int] | None) -> Op[list[LocationListRow]]:
    """The next page of locations matching what was typed into the list's search."""
    return Op.query(reading(lambda s: location_list(s, text, after=after)))


def list_warehouses() -> Op[list[WarehouseRow]]:
    """Every active warehouse, for the editor's warehouse choice."""
    return Op.query(reading(warehouses))


def load_location(*, location_id: int) -> Op[LocationInput]:
    """A location's editable fields."""
    def query(session: Session) -> LocationInput:
        location = session.get(Location, location_id)
        if location is None or location.is_virtual:
            raise NotFound(f"There is no editable location with id {location_id}.")
        return locations.location_input(session, location)
    return Op.query(reading(query))


def save_location(*, actor: Actor, values: Mapping[str, Any],
                  location_id: int | None) -> Op[SavedLocation]:
    """Create (location_id None) or update a location from the editor's values; fails with
    ValidationFailed listing every bad field."""
    def change(session: Session) -> SavedLocation:
        location = locations.save_location(session, actor, location_from_form(values),
                                           location_id=location_id)
        return SavedLocation(location.id, locations.location_input(session, location))
    return Op.change(writing(change), changes={"locations", "stock"})


def create_warehouse(*, actor: Actor, code: str, name: str,
                     address: str = "") -> Op[WarehouseRow]:
    """Create a warehouse."""
    def change(session: Session) -> WarehouseRow:
        wh = locations.create_warehouse(session, actor, code=code, name=name, address=address)
        return WarehouseRow(wh.id, wh.code, wh.name)
    return Op.change(writing(change), changes={"locations"})
