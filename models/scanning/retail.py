"""EAN-13, EAN-8, UPC-A, UPC-E and ITF-14 codes, check digits validated, and every form under
which the same GTIN may have been saved as a product barcode."""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass
from enum import StrEnum

from biip import EncodeError, ParseError
from biip.upc import Upc

from models.gtin import check_digit, is_valid_gtin


class CodeFormat(StrEnum):
    """The retail symbologies, named as printed on the packaging."""

    EAN_13 = "EAN-13"
    EAN_8 = "EAN-8"
    UPC_A = "UPC-A"
    UPC_E = "UPC-E"
    GTIN_14 = "GTIN-14"


_BY_LENGTH = {8: CodeFormat.EAN_8, 12: CodeFormat.UPC_A, 13: CodeFormat.EAN_13,
              14: CodeFormat.GTIN_14}
# AIM identifiers of the EAN/UPC family and ITF-14.
RETAIL_SYMBOLOGIES = frozenset({"]E0", "]E3", "]E4", "]I1"})


@dataclass(frozen=True)
class RetailCode:
    """A product code read from an EAN/UPC or ITF-14 symbol."""

    code: str
    format: CodeFormat
    gtin: str  # the same number as a GTIN-14
    #: Every spelling a product barcode of this GTIN may have been saved with.
    forms: tuple[str, ...]


class RetailRejected(Exception):
    """A retail code whose check digit or length is wrong; the message says what to do."""


def gtin_forms(gtin14: str) -> tuple[str, ...]:
    """The GTIN-14 and each shorter spelling of it (EAN-13, UPC-A, EAN-8, UPC-E)."""
    forms = [gtin14]
    if gtin14.startswith("0"):
        forms.append(gtin14[1:])
    if gtin14.startswith("00"):
        forms.append(gtin14[2:])
        with suppress(EncodeError, ParseError):  # not every UPC-A can be written as UPC-E
            forms.append(Upc.parse(gtin14[2:]).as_upc_e())
    if gtin14.startswith("000000"):
        forms.append(gtin14[6:])
    return tuple(dict.fromkeys(forms))


def read_retail(text: str, symbology: str | None) -> list[RetailCode]:
    """The retail codes `text` can be (an 8-digit code can be both EAN-8 and UPC-E); [] when it
    is no retail code. Raises RetailRejected when it can only be a retail code and is wrong."""
    if symbology == "]E3" and len(text) in (15, 18, 10, 13):
        text = text[: len(text) - (2 if len(text) in (15, 10) else 5)]  # drop the add-on
    forced = symbology in RETAIL_SYMBOLOGIES
    if not text.isdigit() or len(text) not in (6, 7, 8, 12, 13, 14):
        if forced:
            raise RetailRejected(f"'{text}' came from an EAN/UPC symbol but is not 8, 12, 13 "
                                 f"or 14 digits: scan it again.")
        return []
    if len(text) in (6, 7):
        if symbology == "]E0":
            raise RetailRejected("The scanner sent a UPC-E without its number system or check "
                                 "digit: set it to transmit UPC-E in full (8 digits).")
        return []
    codes: list[RetailCode] = []
    if is_valid_gtin(text):
        gtin = text.zfill(14)
        codes.append(RetailCode(text, _BY_LENGTH[len(text)], gtin, (text, *gtin_forms(gtin))))
    if len(text) == 8 and symbology != "]E4":
        codes.extend(_upc_e(text))
    if codes:
        return [_dedupe(c) for c in codes]
    if forced:
        raise RetailRejected(check_digit_problem(text) or f"'{text}' is not a valid "
                             f"{_BY_LENGTH.get(len(text), 'EAN/UPC')} code: scan it again.")
    return []


def check_digit_problem(text: str) -> str | None:
    """Why an all-digit code of a GTIN length is no valid GTIN (its check digit), or None."""
    if not text.isdigit() or len(text) not in _BY_LENGTH or is_valid_gtin(text):
        return None
    return (f"The {_BY_LENGTH[len(text)]} {text} has a wrong check digit (it should end in "
            f"{check_digit(text[:-1])}): scan it again; if it happens again the label is "
            f"damaged or misprinted.")


def _upc_e(text: str) -> list[RetailCode]:
    if text[0] not in "01":
        return []
    try:
        upc = Upc.parse(text)
    except (ParseError, ValueError):
        return []
    gtin = upc.as_gtin_14()
    return [RetailCode(text, CodeFormat.UPC_E, gtin, (text, *gtin_forms(gtin)))]


def _dedupe(code: RetailCode) -> RetailCode:
    forms = tuple(dict.fromkeys(code.forms))
    return code if forms == code.forms else RetailCode(code.code, code.format, code.gtin, forms)
