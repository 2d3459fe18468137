"""What callers hand to the ledger and what it gives back."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum


class Reason(StrEnum):
    """Why stock moved. Stored as text, so later operations can add their own."""

    OPENING = "opening"
    RECEIPT = "receipt"
    PUTAWAY = "putaway"
    TRANSFER = "transfer"
    PICK = "pick"
    SHIPMENT = "shipment"
    RETURN = "return"  # a customer's return, received into the returns location
    RESTOCK = "restock"  # a returned unit back on a shelf
    QUARANTINE = "quarantine"
    ADJUSTMENT = "adjustment"
    COUNT = "count"
    SCRAP = "scrap"
    REVERSAL = "reversal"


@dataclass(frozen=True, slots=True)
class MoveLine:
    """`qty` whole units of a product from one location to another."""

    product_id: int
    qty: int
    from_location_id: int
    to_location_id: int
    lot_id: int | None = None
    serial_id: int | None = None
    unit_cost: Decimal | None = None
    # Take the units out of this reservation (shipping what an order reserved).
    reservation_id: int | None = None


@dataclass(frozen=True, slots=True)
class PostingResult:
    """The posting a request produced; `replayed` when its idempotency key had been used."""

    posting_id: int
    move_count: int
    replayed: bool = False


def request_hash(reason: str, reference: str, lines: list[MoveLine]) -> str:
    """A fingerprint of a posting request, to tell a retry from a reused idempotency key."""
    payload = repr((reason, reference, [
        (ln.product_id, ln.qty, ln.from_location_id, ln.to_location_id, ln.lot_id,
         ln.serial_id, None if ln.unit_cost is None else str(ln.unit_cost), ln.reservation_id)
        for ln in lines]))
    return hashlib.sha256(payload.encode()).hexdigest()
