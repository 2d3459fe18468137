"""Receipts as stored: opening one for a purchase order (or resuming the one left open),
starting an unplanned one, and reading back what was received, so a receipt interrupted by a
crash resumes exactly where it was."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from models.actor import Actor
from models.entities import (
    Location,
    LocationKind,
    LocationType,
    Lot,
    PoStatus,
    Product,
    PurchaseOrder,
    PurchaseOrderLine,
    Receipt,
    ReceiptScan,
    ReceiptStatus,
    SerialNumber,
    Supplier,
    Warehouse,
)
from models.errors import InputError, NotFound
from models.permissions import Perm
from models.reference_data import virtual_location_id


@dataclass(frozen=True)
class OrderLine:
    """A purchase order line as receiving needs it."""

    id: int
    line_no: int
    product_id: int
    sku: str
    name: str
    ordered: int
    unit_cost: Decimal | None


@dataclass(frozen=True)
class ScanRecord:
    """An accepted scan of a receipt, as the screen lists it."""

    id: int
    product_id: int
    sku: str
    qty: int
    pack_qty: int
    damaged: bool
    lot: str | None
    expiry: object
    serial: str | None
    order_line_id: int | None
    undone: bool


@dataclass(frozen=True)
class ReceiptState:
    """A receipt and everything scanned into it so far, oldest first."""

    receipt_id: int
    order_id: int | None
    order_code: str | None
    supplier: str
    supplier_id: int | None
    warehouse_id: int
    dock_id: int
    dock_code: str
    blind: bool
    reason: str
    lines: tuple[OrderLine, ...]
    scans: tuple[ScanRecord, ...]
    supplier_location_id: int  # the virtual location goods come from


def _dock(session: Session, warehouse_id: int) -> int:
    dock = session.scalar(
        select(Location.id).where(Location.warehouse_id == warehouse_id,
                                  Location.type == LocationType.RECEIVING,
                                  Location.kind == LocationKind.BIN, Location.active.is_(True),
                                  Location.blocked.is_(False))
        .order_by(Location.walk_seq, Location.code).limit(1))
    if dock is None:
        code = session.scalar(select(Warehouse.code).where(Warehouse.id == warehouse_id))
        raise InputError(f"Warehouse {code} has no receiving dock (a bin of type receiving): "
                         "add one in Locations.")
    return dock


def open_for_order(session: Session, actor: Actor, number: str, *, blind: bool) -> int:
    """The open receipt of purchase order `number` (without PO-), created when there is none;
    a closed or fully received order is refused."""
    actor.require(Perm.STOCK_MOVE)
    order = session.scalar(select(PurchaseOrder).where(PurchaseOrder.number == number.upper()))
    if order is None:
        raise NotFound(f"There is no purchase order PO-{number}: check the paper, or ask the "
                       "back office to enter it.")
    if order.status == PoStatus.CLOSED:
        raise InputError(f"{order.code} is closed: nothing more is expected on it. Ask the back "
                         "office to reopen it, or receive the goods as unplanned.")
    existing = session.scalar(select(Receipt.id).where(
        Receipt.purchase_order_id == order.id, Receipt.status == ReceiptStatus.OPEN))
    if existing is not None:
        return existing
    receipt = Receipt(purchase_order_id=order.id, supplier_id=order.supplier_id,
                      warehouse_id=order.warehouse_id, dock_location_id=_dock(
                          session, order.warehouse_id),
                      blind=blind, user_id=actor.user_id, workstation=actor.workstation)
    try:
        with session.begin_nested():
            session.add(receipt)
            session.flush()
    except IntegrityError:
        # Another workstation opened the same order a moment ago: resume theirs.
        found = session.scalar(select(Receipt.id).where(
            Receipt.purchase_order_id == order.id, Receipt.status == ReceiptStatus.OPEN))
        if found is None:
            raise
        return found
    return receipt.id


def start_unplanned(session: Session, actor: Actor, *, reason: str,
                    supplier_code: str | None = None, warehouse_code: str | None = None) -> int:
    """A new receipt without a purchase order; needs a reason and the permission."""
    actor.require(Perm.RECEIVE_UNPLANNED)
    reason = reason.strip()
    if not reason:
        raise InputError("An unplanned receipt needs a reason (for example 'sample delivery' "
                         "or 'order not in the system yet').")
    supplier_id = None
    if supplier_code:
        supplier_id = session.scalar(select(Supplier.id).where(
            Supplier.code == supplier_code.strip().upper()))
        if supplier_id is None:
            raise NotFound(f"There is no supplier {supplier_code}.")
    query = select(Warehouse.id).where(Warehouse.active.is_(True)).order_by(Warehouse.id)
    if warehouse_code:
        query = query.where(Warehouse.code == warehouse_code)
    warehouse_id = session.scalar(query.limit(1))
    if warehouse_id is None:
        raise NotFound("There is no active warehouse to receive into.")
    receipt = Receipt(purchase_order_id=None, supplier_id=supplier_id, warehouse_id=warehouse_id,
                      dock_location_id=_dock(session, warehouse_id), reason=reason[:255],
                      user_id=actor.user_id, workstation=actor.workstation)
    session.add(receipt)
    session.flush()
    return receipt.id


def load_state(session: Session, receipt_id: int) -> ReceiptState:
    """A receipt with its order lines and every scan so far."""
    receipt = session.get(Receipt, receipt_id)
    if receipt is None:
        raise NotFound(f"There is no receipt REC-{receipt_id}.")
    order = (session.get(PurchaseOrder, receipt.purchase_order_id)
             if receipt.purchase_order_id is not None else None)
    supplier = (session.get(Supplier, receipt.supplier_id)
                if receipt.supplier_id is not None else None)
    lines: tuple[OrderLine, ...] = ()
    if order is not None:
        lines = tuple(OrderLine(*row) for row in session.execute(
            select(PurchaseOrderLine.id, PurchaseOrderLine.line_no, Product.id, Product.sku,
                   Product.name, PurchaseOrderLine.qty, PurchaseOrderLine.unit_cost)
            .join(Product, Product.id == PurchaseOrderLine.product_id)
            .where(PurchaseOrderLine.order_id == order.id)
            .order_by(PurchaseOrderLine.line_no)))
    scans = tuple(ScanRecord(*row) for row in session.execute(
        select(ReceiptScan.id, ReceiptScan.product_id, Product.sku, ReceiptScan.qty,
               ReceiptScan.pack_qty, ReceiptScan.damaged, Lot.number, Lot.expiry,
               SerialNumber.serial, ReceiptScan.order_line_id,
               ReceiptScan.reversal_id.is_not(None))
        .join(Product, Product.id == ReceiptScan.product_id)
        .outerjoin(Lot, Lot.id == ReceiptScan.lot_id)
        .outerjoin(SerialNumber, SerialNumber.id == ReceiptScan.serial_id)
        .where(ReceiptScan.receipt_id == receipt_id).order_by(ReceiptScan.id)))
    dock_code = session.scalar(select(Location.code).where(
        Location.id == receipt.dock_location_id)) or ""
    return ReceiptState(
        receipt_id=receipt.id, order_id=order.id if order else None,
        order_code=order.code if order else None, supplier=supplier.name if supplier else "",
        supplier_id=receipt.supplier_id, warehouse_id=receipt.warehouse_id,
        dock_id=receipt.dock_location_id, dock_code=dock_code, blind=receipt.blind,
        reason=receipt.reason, lines=lines, scans=scans,
        supplier_location_id=virtual_location_id(session, LocationType.SUPPLIER))


def received_on_line(session: Session, order_line_id: int) -> int:
    """Units received on a purchase order line over all its receipts, damaged included,
    undone scans not."""
    return int(session.scalar(
        select(func.coalesce(func.sum(ReceiptScan.qty), 0))
        .where(ReceiptScan.order_line_id == order_line_id,
               ReceiptScan.reversal_id.is_(None))) or 0)


def find_receipt(session: Session, reference: str) -> int:
    """A receipt by REC-<id>, or the newest receipt of a purchase order (PO-<number>)."""
    text = reference.strip().upper()
    if text.startswith("REC-") and text[4:].isdigit():
        found = session.scalar(select(Receipt.id).where(Receipt.id == int(text[4:])))
    else:
        found = session.scalar(
            select(Receipt.id).join(PurchaseOrder, PurchaseOrder.id == Receipt.purchase_order_id)
            .where(PurchaseOrder.number == text.removeprefix("PO-"))
            .order_by(Receipt.id.desc()).limit(1))
    if found is None:
        raise NotFound(f"There is no receipt {reference} (give REC-<number> or the purchase "
                       "order's PO-<number>).")
    return found
