"""Reading the cells of a shop's order export: order numbers that a spreadsheet padded or
turned into numbers, amounts with currency signs, and the date forms the shops write."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from decimal import Decimal, InvalidOperation
from typing import Any

from models.masterdata.cells import cell_text
from models.masterdata.fields import FieldError

#: Excel keeps 15 significant digits of a number; a longer order number lost the rest.
EXACT_DIGITS = 15
#: Where the Chinese shops' exports are written: their times carry no zone.
CHINA = timezone(timedelta(hours=8), "Asia/Shanghai")

_SCIENTIFIC = re.compile(r"^([+-]?)(\d+)(?:[.,](\d+))?[eE]\+?(\d+)$")
_WRAPPED = re.compile(r'^="(.*)"$')
_CURRENCY = re.compile(r"^(?:[¥￥$€£]|RMB|CNY|USD|EUR|GBP|JPY|元)+|(?:元|RMB|CNY|USD|EUR)$",
                       re.IGNORECASE)
_CENT = Decimal("0.01")
_TIME = re.compile(
    r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})"
    r"(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?"
    r"\s*(Z|UTC|[+-]\d{2}:?\d{2})?$", re.IGNORECASE)


def order_number(errors: list[FieldError], field: str, value: Any) -> str:
    """An order number as text: tabs, spaces, a leading apostrophe and an ="…" wrapper
    removed; one a spreadsheet stored as a number is recovered when its digits are all
    there, and refused (empty, with the reason) when they are not."""
    if isinstance(value, float):
        return _from_float(errors, field, value)
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    text = cell_text(value).strip().lstrip("'").strip()
    wrapped = _WRAPPED.match(text)
    if wrapped:
        text = wrapped.group(1).strip()
    scientific = _SCIENTIFIC.match(text)
    if scientific:
        return _from_scientific(errors, field, text, scientific)
    return text


def _lost(errors: list[FieldError], field: str, shown: str) -> str:
    errors.append(FieldError(field, f"'{shown}' is an order number a spreadsheet turned "
                             "into a number, and its last digits are lost: export the "
                             "orders again and open the file with this column as text"))
    return ""


def _from_float(errors: list[FieldError], field: str, value: float) -> str:
    if not value.is_integer() or value < 0:
        errors.append(FieldError(field, f"{value} is not an order number"))
        return ""
    digits = str(int(value))
    if len(digits) > EXACT_DIGITS:
        return _lost(errors, field, f"{value:.5E}")
    return digits


def _from_scientific(errors: list[FieldError], field: str, text: str,
                     match: re.Match[str]) -> str:
    sign, whole, fraction, exponent = match.groups()
    known = (whole + (fraction or "")).lstrip("0")
    size = len(whole.lstrip("0")) + int(exponent)  # digits of the whole number
    if sign or not known or len(known) > size:
        errors.append(FieldError(field, f"'{text}' is not an order number"))
        return ""
    if len(known) < size or size > EXACT_DIGITS:
        return _lost(errors, field, text)
    return known


def amount(errors: list[FieldError], field: str, value: Any) -> Decimal | None:
    """Money: '¥1,299.00', '$12.50', '12.5元' or a number cell; None when empty."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        raw = repr(value)
    else:
        raw = cell_text(value)
    if not raw:
        return None
    cleaned = _CURRENCY.sub("", raw.replace(" ", "")).replace(",", "")
    cleaned = _CURRENCY.sub("", cleaned)
    try:
        number = Decimal(cleaned)
    except InvalidOperation:
        errors.append(FieldError(field, f"'{raw}' is not an amount of money"))
        return None
    if not number.is_finite() or number < 0:
        errors.append(FieldError(field, f"'{raw}' must be zero or more"))
        return None
    if number != number.quantize(_CENT):
        errors.append(FieldError(field, f"'{raw}' has more than two decimals"))
        return None
    return number.quantize(_CENT)


def timestamp(errors: list[FieldError], field: str, value: Any,
              zone: tzinfo) -> datetime | None:
    """A time like 2026-11-11 10:00:01, 2026/11/11 10:00 or ISO 8601 with an offset; a time
    without a zone is in `zone` (the shop's). None when empty."""
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=zone)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=zone)
    raw = cell_text(value)
    if not raw:
        return None
    found = _TIME.match(raw)
    try:
        if found is None:
            raise ValueError(raw)
        year, month, day, hour, minute, second, offset = found.groups()
        moment = datetime(int(year), int(month), int(day), int(hour or 0), int(minute or 0),
                          int(second or 0), tzinfo=_zone(offset) if offset else zone)
    except ValueError:
        errors.append(FieldError(field, f"'{raw}' is not a time like 2026-11-11 10:00:01"))
        return None
    return moment


def _zone(offset: str) -> tzinfo:
    if offset.upper() in ("Z", "UTC"):
        return UTC
    digits = offset.replace(":", "")
    minutes = int(digits[1:3]) * 60 + int(digits[3:5])
    return timezone(timedelta(minutes=-minutes if digits[0] == "-" else minutes))
