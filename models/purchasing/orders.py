"""Creating, editing, closing and reopening purchase orders. An order that goods were received
against keeps every line that was received, at no less than what arrived."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from models import audit
from models.actor import Actor
from models.entities import (
    PoStatus,
    Product,
    PurchaseOrder,
    PurchaseOrderLine,
    Receipt,
    ReceiptStatus,
    Supplier,
    Warehouse,
)
from models.errors import InputError, NotFound
from models.masterdata.fields import FieldError, ValidationFailed
from models.permissions import Perm
from models.purchasing.received import lines_with_scans, received_by_line

PREFIX = "PO-"
MAX_NUMBER = 40
_NUMBER = re.compile(r"^[0-9A-Z-]+$")
_MAX_COST = Decimal("1e10")


@dataclass
class OrderLineInput:
    """One line as the editor or an import row gives it; line_id names a stored line."""

    sku: str
    qty: int
    unit_cost: Decimal | None = None
    expected_date: date | None = None
    line_id: int | None = None


@dataclass
class OrderInput:
    """A purchase order's header and lines; an empty number gets the next free one."""

    supplier: str
    warehouse: str
    number: str = ""
    expected_date: date | None = None
    note: str = ""
    lines: list[OrderLineInput] = field(default_factory=list)


def normalize_number(typed: str) -> str:
    """'po-2026-0007 ' -> '2026-0007': upper case, without the barcode's PO- prefix."""
    number = typed.strip().upper()
    return number[len(PREFIX):] if number.startswith(PREFIX) else number


def check_number(number: str) -> list[FieldError]:
    """Problems with an order number as stored (without PO-); empty is fine (generated)."""
    if not number:
        return []
    if len(number) > MAX_NUMBER or not _NUMBER.match(number):
        return [FieldError("number", f"'{number}' may hold only A-Z, 0-9 and -, at most "
                           f"{MAX_NUMBER} characters")]
    return []


def next_number(session: Session, today: date) -> str:
    """The next free number of this year: 2026-0001, 2026-0002 ..."""
    prefix = f"{today.year}-"
    taken = session.scalars(select(PurchaseOrder.number).where(
        PurchaseOrder.number.like(prefix + "%")))
    highest = max((int(n[len(prefix):]) for n in taken if n[len(prefix):].isdigit()),
                  default=0)
    return f"{prefix}{highest + 1:04d}"


def check_order(data: OrderInput) -> list[FieldError]:
    """Every problem with the order's own fields (no database needed)."""
    errors = check_number(normalize_number(data.number))
    if not data.supplier.strip():
        errors.append(FieldError("supplier", "is required"))
    if not data.warehouse.strip():
        errors.append(FieldError("warehouse", "is required"))
    if len(data.note) > 500:
        errors.append(FieldError("note", "is at most 500 characters"))
    if not data.lines:
        errors.append(FieldError("lines", "an order needs at least one line"))
    for n, line in enumerate(data.lines, start=1):
        if not line.sku:
            errors.append(FieldError("lines", f"line {n}: the SKU is missing"))
        if line.qty <= 0:
            errors.append(FieldError("lines", f"line {n}: the quantity must be more than zero"))
        if line.unit_cost is not None and not (0 <= line.unit_cost < _MAX_COST):
            errors.append(FieldError("lines", f"line {n}: the unit cost must be zero or more"))
    return errors


def load_order(session: Session, order_id: int) -> PurchaseOrder:
    """An order with its lines and supplier, or NotFound."""
    order = session.scalars(select(PurchaseOrder).options(
        selectinload(PurchaseOrder.lines), selectinload(PurchaseOrder.supplier))
        .where(PurchaseOrder.id == order_id)).one_or_none()
    if order is None:
        raise NotFound(f"There is no purchase order with id {order_id}.")
    return order


def order_by_number(session: Session, typed: str) -> PurchaseOrder:
    """An order by its number, typed with or without PO-, or NotFound."""
    number = normalize_number(typed)
    order_id = session.scalar(select(PurchaseOrder.id).where(PurchaseOrder.number == number))
    if order_id is None:
        raise NotFound(f"There is no purchase order {PREFIX}{number}.")
    return load_order(session, order_id)


@dataclass
class _Resolved:
    supplier: Supplier | None = None
    warehouse: Warehouse | None = None
    products: dict[str, Product] = field(default_factory=dict)


