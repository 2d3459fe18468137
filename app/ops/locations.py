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
from models.masterdata.listing import LocationListRow, WarehouseRow, location_list, warehouses
from models.masterdata.locations import LocationInput
from models.masterdata.raw_values import location_from_values


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
        location = locations.save_location(session, actor, location_from_values(values),
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
