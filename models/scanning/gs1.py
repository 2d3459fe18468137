"""GS1 data (element strings, bracketed text, Digital Link URIs) read with biip into the fields
a warehouse uses, refusing anything whose fields cannot be told apart with certainty.

A GS separator that went missing after a variable-length field is the classic trap: without it,
"(10)ABC123 (17)250101" arrives as `10ABC12317250101`, which also reads as one lot
`ABC12317250101` with no expiry. A variable-length field at the end of a scan without separators
is trusted only when no hidden field could start inside it. The hidden fields looked for are
those whose value checks itself (a date that must be a real date, a GTIN or SSCC with its check
digit, a six-digit weight), so an ordinary lot or serial number is not refused by chance.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from biip import ParseConfig, ParseError
from biip.gs1_digital_link_uris import GS1DigitalLinkURI
from biip.gs1_element_strings import GS1ElementString
from biip.gs1_messages import GS1Message

from models.gtin import check_digit
from models.scanning.cleaning import GS, CleanScan

_SELF_CHECKING = ("00", "01", "02", "11", "13", "15", "16", "17",
                  *(f"310{d}" for d in range(6)))
GS1_SYMBOLOGIES = frozenset({"]C1", "]e0", "]e1", "]e2", "]d2", "]Q3", "]J1"})
_CONFIG = ParseConfig(separator_chars=(GS,))
_BRACKETED = re.compile(r"^\(\d{2,4}\)")

# Names a worker knows the fields by.
FIELD_NAMES = {"00": "SSCC", "01": "GTIN", "02": "content GTIN", "10": "batch/lot",
               "11": "production date", "15": "best before date", "17": "expiry date",
               "21": "serial number", "30": "count", "37": "count"}


def field_name(ai: str) -> str:
    """The name of an application identifier's field, e.g. "batch/lot (10)"."""
    if ai.startswith("310"):
        return f"net weight ({ai})"
    return f"{FIELD_NAMES.get(ai, 'field')} ({ai})"


@dataclass(frozen=True)
class Weight:
    """A measured weight and its unit."""

    value: Decimal
    unit: str

    def __str__(self) -> str:
        return f"{self.value} {self.unit}"


@dataclass(frozen=True)
class GS1Data:
    """The fields of a GS1 code that WareDesk acts on, plus every element as read."""

    hri: str
    elements: tuple[tuple[str, str], ...]
    form: str  # "element string", "bracketed" or "digital link"
    gtin: str | None = None
    content_gtin: str | None = None
    sscc: str | None = None
    lot: str | None = None
    serial: str | None = None
    production_date: date | None = None
    best_before: date | None = None
    expiry: date | None = None
    count: int | None = None
    net_weight: Weight | None = None


class GS1Rejected(Exception):
    """GS1 data that cannot be read with certainty; the message says why and what to do."""


def looks_like_gs1(scan: CleanScan) -> bool:
    """True when the scan should be read as GS1 data rather than as a plain code."""
    text = scan.text
    if scan.symbology in GS1_SYMBOLOGIES or _BRACKETED.match(text):
        return True
    if text.startswith(("http://", "https://", "HTTP://", "HTTPS://")):
        return True
    if GS in scan.plain:
        return True  # a real ASCII 29 comes only from GS1 symbols
    if scan.has_separator and _first_field_reads(text):
        return True  # a disguised GS counts only where GS1 data starts
    # Without a symbology identifier, GS1 data is recognised by its first field: a valid GTIN
    # or SSCC behind its identifier, or a whole scan that reads as GS1 fields from 00, 01, 02.
    key_length = {"00": 18, "01": 14, "02": 14}.get(text[:2])
    if key_length is None or len(text) <= key_length:
        return False
    key = text[2:2 + key_length]
    return (key.isdigit() and check_digit(key[:-1]) == int(key[-1])) or _parses_completely(text)


def _first_field_reads(text: str) -> bool:
    try:
        GS1ElementString.extract(text.lstrip(GS), config=_CONFIG)
    except ParseError:
        return False
    return True


def _parses_completely(text: str) -> bool:
    try:
        GS1Message.parse(text, config=_CONFIG)
    except ParseError:
        return False
    return True


def read_gs1(scan: CleanScan) -> GS1Data:
    """The GS1 data of a scan; raises GS1Rejected with a reason a worker can act on."""
    text = scan.text
    if _BRACKETED.match(text):
        return _from_elements(_parse_bracketed(text), "bracketed")
    if text.lower().startswith(("http://", "https://")):
        return _from_elements(_parse_digital_link(text), "digital link")
    # A GS in first position stands for the FNC1 that marks GS1-128 when no AIM id is sent.
    body = text.strip(GS)
    if not body:
        raise GS1Rejected("The scan holds only GS separators and no data.")
    elements = _parse_element_string(body)
    if not scan.has_separator:
        reason = missing_separator_reason(elements)
        if reason:
            raise GS1Rejected(reason)
    return _from_elements(elements, "element string")