def _resolve(session: Session, data: OrderInput, order: PurchaseOrder | None,
             errors: list[FieldError]) -> _Resolved:
    found = _Resolved()
    code = data.supplier.strip()
    found.supplier = session.scalars(select(Supplier).where(Supplier.code == code)).first()
    if found.supplier is None:
        errors.append(FieldError("supplier", f"there is no supplier {code}"))
    elif not found.supplier.active and (order is None or order.supplier_id != found.supplier.id):
        errors.append(FieldError("supplier", f"{code} is inactive; activate it first"))
    wh = data.warehouse.strip()
    found.warehouse = session.scalars(select(Warehouse).where(Warehouse.code == wh)).first()
    if found.warehouse is None:
        errors.append(FieldError("warehouse", f"there is no warehouse {wh}"))
    skus = sorted({line.sku for line in data.lines if line.sku})
    found.products = {p.sku: p for p in session.scalars(
        select(Product).where(Product.sku.in_(skus)))} if skus else {}
    for n, line in enumerate(data.lines, start=1):
        product = found.products.get(line.sku)
        if line.sku and product is None:
            errors.append(FieldError("lines", f"line {n}: there is no product {line.sku}"))
        elif product is not None and not product.active:
            errors.append(FieldError("lines", f"line {n}: {line.sku} is inactive"))
    return found


def match_lines(existing: list[PurchaseOrderLine], lines: list[OrderLineInput],
                products: dict[str, Product],
                errors: list[FieldError]) -> list[PurchaseOrderLine | None]:
    """The stored line each input line updates (None: a new line). By line id first, then a
    line without an id takes an unclaimed stored line of the same product (re-imports)."""
    by_id = {line.id: line for line in existing}
    matched: list[PurchaseOrderLine | None] = []
    claimed: set[int] = set()
    for n, line in enumerate(lines, start=1):
        stored = by_id.get(line.line_id) if line.line_id is not None else None
        if line.line_id is not None and stored is None:
            errors.append(FieldError("lines", f"line {n} is not a line of this order"))
        if stored is not None:
            claimed.add(stored.id)
        matched.append(stored)
    for index, line in enumerate(lines):
        if line.line_id is not None or line.sku not in products:
            continue
        product_id = products[line.sku].id
        stored = next((s for s in existing if s.id not in claimed
                       and s.product_id == product_id), None)
        if stored is not None:
            claimed.add(stored.id)
            matched[index] = stored
    return matched


def _check_receipts(session: Session, order: PurchaseOrder, data: OrderInput,
                    matched: list[PurchaseOrderLine | None], found: _Resolved,
                    errors: list[FieldError]) -> dict[int, int]:
    received = received_by_line(session, order.id)
    scanned = lines_with_scans(session, order.id)
    if not scanned:
        return received
    skus = {p.id: p.sku for p in found.products.values()}
    kept = {s.id for s in matched if s is not None}
    for stored in order.lines:
        if stored.id in scanned and stored.id not in kept:
            sku = skus.get(stored.product_id) or session.get(Product, stored.product_id).sku
            errors.append(FieldError("lines", f"{sku}: goods were received against this "
                                     f"line ({received.get(stored.id, 0)} units); it cannot "
                                     "be removed"))
    for n, (line, stored) in enumerate(zip(data.lines, matched, strict=True), start=1):
        if stored is None or stored.id not in scanned:
            continue
        product = found.products.get(line.sku)
        if product is not None and product.id != stored.product_id:
            errors.append(FieldError("lines", f"line {n}: goods were received against this "
                                     "line; its product cannot change"))
        got = received.get(stored.id, 0)
        if line.qty < got:
            errors.append(FieldError("lines", f"line {n} ({line.sku}): {got} units are "
                                     f"received already; the quantity cannot be less"))
    if found.warehouse is not None and found.warehouse.id != order.warehouse_id:
        errors.append(FieldError("warehouse", "goods were received against this order; its "
                                 "warehouse cannot change"))
    return received


def status_from_receipts(lines: list[PurchaseOrderLine], received: dict[int, int]) -> str:
    """open, partly_received or received, from what arrived against the lines."""
    if not any(received.get(line.id) for line in lines):
        return PoStatus.OPEN
    if all(received.get(line.id, 0) >= line.qty for line in lines):
        return PoStatus.RECEIVED
    return PoStatus.PARTLY_RECEIVED


