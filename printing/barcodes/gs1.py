"""GS1 element strings written as '(01)09501101530003(10)LOT' turned into encoder data with
FNC1 separators, and validated through biip."""

from __future__ import annotations

import re

from biip import ParseError, parse
from biip.gs1_application_identifiers import GS1ApplicationIdentifier

from models.errors import InputError

FNC1 = "\xf1"
GS = "\x1d"
_PAIR = re.compile(r"\((\d{2,4})\)([^()]*)")


def split_ais(text: str) -> list[tuple[str, str]]:
    """(AI, value) pairs of a bracketed GS1 element string."""
    pairs = _PAIR.findall(text)
    if not pairs or "".join(f"({ai}){value}" for ai, value in pairs) != text:
        raise InputError(f"'{text}' is not a GS1 element string like (01)09501101530003(10)LOT.")
    return pairs


def gs1_data(text: str) -> str:
    """Encoder data: FNC1 first, then the AIs, FNC1 after each variable-length value."""
    pairs = split_ais(text)
    out = [FNC1]
    for index, (ai, value) in enumerate(pairs):
        out.append(ai + value)
        definition = GS1ApplicationIdentifier.extract(ai + value)
        if definition.separator_required and index < len(pairs) - 1:
            out.append(FNC1)
    return "".join(out)


def scan_text(text: str) -> str:
    """What a scanner sends for the element string: GS separators, no leading FNC1."""
    return gs1_data(text)[1:].replace(FNC1, GS)


def human_readable(text: str) -> str:
    """The interpretation line printed under a GS1 barcode: (01) 0950... (10) LOT."""
    return " ".join(f"({ai}) {value}" for ai, value in split_ais(text))


def gs1_problem(text: str) -> str | None:
    """Why the element string is not valid GS1 (biip's reason), or None."""
    try:
        message = parse(scan_text(text)).gs1_message
    except (ParseError, InputError) as exc:
        return f"GS1 data {text} is not valid: {exc}"
    if message is None:
        return f"GS1 data {text} is not valid."
    for element in message.element_strings:
        for error in (element.gtin_error, element.sscc_error):
            if error:
                return f"GS1 data {text} is not valid: {error}"
    return None
