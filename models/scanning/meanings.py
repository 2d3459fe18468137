"""The typed meaning of a scan, as floor workflows receive it: exactly one of a product (with
quantity, lot, expiry, serial), a location, a logistic unit, a document, a command, or unknown
with the reason."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from models.scanning.cleaning import CleanScan
from models.scanning.conventions import Command, DocumentRef
from models.scanning.gs1 import GS1Data, Weight


@dataclass(frozen=True)
class ProductScan:
    """A product, and how many units of it the scanned code stands for (12 for a case
    barcode of 12, the GS1 count times the pack)."""

    scan: CleanScan
    product_id: int
    sku: str
    name: str
    tracking: str
    active: bool
    matched: str  # the product barcode, GTIN or SKU that matched
    pack_qty: int
    quantity: int
    gtin: str | None = None
    lot: str | None = None
    serial: str | None = None
    expiry: date | None = None
    best_before: date | None = None
    production_date: date | None = None
    net_weight: Weight | None = None
    sscc: str | None = None
    gs1: GS1Data | None = None

    def describe(self) -> str:
        """One line for the worker."""
        parts = [f"{self.sku} {self.name}", f"× {self.quantity}"]
        parts += [f"lot {self.lot}"] if self.lot else []
        parts += [f"expiry {self.expiry.isoformat()}"] if self.expiry else []
        parts += [f"best before {self.best_before.isoformat()}"] if self.best_before else []
        parts += [f"serial {self.serial}"] if self.serial else []
        parts += [f"net {self.net_weight}"] if self.net_weight else []
        return ", ".join(parts)


@dataclass(frozen=True)
class LocationScan:
    """A location label."""

    scan: CleanScan
    location_id: int
    code: str
    name: str
    warehouse_id: int | None
    type: str
    holds_stock: bool
    active: bool
    blocked: bool
    blocked_reason: str

    def describe(self) -> str:
        """One line for the worker."""
        blocked = f" (blocked: {self.blocked_reason or 'no reason given'})" if self.blocked else ""
        return f"Location {self.code}{blocked}"


@dataclass(frozen=True)
class UnitLoadScan:
    """A logistic unit (pallet, parcel) by its SSCC, without content information."""

    scan: CleanScan
    sscc: str
    gs1: GS1Data

    def describe(self) -> str:
        """One line for the worker."""
        return f"Logistic unit SSCC {self.sscc}"


@dataclass(frozen=True)
class DocumentScan:
    """A document (purchase order, sales order, wave, tote, count) by its number."""

    scan: CleanScan
    document: DocumentRef

    def describe(self) -> str:
        """One line for the worker."""
        return f"{self.document.kind.replace('_', ' ').capitalize()} {self.document.number}"


@dataclass(frozen=True)
class CommandScan:
    """A workflow command."""

    scan: CleanScan
    command: Command

    def describe(self) -> str:
        """One line for the worker."""
        if self.command.quantity:
            return f"Command: quantity +{self.command.quantity}"
        return f"Command: {self.command.kind.replace('_', ' ')}"


@dataclass(frozen=True)
class UnknownScan:
    """A scan WareDesk cannot act on; `reason` says why and what to do. GS1 data that was read
    (a GTIN not yet linked to a product) is kept so a screen can offer to link it."""

    scan: CleanScan
    reason: str
    gs1: GS1Data | None = None

    def describe(self) -> str:
        """One line for the worker."""
        return self.reason


Meaning = ProductScan | LocationScan | UnitLoadScan | DocumentScan | CommandScan | UnknownScan

KIND_NAMES: dict[type, str] = {ProductScan: "product", LocationScan: "location",
                               UnitLoadScan: "logistic_unit", DocumentScan: "document",
                               CommandScan: "command", UnknownScan: "unknown"}


def kind_of(meaning: Meaning) -> str:
    """The meaning's kind as a word: product, location, logistic_unit, document, command,
    unknown."""
    return KIND_NAMES[type(meaning)]