def save_order(session: Session, actor: Actor, data: OrderInput, *,
               order_id: int | None = None, today: date | None = None) -> PurchaseOrder:
    """Create an order (order_id None) or update one, lines included; raises ValidationFailed
    listing every bad field and line."""
    actor.require(Perm.PURCHASING_EDIT)
    order = load_order(session, order_id) if order_id is not None else None
    if order is not None and order.status == PoStatus.CLOSED:
        raise InputError(f"{order.code} is closed; reopen it to change it.")
    number = normalize_number(data.number)
    errors = check_order(data)
    found = _resolve(session, data, order, errors)
    if number and not check_number(number):
        other = session.scalar(select(PurchaseOrder.id).where(PurchaseOrder.number == number))
        if other is not None and (order is None or other != order.id):
            errors.append(FieldError("number", f"{PREFIX}{number} is another order"))
    matched = match_lines(order.lines if order else [], data.lines, found.products, errors)
    received = _check_receipts(session, order, data, matched, found, errors) if order else {}
    if errors:
        raise ValidationFailed(f"Purchase order {PREFIX}{number}" if number
                               else "Purchase order", errors)
    assert found.supplier is not None and found.warehouse is not None
    if order is None:
        order = PurchaseOrder(number=number or next_number(session, today or date.today()),
                              created_by=actor.user_id, status=PoStatus.OPEN)
        session.add(order)
    elif number:
        order.number = number
    order.supplier = found.supplier
    order.warehouse_id = found.warehouse.id
    order.expected_date, order.note = data.expected_date, data.note.strip()
    _apply_lines(session, order, data.lines, matched, found.products)
    if order_id is not None:
        order.status = status_from_receipts(order.lines, received)
    session.flush()
    audit.record(session, actor, "purchase_order.create" if order_id is None else
                 "purchase_order.update", entity="purchase_order", entity_id=order.id,
                 number=order.number, lines=len(order.lines))
    return order


def _apply_lines(session: Session, order: PurchaseOrder, lines: list[OrderLineInput],
                 matched: list[PurchaseOrderLine | None], products: dict[str, Product]) -> None:
    kept = {s.id for s in matched if s is not None}
    for stored in list(order.lines):
        if stored.id not in kept:
            order.lines.remove(stored)
    # Kept lines move out of the way first: (order, line_no) is unique at every flush.
    for offset, stored in enumerate(s for s in matched if s is not None):
        stored.line_no = -1 - offset
    if order.id is not None:
        session.flush()
    for n, (line, stored) in enumerate(zip(lines, matched, strict=True), start=1):
        if stored is None:
            stored = PurchaseOrderLine()
            order.lines.append(stored)
        stored.line_no, stored.product_id = n, products[line.sku].id
        stored.qty, stored.unit_cost = line.qty, line.unit_cost
        stored.expected_date = line.expected_date
    order.lines.sort(key=lambda s: s.line_no)


def _open_receipt(session: Session, order_id: int) -> Receipt | None:
    return session.scalars(select(Receipt).where(
        Receipt.purchase_order_id == order_id, Receipt.status == ReceiptStatus.OPEN)).first()


def close_order(session: Session, actor: Actor, order_id: int) -> PurchaseOrder:
    """Short-close an order: nothing more is expected against it."""
    actor.require(Perm.PURCHASING_EDIT)
    order = load_order(session, order_id)
    if order.status == PoStatus.CLOSED:
        raise InputError(f"{order.code} is closed already.")
    receipt = _open_receipt(session, order.id)
    if receipt is not None:
        raise InputError(f"{order.code} is being received ({receipt.code} at "
                         f"{receipt.workstation}); finish that receipt first.")
    order.status = PoStatus.CLOSED
    session.flush()
    audit.record(session, actor, "purchase_order.close", entity="purchase_order",
                 entity_id=order.id, number=order.number)
    return order


def reopen_order(session: Session, actor: Actor, order_id: int) -> PurchaseOrder:
    """Open a closed order again; its status follows what was received against it."""
    actor.require(Perm.PURCHASING_EDIT)
    order = load_order(session, order_id)
    if order.status != PoStatus.CLOSED:
        raise InputError(f"{order.code} is not closed.")
    order.status = status_from_receipts(order.lines, received_by_line(session, order.id))
    session.flush()
    audit.record(session, actor, "purchase_order.reopen", entity="purchase_order",
                 entity_id=order.id, number=order.number)
    return order
