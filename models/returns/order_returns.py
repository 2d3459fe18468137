"""What came back of one order, as the sales order detail and `waredesk order show` tell
it: each return (RMA-…) with its date, where its units went and why, and how many units of
each product are back. Read for one order at a time (the order list does not ask)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import and_, select
from sqlalchemy.orm import Session

from models.entities import CustomerReturn, Product, ReturnStep, ReturnStepKind
from models.returns.reasons import describe_reason

#: Dispositions in the order they are told.
DISPOSITIONS = (ReturnStepKind.RESTOCK, ReturnStepKind.QUARANTINE, ReturnStepKind.SCRAP)


@dataclass(frozen=True)
class OrderReturn:
    """One parcel that came back: units per step kind (undone steps left out) and the
    reasons given, each once, in the order given."""

    id: int
    at: datetime
    units: dict[str, int] = field(default_factory=dict)
    reasons: tuple[str, ...] = ()

    @property
    def code(self) -> str:
        """RMA-12."""
        return f"RMA-{self.id}"

    @property
    def received(self) -> int:
        """Units received from the customer in this return."""
        return self.units.get(ReturnStepKind.RECEIVE, 0)

    @property
    def waiting(self) -> int:
        """Units received and not yet restocked, quarantined or scrapped."""
        return self.received - sum(self.units.get(kind, 0) for kind in DISPOSITIONS)


@dataclass(frozen=True)
class OrderReturns:
    """The order's returns, oldest first, and the units back per product SKU."""

    returns: tuple[OrderReturn, ...] = ()
    returned: dict[str, int] = field(default_factory=dict)

    def per_line(self, lines: Sequence[tuple[str | None, int]]) -> list[int]:
        """Units back on each of the order's lines (its product SKU and quantity): a product
        on several lines fills them in line order."""
        left = dict(self.returned)
        shares = []
        for sku, qty in lines:
            share = min(qty, left.get(sku or "", 0))
            shares.append(share)
            if sku:
                left[sku] = left.get(sku, 0) - share
        return shares


def order_returns(session: Session, order_id: int) -> OrderReturns:
    """The returns of the order, in one query."""
    rows = session.execute(
        select(CustomerReturn.id, CustomerReturn.created_at, ReturnStep.kind, Product.sku,
               ReturnStep.qty, ReturnStep.reason, ReturnStep.note)
        .outerjoin(ReturnStep, and_(ReturnStep.return_id == CustomerReturn.id,
                                    ReturnStep.undone.is_(False)))
        .outerjoin(Product, Product.id == ReturnStep.product_id)
        .where(CustomerReturn.order_id == order_id)
        .order_by(CustomerReturn.id, ReturnStep.id)).all()
    dates: dict[int, datetime] = {}
    units: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    reasons: dict[int, dict[str, None]] = defaultdict(dict)
    returned: dict[str, int] = defaultdict(int)
    for rid, at, kind, sku, qty, reason, note in rows:
        dates[rid] = at
        if kind is None:
            continue
        units[rid][kind] += qty
        if kind == ReturnStepKind.RECEIVE:
            returned[sku] += qty
        if reason or note:
            reasons[rid][describe_reason(reason, note)] = None
    return OrderReturns(
        tuple(OrderReturn(rid, at, dict(units[rid]), tuple(reasons[rid]))
              for rid, at in dates.items()),
        dict(returned))
