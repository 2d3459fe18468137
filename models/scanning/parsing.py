"""What a scan says on its own, before the database is asked: GS1 data, a retail code, a
document, a command, a code to look up, or something that cannot be read (with the reason)."""

from __future__ import annotations

from dataclasses import dataclass

from models.scanning.cleaning import GS, CleanScan, ScanOptions, clean, show_invisible
from models.scanning.conventions import Command, DocumentRef, read_command, read_document
from models.scanning.gs1 import GS1Data, GS1Rejected, looks_like_gs1, read_gs1
from models.scanning.retail import (
    RetailCode,
    RetailRejected,
    check_digit_problem,
    read_retail,
)

MAX_CODE_LENGTH = 64


@dataclass(frozen=True)
class ParsedGS1:
    """GS1 data: look up its GTIN (or content GTIN); keep its lot, dates, serial, count."""

    scan: CleanScan
    data: GS1Data


@dataclass(frozen=True)
class ParsedRetail:
    """An EAN/UPC/ITF-14 code; more than one reading only for 8 digits (EAN-8 or UPC-E)."""

    scan: CleanScan
    codes: tuple[RetailCode, ...]


@dataclass(frozen=True)
class ParsedDocument:
    """A WareDesk document number."""

    scan: CleanScan
    document: DocumentRef


@dataclass(frozen=True)
class ParsedCommand:
    """A workflow command from the command sheet."""

    scan: CleanScan
    command: Command


@dataclass(frozen=True)
class ParsedCode:
    """Any other code: a product barcode, a SKU or a location barcode, to be looked up.
    `suspect` says what is wrong with it should nothing be found (a bad check digit)."""

    scan: CleanScan
    code: str
    suspect: str | None = None


@dataclass(frozen=True)
class ParsedInvalid:
    """A scan that cannot mean anything; `reason` tells the worker what to do."""

    scan: CleanScan
    reason: str


Parsed = ParsedGS1 | ParsedRetail | ParsedDocument | ParsedCommand | ParsedCode | ParsedInvalid


def parse(raw: str, *, symbology: str | None = None,
          options: ScanOptions | None = None) -> Parsed:
    """Read a scan without the database: `raw` as the scanner sent it, `symbology` the AIM
    identifier when the scanner reports it apart from the data."""
    scan = clean(raw, symbology, options)
    if not scan.text.strip(GS):
        return ParsedInvalid(scan, "The scan was empty: scan the barcode again.")
    found = read_command(scan.plain)
    if found is None:
        found = read_document(scan.plain)
    if isinstance(found, str):
        return ParsedInvalid(scan, found)
    if found is not None:
        return (ParsedCommand(scan, found) if isinstance(found, Command)
                else ParsedDocument(scan, found))
    if looks_like_gs1(scan):
        try:
            return ParsedGS1(scan, read_gs1(scan))
        except GS1Rejected as exc:
            return ParsedInvalid(scan, str(exc))
    try:
        codes = read_retail(scan.plain, scan.symbology)
    except RetailRejected as exc:
        return ParsedInvalid(scan, str(exc))
    if codes:
        return ParsedRetail(scan, tuple(codes))
    return _plain_code(scan)


def _plain_code(scan: CleanScan) -> Parsed:
    code = scan.plain
    if any(ord(c) < 32 or ord(c) == 127 for c in code):
        return ParsedInvalid(scan, f"The scan holds control characters "
                             f"({show_invisible(code)}) that no WareDesk code has: check the "
                             f"scanner's keyboard and terminator settings on the Devices page.")
    if len(code) > MAX_CODE_LENGTH:
        return ParsedInvalid(scan, f"The scan is {len(code)} characters long; product and "
                             f"location codes have at most {MAX_CODE_LENGTH}.")
    return ParsedCode(scan, code, check_digit_problem(code))
