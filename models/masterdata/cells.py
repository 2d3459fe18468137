"""What a spreadsheet does to cell values, and how imports and exports undo it: numbers where
text was meant (an EAN typed into Excel becomes 6.90123E+12), formulas, and the apostrophe
that keeps a CSV cell starting with '=' from being run as a formula when the file is opened."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from models.masterdata.fields import FieldError

#: A CSV cell starting with one of these is a formula to Excel (CSV injection): exports put an
#: apostrophe in front, imports take it off again.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_SCIENTIFIC = re.compile(r"^[+-]?\d+(?:[.,]\d+)?[eE][+-]?\d+$")


def cell_text(value: Any) -> str:
    """A cell as text: whole numbers without '.0', dates as ISO, the export's apostrophe
    removed."""
    if type(value) is str:  # nearly every cell: the fast way through
        text = value.strip()
    elif value is None:
        return ""
    elif isinstance(value, bool):
        return "yes" if value else "no"
    elif isinstance(value, float) and value.is_integer():
        return str(int(value))
    elif isinstance(value, datetime | date):
        return value.isoformat()
    else:
        text = str(value).strip()
    if text[:1] == "'" and text[1:2] and text[1] in FORMULA_STARTS:
        return text[1:]
    return text


def is_formula(value: Any) -> bool:
    """True for a text cell that a spreadsheet would compute rather than show."""
    return isinstance(value, str) and value.lstrip().startswith("=") and len(value.strip()) > 1


def code_text(errors: list[FieldError], field: str, value: Any) -> str:
    """A code (SKU, barcode) from a cell, refusing what a spreadsheet has already mangled:
    scientific notation has lost digits; a number may have lost leading zeros."""
    if isinstance(value, float) and not value.is_integer():
        errors.append(FieldError(field, f"{value} is a number with a fraction, not a code; "
                                 "format the column as text"))
        return ""
    text = cell_text(value)
    if _SCIENTIFIC.match(text):
        errors.append(FieldError(field, f"'{text}' is a number a spreadsheet shortened; its "
                                 "digits are lost: format the column as text and enter the "
                                 "codes again"))
        return ""
    return text


def numeric_barcode(errors: list[FieldError], value: Any) -> str:
    """The digits of a barcode stored as a number (Excel does that to EANs typed in): exact
    for 8, 12, 13 or 14 digits; any other length may have lost its leading zeros."""
    digits = cell_text(value)
    if len(digits) not in (8, 12, 13, 14):
        errors.append(FieldError("barcodes", f"{digits} was stored as a number and may have "
                                 "lost leading zeros; format the column as text"))
        return ""
    return digits


def export_text(value: Any) -> Any:
    """A value for a CSV cell: text that Excel would run as a formula gets an apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Decimal):
        return _plain(value)
    return "" if value is None else value


def _plain(number: Decimal) -> str:
    """12.500 -> 12.5, 280.000 -> 280 (no exponent)."""
    text = format(number, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text
