"""Opening stock for the demo: every product somewhere in WH1, lot-tracked goods in two lots
(some expiring within weeks, one lot already expired and held in quarantine), serial-tracked
goods as single numbered units. Posted through the ledger like any other stock."""

from __future__ import annotations

import random
from datetime import date, timedelta

from sqlalchemy.orm import Session

from models.actor import Actor
from models.demo.site import DemoSite
from models.entities import LocationType, Lot, Product, SerialNumber, Tracking
from models.ledger import MoveLine, PostingResult, Reason, post_moves
from models.reference_data import virtual_location_id

REFERENCE = "DEMO-OPENING"
SERIALS_PER_PRODUCT = 4
#: Every this many lot-tracked products has a lot expiring within 30 days.
SOON_EVERY = 6


def _lot(session: Session, product: Product, number: str, expiry: date | None) -> Lot:
    lot = Lot(product_id=product.id, number=number, expiry=expiry)
    session.add(lot)
    return lot


def _bin_for(rng: random.Random, site: DemoSite, product: Product) -> int:
    # Heavy or big goods go to the bulk zone, cheap fast movers to the pick faces.
    if (product.weight_g or 0) >= 2000 or (product.length_mm or 0) >= 500:
        return rng.choice(site.bulk)
    if product.min_stock is not None and product.min_stock >= 50:
        return rng.choice(site.pick_faces)
    return rng.choice(site.storage)


def _quantity(rng: random.Random, product: Product) -> int:
    low = product.min_stock or 5
    high = max(low + 1, product.max_stock or low * 4)
    return rng.randint(low, high // 2 if high // 2 > low else high)


def opening_lines(session: Session, site: DemoSite, products: list[Product], *,
                  today: date, seed: int = 2026) -> list[MoveLine]:
    """Create the demo's lots and serial numbers and return the moves that bring their stock
    in from the supplier location."""
    rng = random.Random(seed)
    supplier = virtual_location_id(session, LocationType.SUPPLIER)
    planned: list[tuple[Product, int, int, Lot | None, SerialNumber | None]] = []
    expired_done = False
    lot_products = 0
    for product in products:
        if product.tracking == Tracking.SERIAL:
            where = _bin_for(rng, site, product)
            for n in range(1, SERIALS_PER_PRODUCT + 1):
                serial = SerialNumber(product_id=product.id,
                                      serial=f"SN{product.sku.replace('-', '')}{n:04d}")
                session.add(serial)
                planned.append((product, 1, where, None, serial))
        elif product.tracking == Tracking.LOT:
            lot_products += 1
            life = product.shelf_life_days or 365
            fresh = today + timedelta(days=max(31, life * 2 // 3))
            older = (today + timedelta(days=rng.randint(5, 29))
                     if lot_products % SOON_EVERY == 0 else
                     today + timedelta(days=max(40, life // 3)))
            for expiry in (older, fresh) if product.expiry_tracked else (None, None):
                made = (expiry or today) - timedelta(days=life)
                number = f"L{made:%y%m%d}{len(planned) % 100:02d}"
                lot = _lot(session, product, number, expiry)
                planned.append((product, _quantity(rng, product), _bin_for(rng, site, product),
                                lot, None))
            if product.expiry_tracked and not expired_done:
                # One expired lot, held back in quarantine: what a newcomer should find red.
                expired_done = True
                lot = _lot(session, product, f"L{today - timedelta(days=400):%y%m%d}X",
                           today - timedelta(days=3))
                planned.append((product, 6, site.quarantine, lot, None))
        else:
            planned.append((product, _quantity(rng, product), _bin_for(rng, site, product),
                            None, None))
            if product.min_stock is not None and product.min_stock >= 50:
                planned.append((product, _quantity(rng, product), rng.choice(site.storage),
                                None, None))
    session.flush()  # lots and serials get their ids
    return [MoveLine(product_id=p.id, qty=qty, from_location_id=supplier, to_location_id=where,
                     lot_id=lot.id if lot else None, serial_id=serial.id if serial else None,
                     unit_cost=p.standard_cost)
            for p, qty, where, lot, serial in planned]


def post_opening_stock(session: Session, actor: Actor, site: DemoSite, products: list[Product],
                       *, today: date) -> PostingResult:
    """Post the demo's opening stock as one posting."""
    lines = opening_lines(session, site, products, today=today)
    return post_moves(session, actor, lines, reason=Reason.OPENING, reference=REFERENCE,
                      note="Demo data", idempotency_key=f"{REFERENCE}-{site.warehouse_id}")