def _parse_bracketed(text: str) -> list[GS1ElementString]:
    try:
        return list(GS1Message.parse_hri(text, config=_CONFIG).element_strings)
    except ParseError as exc:
        raise GS1Rejected(f"The bracketed GS1 text cannot be read: {exc}") from None


def _parse_digital_link(text: str) -> list[GS1ElementString]:
    try:
        return list(GS1DigitalLinkURI.parse(text, config=_CONFIG).element_strings)
    except ParseError as exc:
        raise GS1Rejected(f"The web address is not a GS1 Digital Link WareDesk can read: "
                          f"{exc}") from None


def _parse_element_string(body: str) -> list[GS1ElementString]:
    elements: list[GS1ElementString] = []
    rest = body
    while rest:
        try:
            element = GS1ElementString.extract(rest, config=_CONFIG)
        except ParseError:
            raise GS1Rejected(_unreadable(rest, elements)) from None
        elements.append(element)
        rest = rest[len(element):]
        if element.ai.separator_required and rest and not rest.startswith(GS):
            raise GS1Rejected(
                f"The {field_name(element.ai.ai)} '{element.value}' is followed by "
                f"'{rest[:12]}' without the GS separator that must end it: the separator is "
                f"missing. Set the scanner up to send GS (or a stand-in character) and scan "
                f"again.")
        rest = rest.lstrip(GS)
    return elements


def _unreadable(rest: str, before: list[GS1ElementString]) -> str:
    where = f" after {field_name(before[-1].ai.ai)}" if before else ""
    return (f"The GS1 code cannot be read{where} at '{rest[:20]}': no known field starts "
            f"there, or its value has the wrong format.")


def _from_elements(elements: list[GS1ElementString], form: str) -> GS1Data:
    fields: dict[str, object] = {}
    seen: set[str] = set()
    for element in elements:
        if element.ai.ai in seen:
            raise GS1Rejected(f"The {field_name(element.ai.ai)} appears twice in this GS1 "
                              f"code.")
        seen.add(element.ai.ai)
        _check_key(element)
        _collect(element, fields)
    hri = "".join(e.as_hri() for e in elements)
    return GS1Data(hri=hri, elements=tuple((e.ai.ai, e.value) for e in elements), form=form,
                   **fields)  # type: ignore[arg-type]


def _check_key(element: GS1ElementString) -> None:
    error = element.gtin_error or element.sscc_error
    if error is None:
        return
    kind = "SSCC" if element.sscc_error else "GTIN"
    expected = error.split("Expected ")[-1].split(",")[0] if "Expected " in error else "?"
    raise GS1Rejected(f"The {kind} {element.value} has a wrong check digit (it should end in "
                      f"{expected}): the label is damaged or misprinted; type the number from "
                      f"the label or print a new one.")


def _collect(element: GS1ElementString, fields: dict[str, object]) -> None:
    ai, value = element.ai.ai, element.value
    simple = {"01": "gtin", "02": "content_gtin", "00": "sscc", "10": "lot", "21": "serial"}
    dates = {"11": "production_date", "15": "best_before", "17": "expiry"}
    if ai in simple:
        fields[simple[ai]] = value
    elif ai in dates:
        fields[dates[ai]] = element.date
    elif ai in ("30", "37"):
        if int(value) == 0:
            raise GS1Rejected(f"The {field_name(ai)} is zero: a pack holds at least one unit.")
        fields["count"] = int(value)
    elif ai.startswith("310") and element.decimal is not None:
        fields["net_weight"] = Weight(element.decimal, "kg")


def missing_separator_reason(elements: list[GS1ElementString]) -> str | None:
    """Why a scan that arrived without any GS separator cannot be read unambiguously, or None
    when it can."""
    if not elements or not elements[-1].ai.separator_required:
        return None
    last = elements[-1]
    present = {e.ai.ai for e in elements}
    for cut in range(1, len(last.value)):
        tail = last.value[cut:]
        hidden = _hidden_fields(tail, present) if tail.startswith(_SELF_CHECKING) else None
        if hidden:
            shown = ", ".join(f"{field_name(e.ai.ai)} {e.value}" for e in hidden)
            return (f"The {field_name(last.ai.ai)} '{last.value}' may really be "
                    f"'{last.value[:cut]}' followed by {shown}: the scanner seems to drop the "
                    f"GS separator. Set it up to send GS (or a stand-in character chosen in the "
                    f"device settings) and scan again.")
    return None


def _hidden_fields(tail: str, present: set[str]) -> list[GS1ElementString] | None:
    """The fields `tail` reads as when it is a complete, valid GS1 element string of fields
    not already in the scan; None otherwise."""
    try:
        hidden = list(GS1Message.parse(tail, config=_CONFIG).element_strings)
    except ParseError:
        return None
    if any(e.ai.ai in present or e.gtin_error or e.sscc_error for e in hidden):
        return None
    return hidden
