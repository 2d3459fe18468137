"""Locations as rows of a file: one row per location, identified by warehouse and code."""

from __future__ import annotations

from typing import Any

from models.masterdata.cells import cell_text, code_text, is_formula
from models.masterdata.fields import FieldError
from models.masterdata.locations import LocationInput
from models.masterdata.raw_values import location_from_values

LOCATION_COLUMNS = (
    "warehouse", "code", "name", "kind", "type", "zone", "parent", "walk_seq", "barcode",
    "capacity", "blocked", "blocked_reason", "active",
)
LOCATION_REQUIRED = ("warehouse", "code")
_CODES = ("warehouse", "code", "parent", "barcode")
_FLAGS = ("blocked", "active")


def location_from_row(cells: dict[str, Any], existing: LocationInput | None) -> LocationInput:
    """The location a row describes: the row's cells over the stored location's values.
    Raises ValidationFailed naming every bad cell."""
    errors: list[FieldError] = []
    values: dict[str, Any] = dict(vars(existing)) if existing is not None else {}
    for name, value in cells.items():
        if is_formula(value):
            errors.append(FieldError(name, f"'{value}' is a spreadsheet formula, not a value"))
        elif name in _CODES:
            values[name] = code_text(errors, name, value)
        else:
            values[name] = cell_text(value)
    values["kind"] = values.get("kind") or "bin"
    values["type"] = values.get("type") or "storage"
    return location_from_values(values, errors=errors)


def location_row(data: LocationInput) -> list[Any]:
    """A location's cells in LOCATION_COLUMNS order."""
    values = dict(vars(data))
    for name in _FLAGS:
        values[name] = "yes" if values[name] else "no"
    return [values[name] for name in LOCATION_COLUMNS]
