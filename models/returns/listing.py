"""Returns as the back office reads them (`waredesk return list|show`): each parcel received,
what came back in it and where each unit went."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from models.entities import (
    CustomerReturn,
    Location,
    Lot,
    Product,
    ReturnStep,
    ReturnStepKind,
    SalesOrder,
    SerialNumber,
    Shop,
    StockMove,
    User,
)
from models.errors import InputError, NotFound
from models.returns.reasons import describe_reason


@dataclass(frozen=True)
class ReturnRow:
    """One return in the list: units received and where they went."""

    id: int
    order_id: int
    at: datetime
    shop: str
    order: str
    status: str
    tracking: str
    clerk: str
    units: dict[str, int] = field(default_factory=dict)  # step kind -> units (not undone)

    @property
    def code(self) -> str:
        """RMA-12."""
        return f"RMA-{self.id}"

    @property
    def waiting(self) -> int:
        """Units received and not yet disposed of."""
        received = self.units.get(ReturnStepKind.RECEIVE, 0)
        return received - sum(q for k, q in self.units.items() if k != ReturnStepKind.RECEIVE)


@dataclass(frozen=True)
class StepRow:
    """One step of a return, as it happened."""

    at: datetime
    kind: str
    sku: str
    lot: str
    qty: int
    location: str
    reason: str
    user: str
    undone: bool
    serial: str = ""


def list_returns(session: Session, *, order: str = "", limit: int = 100) -> list[ReturnRow]:
    """The latest returns first (of one order number when given)."""
    query = (select(CustomerReturn.id, CustomerReturn.order_id, CustomerReturn.created_at,
                    Shop.code, SalesOrder.number, SalesOrder.status,
                    SalesOrder.tracking_number, User.username)
             .join(SalesOrder, SalesOrder.id == CustomerReturn.order_id)
             .join(Shop, Shop.id == SalesOrder.shop_id)
             .join(User, User.id == CustomerReturn.user_id)
             .order_by(CustomerReturn.id.desc()).limit(limit))
    if order:
        query = query.where(SalesOrder.number == order.strip())
    rows = session.execute(query).all()
    units: dict[int, dict[str, int]] = defaultdict(dict)
    if rows:
        for rid, kind, qty in session.execute(
                select(ReturnStep.return_id, ReturnStep.kind, func.sum(ReturnStep.qty))
                .where(ReturnStep.return_id.in_([r.id for r in rows]),
                       ReturnStep.undone.is_(False))
                .group_by(ReturnStep.return_id, ReturnStep.kind)):
            units[rid][kind] = int(qty)
    return [ReturnRow(r.id, r.order_id, r.created_at, r.code, r.number, r.status,
                      r.tracking_number or "", r.username, units.get(r.id, {})) for r in rows]


def find_return(session: Session, code: str) -> ReturnRow:
    """A return by its code (RMA-12 or 12)."""
    text = code.strip().upper().removeprefix("RMA-")
    if not text.isdigit():
        raise InputError(f"'{code}' is no return: give it as RMA-12.")
    found = session.scalar(select(CustomerReturn.order_id).where(CustomerReturn.id == int(text)))
    if found is None:
        raise NotFound(f"There is no return RMA-{text}.")
    number = session.scalar(select(SalesOrder.number).where(SalesOrder.id == found)) or ""
    return next(r for r in list_returns(session, order=number, limit=10_000)
                if r.id == int(text))


def return_steps(session: Session, return_id: int) -> list[StepRow]:
    """The return's steps, oldest first, undone ones included."""
    approver = aliased(User)
    rows = session.execute(
        select(ReturnStep.created_at, ReturnStep.kind, Product.sku, Lot.number, ReturnStep.qty,
               Location.code, ReturnStep.reason, ReturnStep.note, User.username,
               approver.username, ReturnStep.undone, SerialNumber.serial)
        .join(Product, Product.id == ReturnStep.product_id)
        # A step's posting is one move: it names the serial of a serial-tracked unit.
        .join(StockMove, StockMove.posting_id == ReturnStep.posting_id)
        .outerjoin(SerialNumber, SerialNumber.id == StockMove.serial_id)
        .join(Location, Location.id == ReturnStep.to_location_id)
        .join(User, User.id == ReturnStep.user_id)
        .outerjoin(approver, approver.id == ReturnStep.approved_by)
        .outerjoin(Lot, Lot.id == ReturnStep.lot_id)
        .where(ReturnStep.return_id == return_id).order_by(ReturnStep.id)).all()
    return [StepRow(at, kind, sku, lot or "", qty, place,
                    describe_reason(reason, note) if reason else "",
                    f"{user} (approved by {boss})" if boss else user, undone, serial or "")
            for at, kind, sku, lot, qty, place, reason, note, user, boss, undone, serial
            in rows]
