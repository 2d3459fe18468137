"""Scan interpretation: raw scanner text (plus an optional AIM symbology identifier) becomes
one typed meaning. `parse` needs no database; `interpret` also looks the code up."""

from models.scanning.cleaning import GS, CleanScan, ScanOptions, show_invisible
from models.scanning.conventions import (
    Command,
    CommandKind,
    DocumentKind,
    DocumentRef,
    SheetEntry,
    command_sheet,
)
from models.scanning.explain import explain
from models.scanning.gs1 import GS1Data, Weight
from models.scanning.meanings import (
    CommandScan,
    DocumentScan,
    LocationScan,
    Meaning,
    ProductScan,
    UnitLoadScan,
    UnknownScan,
    kind_of,
)
from models.scanning.parsing import Parsed, parse
from models.scanning.resolver import interpret, resolve

__all__ = [
    "GS",
    "CleanScan",
    "Command",
    "CommandKind",
    "CommandScan",
    "DocumentKind",
    "DocumentRef",
    "DocumentScan",
    "GS1Data",
    "LocationScan",
    "Meaning",
    "Parsed",
    "ProductScan",
    "ScanOptions",
    "SheetEntry",
    "UnitLoadScan",
    "UnknownScan",
    "Weight",
    "command_sheet",
    "explain",
    "interpret",
    "kind_of",
    "parse",
    "resolve",
    "show_invisible",
]
