"""EAN-13 and UPC-A bar modules, with check digits validated."""

from __future__ import annotations

from barcode.charsets.ean import CODES, EDGE, LEFT_PATTERN, MIDDLE

from models.errors import InputError


def gs1_check_digit(payload: str) -> int:
    """The GS1 mod-10 check digit of the digits before it."""
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(payload)))
    return (10 - total % 10) % 10


def check_gs1_digits(value: str, length: int, what: str) -> str | None:
    """Why a GTIN-like number is invalid, or None when it is fine."""
    if len(value) != length or not value.isdigit():
        return f"{what} must be {length} digits, not '{value}'."
    if gs1_check_digit(value[:-1]) != int(value[-1]):
        return (f"{what} {value} has a wrong check digit (expected "
                f"{gs1_check_digit(value[:-1])}); check the number.")
    return None


def ean13_modules(value: str) -> list[bool]:
    """Modules of an EAN-13 symbol (13 digits, check digit included and checked)."""
    problem = check_gs1_digits(value, 13, "EAN-13")
    if problem:
        raise InputError(problem)
    parity = LEFT_PATTERN[int(value[0])]
    bars = EDGE
    for digit, code_set in zip(value[1:7], parity, strict=True):
        bars += CODES[code_set][int(digit)]
    bars += MIDDLE
    for digit in value[7:]:
        bars += CODES["C"][int(digit)]
    bars += EDGE
    return [bit == "1" for bit in bars]


def upca_modules(value: str) -> list[bool]:
    """Modules of a UPC-A symbol (12 digits): an EAN-13 with a leading zero."""
    problem = check_gs1_digits(value, 12, "UPC-A")
    if problem:
        raise InputError(problem)
    return ean13_modules("0" + value)
