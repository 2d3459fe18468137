"""A scan's meaning as plain data (JSON-ready), for `waredesk scan explain` and the Devices
test page: whoever sets up a scanner sees exactly what WareDesk made of each scan."""

from __future__ import annotations

from dataclasses import fields, is_dataclass
from datetime import date
from decimal import Decimal
from enum import Enum
from typing import Any

from models.scanning.cleaning import show_invisible
from models.scanning.gs1 import GS1Data, field_name
from models.scanning.meanings import Meaning, UnknownScan, kind_of


def explain(meaning: Meaning) -> dict[str, Any]:
    """Everything the scan meant, with the raw text spelled out (`<GS>`, `<CR>`)."""
    scan = meaning.scan
    result: dict[str, Any] = {
        "kind": kind_of(meaning),
        "raw": show_invisible(scan.raw),
        "symbology": scan.symbology,
        "gs_separators": scan.text.count("\x1d"),
    }
    if not isinstance(meaning, UnknownScan):
        result["summary"] = meaning.describe()
    for item in fields(meaning):
        value = getattr(meaning, item.name)
        if item.name == "gs1" and value is not None:
            result["gs1"] = _gs1(value)
        elif item.name != "scan" and value is not None:
            result[item.name] = _plain(value)
    return result


def _gs1(data: GS1Data) -> dict[str, Any]:
    plain = _plain(data)
    plain["elements"] = [{"ai": ai, "field": field_name(ai), "value": value}
                         for ai, value in data.elements]
    return plain


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if is_dataclass(value) and not isinstance(value, type):
        plain = {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
        return {k: v for k, v in plain.items() if v is not None}
    return value
