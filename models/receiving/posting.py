"""Posting receipt scans to the ledger: units come from the supplier location to the dock (or
to quarantine when damaged), and a scan is undone by a reversing posting, never a delete."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.actor import Actor
from models.entities import Location, LocationKind, LocationType, ReceiptScan
from models.errors import InputError, InsufficientStock
from models.ledger import MoveLine, Reason, post_moves, reverse_posting
from models.receiving.arrivals import Arrival, lot_for, serial_for
from models.receiving.receipts import ReceiptState


def quarantine_of(session: Session, warehouse_id: int) -> int:
    """The warehouse's quarantine bin, where damaged goods go."""
    found = session.scalar(
        select(Location.id).where(Location.warehouse_id == warehouse_id,
                                  Location.type == LocationType.QUARANTINE,
                                  Location.kind == LocationKind.BIN, Location.active.is_(True))
        .order_by(Location.walk_seq, Location.code).limit(1))
    if found is None:
        raise InputError("This warehouse has no quarantine bin for damaged goods: add a bin "
                         "of type quarantine in Locations.")
    return found


def post_arrival(session: Session, actor: Actor, state: ReceiptState, arrival: Arrival, *,
                 key: str) -> tuple[int, bool]:
    """Bring the arrival in and record the scan; returns the ReceiptScan id, and True when
    the key had been posted before (then nothing was written)."""
    lot_id = None
    if arrival.lot is not None:
        lot_id = lot_for(session, arrival.product_id, arrival.sku, arrival.lot, arrival.expiry)
    serial_id = None
    if arrival.serial is not None:
        serial_id = serial_for(session, arrival.product_id, arrival.sku, arrival.serial, lot_id)
    target = (quarantine_of(session, state.warehouse_id) if arrival.damaged
              else state.dock_id)
    reference = state.order_code or f"REC-{state.receipt_id}"
    result = post_moves(
        session, actor,
        [MoveLine(arrival.product_id, arrival.qty, state.supplier_location_id, target,
                  lot_id=lot_id, serial_id=serial_id, unit_cost=arrival.unit_cost)],
        reason=Reason.RECEIPT, reference=reference, note=arrival.note,
        idempotency_key=f"receipt:{state.receipt_id}:{key}")
    if result.replayed:
        found = session.scalar(select(ReceiptScan.id).where(
            ReceiptScan.posting_id == result.posting_id))
        if found is not None:
            return found, True
    scan = ReceiptScan(receipt_id=state.receipt_id, order_line_id=arrival.order_line_id,
                       product_id=arrival.product_id, qty=arrival.qty,
                       pack_qty=arrival.pack_qty, damaged=arrival.damaged, lot_id=lot_id,
                       serial_id=serial_id, to_location_id=target,
                       posting_id=result.posting_id, approved_by=arrival.approved_by,
                       raw=arrival.raw[:255], note=arrival.note[:255])
    session.add(scan)
    session.flush()
    return scan.id, False


def undo_scan(session: Session, actor: Actor, scan_id: int) -> None:
    """Reverse one receipt scan: its units go back to the supplier location."""
    scan = session.get(ReceiptScan, scan_id, with_for_update=True)
    if scan is None:
        raise InputError(f"There is no receipt scan {scan_id}.")
    if scan.reversal_id is not None:
        return
    try:
        result = reverse_posting(session, actor, scan.posting_id,
                                 note=f"undo of receipt scan {scan_id}",
                                 idempotency_key=f"receipt-undo:{scan_id}")
    except InsufficientStock:
        raise InputError("These units have already moved on from the dock (put away or "
                         "picked): bring them back to the dock before undoing the scan.") from None
    scan.reversal_id = result.posting_id
    session.flush()


def last_open_scan(session: Session, receipt_id: int) -> int | None:
    """The newest scan of a receipt that is not undone."""
    return session.scalar(
        select(ReceiptScan.id).where(ReceiptScan.receipt_id == receipt_id,
                                     ReceiptScan.reversal_id.is_(None))
        .order_by(ReceiptScan.id.desc()).limit(1))
