"""Looking a parsed scan up in the database: product barcodes (with their pack quantity), GTINs
from GS1 data, SKUs and location barcodes, all in one indexed query per scan."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Boolean, Integer, String, cast, literal, null, select, union_all
from sqlalchemy.orm import Session

from models.entities import Barcode, Location, LocationKind, LocationType, Product, Tracking
from models.scanning.cleaning import CleanScan, ScanOptions
from models.scanning.gs1 import GS1Data
from models.scanning.meanings import (
    CommandScan,
    DocumentScan,
    LocationScan,
    Meaning,
    ProductScan,
    UnitLoadScan,
    UnknownScan,
)
from models.scanning.parsing import (
    Parsed,
    ParsedCode,
    ParsedCommand,
    ParsedDocument,
    ParsedGS1,
    ParsedInvalid,
    ParsedRetail,
    parse,
)
from models.scanning.retail import gtin_forms


@dataclass(frozen=True)
class _Hit:
    source: str  # "barcode", "sku" or "location"
    id: int
    code: str
    pack_qty: int
    label: str
    name: str
    category: str  # product tracking or location type
    active: bool
    blocked: bool
    blocked_reason: str
    location_kind: str
    warehouse_id: int | None


def interpret(session: Session, raw: str, *, symbology: str | None = None,
              options: ScanOptions | None = None) -> Meaning:
    """The meaning of one scan: parsed, then looked up with one query."""
    return resolve(session, parse(raw, symbology=symbology, options=options))


def resolve(session: Session, parsed: Parsed) -> Meaning:
    """Look a parsed scan up; anything not found becomes UnknownScan with the reason."""
    match parsed:
        case ParsedInvalid(scan=scan, reason=reason):
            return UnknownScan(scan, reason)
        case ParsedCommand(scan=scan, command=command):
            return CommandScan(scan, command)
        case ParsedDocument(scan=scan, document=document):
            return DocumentScan(scan, document)
        case ParsedGS1(scan=scan, data=data):
            return _resolve_gs1(session, scan, data)
        case ParsedRetail(scan=scan, codes=codes):
            forms = tuple(dict.fromkeys(f for c in codes for f in c.forms))
            hits = _lookup(session, barcodes=forms, texts=(scan.plain,))
            return _product_or_location(scan, hits, missing=(
                f"No product has the barcode {scan.plain} ({codes[0].format}): add it to the "
                f"product in Products, or check that this is the right item."))
        case ParsedCode(scan=scan, code=code, suspect=suspect):
            hits = _lookup(session, barcodes=(code,), texts=(code,))
            return _product_or_location(scan, hits, missing=suspect or (
                f"'{code}' is not the barcode of any product or location: check the label, or "
                f"add the barcode in Products or Locations."))
    raise TypeError(f"not a parsed scan: {parsed!r}")


def _lookup(session: Session, *, barcodes: Sequence[str], texts: Sequence[str]) -> list[_Hit]:
    """Product barcodes in `barcodes`, SKUs and location barcodes in `texts`: one statement,
    each branch on a unique index."""
    no_int, no_str = cast(null(), Integer), cast(null(), String)
    by_barcode = (
        select(literal("barcode").label("source"), Product.id, Barcode.code, Barcode.pack_qty,
               Product.sku, Product.name, Product.tracking, Product.active,
               literal(False, Boolean), literal(""), no_str, no_int)
        .join(Product, Product.id == Barcode.product_id).where(Barcode.code.in_(barcodes)))
    by_sku = (
        select(literal("sku"), Product.id, Product.sku, literal(1), Product.sku, Product.name,
               Product.tracking, Product.active, literal(False, Boolean), literal(""), no_str,
               no_int)
        .where(Product.sku.in_(texts)))
    by_location = (
        select(literal("location"), Location.id, Location.barcode, literal(1), Location.code,
               Location.name, Location.type, Location.active, Location.blocked,
               Location.blocked_reason, Location.kind, Location.warehouse_id)
        .where(Location.barcode.in_(texts)))
    rows = session.execute(union_all(by_barcode, by_sku, by_location)).all()
    return [_Hit(*row) for row in rows]


def _product_or_location(scan: CleanScan, hits: list[_Hit], *, missing: str,
                         gs1: GS1Data | None = None) -> Meaning:
    # A product found by barcode and by SKU is one product; the barcode carries the pack.
    products = {h.id: h for h in sorted(hits, key=lambda h: h.source == "barcode")
                if h.source != "location"}
    locations = [h for h in hits if h.source == "location"]
    if len(products) + len(locations) > 1:
        names = [f"product {h.label}" for h in products.values()]
        names += [f"location {h.label}" for h in locations]
        return UnknownScan(scan, f"'{scan.plain}' belongs to {' and '.join(names)}: give one "
                           f"of them another barcode before scanning it.", gs1)
    if locations:
        return _location(scan, locations[0])
    if products:
        hit = next(iter(products.values()))
        return _product(scan, hit, gs1)
    return UnknownScan(scan, missing, gs1)


def _location(scan: CleanScan, hit: _Hit) -> LocationScan:
    return LocationScan(scan, location_id=hit.id, code=hit.label, name=hit.name,
                        warehouse_id=hit.warehouse_id, type=LocationType(hit.category),
                        holds_stock=hit.location_kind in (LocationKind.BIN, LocationKind.VIRTUAL),
                        active=hit.active, blocked=hit.blocked,
                        blocked_reason=hit.blocked_reason)


def _product(scan: CleanScan, hit: _Hit, gs1: GS1Data | None) -> ProductScan:
    count = gs1.count if gs1 and gs1.count else 1
    fields = {}
    if gs1 is not None:
        fields = {"gtin": gs1.gtin or gs1.content_gtin, "lot": gs1.lot, "serial": gs1.serial,
                  "expiry": gs1.expiry, "best_before": gs1.best_before,
                  "production_date": gs1.production_date, "net_weight": gs1.net_weight,
                  "sscc": gs1.sscc, "gs1": gs1}
    return ProductScan(scan, product_id=hit.id, sku=hit.label, name=hit.name,
                       tracking=hit.category, active=hit.active, matched=hit.code,
                       pack_qty=hit.pack_qty, quantity=hit.pack_qty * count, **fields)


def _resolve_gs1(session: Session, scan: CleanScan, data: GS1Data) -> Meaning:
    key = data.gtin or data.content_gtin
    if key is None:
        if data.sscc:
            return UnitLoadScan(scan, data.sscc, data)
        return UnknownScan(scan, f"The GS1 code {data.hri} names no product (no GTIN) and no "
                           f"logistic unit (no SSCC).", data)
    hits = _lookup(session, barcodes=gtin_forms(key), texts=())
    meaning = _product_or_location(scan, hits, gs1=data, missing=(
        f"The GTIN {key} is not the barcode of any product: add it to the product in "
        f"Products (lot, expiry and serial were read: {data.hri})."))
    if isinstance(meaning, ProductScan):
        hidden = _hidden_tracking_field(scan, meaning, data)
        if hidden:
            return UnknownScan(scan, hidden, data)
    return meaning


def _hidden_tracking_field(scan: CleanScan, product: ProductScan, data: GS1Data) -> str | None:
    """A lot-or-serial product whose number is missing from a scan without separators, while
    the other variable field contains the missing field's identifier: the separator between
    them was probably lost, and the two cannot be told apart."""
    if scan.has_separator or data.form != "element string":
        return None
    wanted = {Tracking.SERIAL: ("serial", "21", data.lot, "lot"),
              Tracking.LOT: ("lot", "10", data.serial, "serial")}.get(Tracking(product.tracking))
    if wanted is None:
        return None
    name, ai, other, other_name = wanted
    if getattr(data, name) is not None or not other or other.find(ai, 1) in (-1, len(other) - 2):
        return None
    return (f"{product.sku} needs a {name} number, and the {other_name} '{other}' may hide it "
            f"({ai} inside it): the scanner seems to drop the GS separator. Set it up to send "
            f"GS (or a stand-in character chosen in the device settings) and scan again.")
