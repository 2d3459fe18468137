"""A scan's meaning as plain data (JSON-ready), for `waredesk scan explain` and the Devices
test page: whoever sets up a scanner sees exactly what WareDesk made of each scan."""

from __future__ import annotations

from dataclasses import fields, is_dataclass
from datetime import date
from decimal import Decimal
from enum import Enum
from typing import Any

from models.scanning.cleaning import show_invisible
from models.scanning.meanings import Meaning, kind_of


def explain(meaning: Meaning) -> dict[str, Any]:
    """Everything the scan meant, with the raw text spelled out (`<GS>`, `<CR>`)."""
    scan = meaning.scan
    result: dict[str, Any] = {
        "kind": kind_of(meaning),
        "summary": meaning.describe(),
        "raw": show_invisible(scan.raw),
        "symbology": scan.symbology,
        "gs_separators": scan.text.count("\x1d"),
    }
    for item in fields(meaning):
        if item.name == "scan":
            continue
        value = getattr(meaning, item.name)
        if value is not None:
            result[item.name] = _plain(value)
    return result


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
