"""Matching what people type against text columns, in ways the indexes can answer."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, and_, or_

from models.gtin import GTIN_LENGTHS


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def case_spellings(text: str) -> list[str]:
    """The spellings a prefix is looked for in: as typed, in capitals, in lower case."""
    return sorted({text, text.upper(), text.lower()})


def prefix_range(column: Any, prefix: str) -> ColumnElement[bool]:
    """`column` begins with `prefix` exactly."""
    # The range lets SQLite and PostgreSQL walk the column's ordinary index; the LIKE
    # re-checks it where a database collation is not byte order.
    return and_(column >= prefix, column < prefix + "\U0010ffff",
                column.like(_escape_like(prefix) + "%", escape="\\"))


def starts_with(column: Any, text: str) -> ColumnElement[bool]:
    """`column` begins with `text` as typed, in capitals or in lower case: `tsh-` finds
    TSH-001 through ordinary indexes, without case-folded ones."""
    return or_(*(prefix_range(column, s) for s in case_spellings(text)))


def contains(column: Any, text: str) -> ColumnElement[bool]:
    """`column` contains `text`, ignoring case."""
    return column.ilike("%" + _escape_like(text) + "%", escape="\\")


def barcode_spellings(code: str) -> list[str]:
    """The code, and for a GTIN its other lengths: a scanned UPC-A finds an EAN-13 with a
    leading zero, and the other way round."""
    if not (code.isdigit() and len(code) in GTIN_LENGTHS):
        return [code]
    digits = code.lstrip("0")
    return sorted({code} | {digits.rjust(n, "0") for n in GTIN_LENGTHS if len(digits) <= n})
