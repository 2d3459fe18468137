"""GTIN (EAN-8, UPC-A, EAN-13, GTIN-14) check digits."""

from __future__ import annotations

GTIN_LENGTHS = (8, 12, 13, 14)


def check_digit(body: str) -> int:
    """The GS1 mod-10 check digit for the digits of `body` (the GTIN without its last digit)."""
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return (10 - total % 10) % 10


def is_valid_gtin(code: str) -> bool:
    """True for an all-digit EAN-8, UPC-A, EAN-13 or GTIN-14 whose check digit is right."""
    return (code.isdigit() and len(code) in GTIN_LENGTHS
            and check_digit(code[:-1]) == int(code[-1]))


def looks_like_gtin(code: str) -> bool:
    """True when a code is all digits of a GTIN length, so its check digit must be right."""
    return code.isdigit() and len(code) in GTIN_LENGTHS
