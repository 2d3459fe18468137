"""Field-level validation errors, collected rather than raised one at a time, so an editor can
mark every bad field and an import can report every bad cell of a row."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from models.errors import InputError


@dataclass(frozen=True)
class FieldError:
    """One field's problem, in words a user can act on."""

    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


class ValidationFailed(InputError):
    """A record has one or more bad fields."""

    def __init__(self, what: str, errors: list[FieldError]) -> None:
        self.errors = errors
        super().__init__(f"{what}: " + "; ".join(str(e) for e in errors))


def text(value: object) -> str:
    """A cell or field as stripped text ('' for None)."""
    return "" if value is None else str(value).strip()


def optional_int(errors: list[FieldError], name: str, value: object, *,
                 minimum: int = 0) -> int | None:
    """A whole number >= minimum, or None when empty; records an error otherwise."""
    raw = text(value)
    if not raw:
        return None
    try:
        number = Decimal(raw)
        if number != number.to_integral_value():
            raise InvalidOperation
    except InvalidOperation:
        errors.append(FieldError(name, f"'{raw}' is not a whole number"))
        return None
    if number < minimum:
        errors.append(FieldError(name, f"must be at least {minimum}"))
        return None
    return int(number)


def optional_decimal(errors: list[FieldError], name: str, value: object) -> Decimal | None:
    """A number >= 0, or None when empty; records an error otherwise."""
    raw = text(value)
    if not raw:
        return None
    try:
        number = Decimal(raw.replace(",", "."))
    except InvalidOperation:
        errors.append(FieldError(name, f"'{raw}' is not a number"))
        return None
    if not number.is_finite() or number < 0:
        errors.append(FieldError(name, "must be zero or more"))
        return None
    return number


_TRUE = {"1", "true", "yes", "y", "x", "是", "t"}
_FALSE = {"0", "false", "no", "n", "", "否", "f"}


def flag(errors: list[FieldError], name: str, value: object, default: bool) -> bool:
    """A yes/no field; accepts 1/0, true/false, yes/no, 是/否."""
    if isinstance(value, bool):
        return value
    raw = text(value).lower()
    if value is None or raw == "":
        return default
    if raw in _TRUE:
        return True
    if raw in _FALSE:
        return False
    errors.append(FieldError(name, f"'{raw}' is not yes or no"))
    return default
