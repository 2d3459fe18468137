"""Finding the order a returned parcel belongs to, and what was shipped on it and has come
back: the shipment's posting says what went to the customer (product and lot), the return
steps what was received and where it went."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models.entities import (
    CustomerReturn,
    Lot,
    Product,
    ReturnStep,
    ReturnStepKind,
    SalesOrder,
    SalesOrderStatus,
    SerialNumber,
    Shipment,
    StockMove,
)
from models.errors import InputError

RETURNABLE = (SalesOrderStatus.SHIPPED, SalesOrderStatus.RETURNED)


@dataclass(frozen=True)
class ReturnItem:
    """One product of the order: units shipped, units returned (in any return of the order)
    and what this return did with them."""

    product_id: int
    sku: str
    name: str
    tracking: str
    shipped: int
    returned: int  # received in every return of the order, this one included
    received: int  # received in this return
    pending: dict[int | None, int] = field(default_factory=dict)  # lot -> units to dispose
    disposed: dict[str, int] = field(default_factory=dict)  # restock/quarantine/scrap -> units
    shipped_lots: dict[int | None, int] = field(default_factory=dict)  # lot -> units shipped
    returned_lots: dict[int | None, int] = field(default_factory=dict)
    # Serial-tracked products: serial id -> (serial, lot id) shipped on the order, the serials
    # received back (in any return) and those of this return waiting, oldest first.
    shipped_serials: dict[int, tuple[str, int | None]] = field(default_factory=dict)
    returned_serials: frozenset[int] = frozenset()
    waiting_serials: tuple[int, ...] = ()

    @property
    def left(self) -> int:
        """Units still out with the customer."""
        return self.shipped - self.returned

    @property
    def waiting(self) -> int:
        """Units of this return at the returns location, waiting for a disposition."""
        return sum(self.pending.values())


def describe_status(order: SalesOrder) -> str:
    """Why an order that was not shipped cannot be returned."""
    return (f"Order {order.number} is {order.status}: only a shipped order can be returned.")


def find_order(session: Session, text: str) -> SalesOrder | None:
    """The shipped order a parcel's tracking number or a shop order number names (None
    when nothing does); InputError when the number is ambiguous or the order not shipped."""
    text = text.strip()
    if not text:
        return None
    tracked = session.scalars(select(SalesOrder).where(SalesOrder.tracking_number == text)
                              .order_by(SalesOrder.id)).all()
    return _one(tracked, text) if tracked else order_for_number(session, text, missing=False)


def order_for_number(session: Session, number: str, *, missing: bool = True
                     ) -> SalesOrder | None:
    """The shipped order with this shop order number (None, or NotFound when `missing`)."""
    found = session.scalars(select(SalesOrder).where(SalesOrder.number == number)
                            .order_by(SalesOrder.id)).all()
    if not found:
        if missing:
            raise InputError(f"There is no order {number}: scan the parcel's tracking number "
                             "or the order number on the packing slip.")
        return None
    return _one(found, number)


def _one(found: list[SalesOrder], text: str) -> SalesOrder:
    shipped = [o for o in found if o.status in RETURNABLE]
    if len(shipped) > 1:
        raise InputError(f"{text} names {len(shipped)} shipped orders: scan the parcel's "
                         "tracking number instead.")
    if not shipped:
        raise InputError(describe_status(found[0]))
    return shipped[0]


def latest_open_return(session: Session, order_id: int) -> int | None:
    """The order's latest return while units of it still wait for a disposition."""
    latest = session.scalar(select(func.max(CustomerReturn.id))
                            .where(CustomerReturn.order_id == order_id))
    if latest is None:
        return None
    waiting = _pending(session, latest)
    return latest if any(waiting.values()) else None


