"""Template variables: declared names and types, validation of the data, and filling
`{name}` / `{name|filter}` placeholders."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from models.errors import InputError
from printing.barcodes.linear_ean import check_gs1_digits

TYPES = ("text", "integer", "number", "date", "ean13", "upca", "gtin", "sscc", "phone",
         "rows")
_PLACEHOLDER = re.compile(r"\{(\w+)(?:\|(\w+))?\}")


@dataclass(frozen=True)
class Variable:
    """A declared variable: its name, type, whether it is required, and for `rows` the
    fields of each row."""

    name: str
    type: str = "text"
    required: bool = True
    max_length: int | None = None
    fields: tuple[Variable, ...] = ()


def variable_from_json(raw: dict[str, Any]) -> Variable:
    """A declared variable from its JSON object."""
    values = dict(raw)
    values["fields"] = tuple(variable_from_json(f) for f in values.get("fields", []))
    try:
        variable = Variable(**values)
    except TypeError as exc:
        raise InputError(f"Variable {raw}: {exc}") from None
    if variable.type not in TYPES:
        raise InputError(f"Variable {variable.name}: unknown type '{variable.type}'; use one of "
                         f"{', '.join(TYPES)}.")
    return variable


def _type_problem(variable: Variable, value: Any) -> str | None:
    name, kind = variable.name, variable.type
    if kind == "rows":
        if not isinstance(value, list) or not all(isinstance(r, dict) for r in value):
            return f"{name} must be a list of rows."
        problems = [f"{name} row {i + 1}: {p}" for i, row in enumerate(value)
                    for p in check_values(variable.fields, row)]
        return "; ".join(problems) or None
    text = str(value)
    if kind == "integer" and not re.fullmatch(r"-?\d+", text):
        return f"{name} must be a whole number, not '{text}'."
    if kind == "number":
        try:
            Decimal(text)
        except InvalidOperation:
            return f"{name} must be a number, not '{text}'."
    if kind == "date":
        try:
            date.fromisoformat(text)
        except ValueError:
            return f"{name} must be a date like 2026-12-31, not '{text}'."
    digits = {"ean13": (13, "EAN-13"), "upca": (12, "UPC-A"), "sscc": (18, "SSCC")}
    if kind in digits:
        return check_gs1_digits(text, *digits[kind])
    if kind == "gtin":
        length = len(text) if len(text) in (8, 12, 13, 14) else 14
        return check_gs1_digits(text, length, "GTIN")
    if kind == "phone" and not re.fullmatch(r"\+?[\d\- ]{5,20}", text):
        return f"{name} must be a phone number, not '{text}'."
    if variable.max_length is not None and len(text) > variable.max_length:
        return f"{name} is longer than {variable.max_length} characters."
    return None


def check_values(variables: tuple[Variable, ...], data: dict[str, Any]) -> list[str]:
    """Every problem of the data against the declared variables (empty when it is fine)."""
    problems = []
    for variable in variables:
        value = data.get(variable.name)
        if value is None or value == "":
            if variable.required:
                problems.append(f"{variable.name} is missing.")
            continue
        problem = _type_problem(variable, value)
        if problem:
            problems.append(problem)
    return problems


def mask_phone(text: str) -> str:
    """Hide the middle of a phone number, as Chinese carriers print it: 138****5678."""
    digits = re.sub(r"\D", "", text)
    if len(digits) < 7:
        return text
    return digits[:3] + "*" * (len(digits) - 7) + digits[-4:]


def _yymmdd(text: str) -> str:
    return date.fromisoformat(text).strftime("%y%m%d")


FILTERS = {"masked": mask_phone, "yymmdd": _yymmdd, "upper": str.upper}


def fill(text: str, data: dict[str, Any]) -> str:
    """Replace placeholders with the data; a missing optional value becomes empty."""
    if "{" not in text:
        return text

    def value(match: re.Match[str]) -> str:
        raw = data.get(match.group(1))
        if raw is None:
            return ""
        result = str(raw)
        if match.group(2):
            if match.group(2) not in FILTERS:
                raise InputError(f"Unknown filter '{match.group(2)}' in '{text}'.")
            result = FILTERS[match.group(2)](result)
        return result

    return _PLACEHOLDER.sub(value, text)


def names_used(text: str) -> set[str]:
    """The variable names a text refers to."""
    return {m.group(1) for m in _PLACEHOLDER.finditer(text)}