def return_items(session: Session, order_id: int, return_id: int | None) -> list[ReturnItem]:
    """The order's shipped products in SKU order, with what came back."""
    shipped: dict[int, dict[int | None, int]] = defaultdict(lambda: defaultdict(int))
    serials: dict[int, dict[int, tuple[str, int | None]]] = defaultdict(dict)
    posting = session.scalar(select(Shipment.posting_id).where(Shipment.order_id == order_id))
    for product_id, lot_id, serial_id, serial, qty in session.execute(
            select(StockMove.product_id, StockMove.lot_id, StockMove.serial_id,
                   SerialNumber.serial, func.sum(StockMove.qty))
            .outerjoin(SerialNumber, SerialNumber.id == StockMove.serial_id)
            .where(StockMove.posting_id == posting)
            .group_by(StockMove.product_id, StockMove.lot_id, StockMove.serial_id,
                      SerialNumber.serial)):
        shipped[product_id][lot_id] += int(qty)
        if serial_id is not None:
            serials[product_id][serial_id] = (serial, lot_id)
    returned: dict[int, dict[int | None, int]] = defaultdict(lambda: defaultdict(int))
    back: dict[int, set[int]] = defaultdict(set)
    here: dict[int, int] = defaultdict(int)
    # A receive posting moves one product (and lot, or serial): its moves say which serial.
    for rid, product_id, lot_id, serial_id, qty in session.execute(
            select(ReturnStep.return_id, ReturnStep.product_id, ReturnStep.lot_id,
                   StockMove.serial_id, func.sum(StockMove.qty))
            .join(CustomerReturn, CustomerReturn.id == ReturnStep.return_id)
            .join(StockMove, StockMove.posting_id == ReturnStep.posting_id)
            .where(CustomerReturn.order_id == order_id, ReturnStep.undone.is_(False),
                   ReturnStep.kind == ReturnStepKind.RECEIVE)
            .group_by(ReturnStep.return_id, ReturnStep.product_id, ReturnStep.lot_id,
                      StockMove.serial_id)):
        returned[product_id][lot_id] += int(qty)
        if serial_id is not None:
            back[product_id].add(serial_id)
        if rid == return_id:
            here[product_id] += int(qty)
    pending = _pending(session, return_id) if return_id is not None else {}
    waiting = _waiting_serials(session, return_id) if return_id is not None and serials else {}
    disposed: dict[int, dict[str, int]] = defaultdict(dict)
    if return_id is not None:
        for product_id, kind, qty in session.execute(
                select(ReturnStep.product_id, ReturnStep.kind, func.sum(ReturnStep.qty))
                .where(ReturnStep.return_id == return_id, ReturnStep.undone.is_(False),
                       ReturnStep.kind != ReturnStepKind.RECEIVE)
                .group_by(ReturnStep.product_id, ReturnStep.kind)):
            disposed[product_id][kind] = int(qty)
    products = session.execute(select(Product.id, Product.sku, Product.name, Product.tracking)
                               .where(Product.id.in_(list(shipped)))).all()
    items = []
    for pid, sku, name, tracking in sorted(products, key=lambda p: p.sku):
        lots = returned.get(pid, {})
        items.append(ReturnItem(
            pid, sku, name, tracking, sum(shipped[pid].values()), sum(lots.values()),
            here.get(pid, 0),
            {lot: qty for (p, lot), qty in pending.items() if p == pid and qty},
            disposed.get(pid, {}), dict(shipped[pid]), dict(lots), serials.get(pid, {}),
            frozenset(back.get(pid, ())), tuple(waiting.get(pid, ()))))
    return items


def _pending(session: Session, return_id: int) -> dict[tuple[int, int | None], int]:
    """Units per (product, lot) received in the return and not yet disposed of."""
    left: dict[tuple[int, int | None], int] = defaultdict(int)
    for product_id, lot_id, kind, qty in session.execute(
            select(ReturnStep.product_id, ReturnStep.lot_id, ReturnStep.kind,
                   func.sum(ReturnStep.qty))
            .where(ReturnStep.return_id == return_id, ReturnStep.undone.is_(False))
            .group_by(ReturnStep.product_id, ReturnStep.lot_id, ReturnStep.kind)):
        sign = 1 if kind == ReturnStepKind.RECEIVE else -1
        left[(product_id, lot_id)] += sign * int(qty)
    return dict(left)


def _waiting_serials(session: Session, return_id: int) -> dict[int, list[int]]:
    """Per product, the serials received in the return and not yet disposed of, oldest
    first."""
    here: dict[int, dict[int, int]] = defaultdict(dict)
    for product_id, serial_id, kind in session.execute(
            select(ReturnStep.product_id, StockMove.serial_id, ReturnStep.kind)
            .join(StockMove, StockMove.posting_id == ReturnStep.posting_id)
            .where(ReturnStep.return_id == return_id, ReturnStep.undone.is_(False),
                   StockMove.serial_id.is_not(None))
            .order_by(ReturnStep.id)):
        units = here[product_id]
        units[serial_id] = units.get(serial_id, 0) + (1 if kind == ReturnStepKind.RECEIVE
                                                      else -1)
    return {pid: [sid for sid, n in units.items() if n > 0] for pid, units in here.items()}


def lot_numbers(session: Session, lot_ids: list[int | None]) -> dict[int, str]:
    """Lot numbers by id."""
    ids = [i for i in lot_ids if i is not None]
    if not ids:
        return {}
    return dict(session.execute(select(Lot.id, Lot.number).where(Lot.id.in_(ids))).all())
