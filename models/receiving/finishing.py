"""Finishing a receipt: the summary of ordered, received and damaged per product, the purchase
order's new status, and the data for the discrepancy report and the labels."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models import audit
from models.actor import Actor
from models.entities import (
    PoStatus,
    Product,
    PurchaseOrder,
    PurchaseOrderLine,
    Receipt,
    ReceiptScan,
    ReceiptStatus,
    User,
    utcnow,
)
from models.errors import InputError
from models.receiving.receipts import load_state


@dataclass(frozen=True)
class SummaryLine:
    """One product of a finished receipt."""

    sku: str
    name: str
    ordered: int | None  # None for a product that was not on the order
    received: int  # good units, over all receipts of the order
    damaged: int

    @property
    def difference(self) -> int:
        """Good units received minus ordered (negative: short)."""
        return self.received - (self.ordered or 0)


@dataclass(frozen=True)
class ReceiptSummary:
    """What a receipt brought in, and where its purchase order stands now."""

    receipt: str
    order: str | None
    supplier: str
    lines: tuple[SummaryLine, ...]
    status: str  # the purchase order's status, or "unplanned"
    message: str
    receiver: str = ""
    finished_on: date | None = None

    @property
    def discrepancies(self) -> tuple[SummaryLine, ...]:
        """Lines short, over, or with damaged units."""
        return tuple(ln for ln in self.lines if ln.difference or ln.damaged)


def _good_and_damaged(session: Session, where) -> dict[tuple[int | None, int], list[int]]:
    totals: dict[tuple[int | None, int], list[int]] = defaultdict(lambda: [0, 0])
    for line_id, product_id, damaged, qty in session.execute(
            select(ReceiptScan.order_line_id, ReceiptScan.product_id, ReceiptScan.damaged,
                   func.sum(ReceiptScan.qty))
            .where(where, ReceiptScan.reversal_id.is_(None))
            .group_by(ReceiptScan.order_line_id, ReceiptScan.product_id, ReceiptScan.damaged)):
        totals[(line_id, product_id)][1 if damaged else 0] += int(qty)
    return totals


def summarize(session: Session, receipt_id: int) -> ReceiptSummary:
    """The summary of a receipt (open or done): for an order, every line over all its
    receipts, plus products delivered that were not ordered."""
    state = load_state(session, receipt_id)
    receipt = session.get(Receipt, receipt_id)
    assert receipt is not None
    receiver = session.scalar(select(User.display_name).where(User.id == receipt.user_id)) or ""
    if state.order_id is not None:
        order_receipts = select(Receipt.id).where(Receipt.purchase_order_id == state.order_id)
        totals = _good_and_damaged(session, ReceiptScan.receipt_id.in_(order_receipts))
    else:
        totals = _good_and_damaged(session, ReceiptScan.receipt_id == receipt_id)
    lines = []
    for line in state.lines:
        good, damaged = totals.pop((line.id, line.product_id), [0, 0])
        lines.append(SummaryLine(line.sku, line.name, line.ordered, good, damaged))
    if totals:
        names = dict(session.execute(select(Product.id, Product.sku).where(
            Product.id.in_({product for _line, product in totals}))).all())
        product_names = dict(session.execute(select(Product.id, Product.name).where(
            Product.id.in_({product for _line, product in totals}))).all())
        merged: dict[int, list[int]] = defaultdict(lambda: [0, 0])
        for (_line, product), (good, damaged) in totals.items():
            merged[product][0] += good
            merged[product][1] += damaged
        for product, (good, damaged) in sorted(merged.items(), key=lambda kv: names[kv[0]]):
            lines.append(SummaryLine(names[product], product_names[product], None, good,
                                     damaged))
    status = "unplanned"
    if state.order_id is not None:
        status = session.scalar(select(PurchaseOrder.status).where(
            PurchaseOrder.id == state.order_id)) or ""
    code = f"REC-{receipt_id}"
    short = sum(1 for ln in lines if ln.ordered is not None and ln.difference < 0)
    message = (f"{code}: {sum(ln.received for ln in lines)} units received, "
               f"{sum(ln.damaged for ln in lines)} damaged"
               + (f", {short} line(s) short" if short else ""))
    finished = receipt.finished_at.date() if receipt.finished_at else None
    return ReceiptSummary(code, state.order_code, state.supplier, tuple(lines), status,
                          message, receiver, finished)


def order_status(session: Session, order_id: int) -> str:
    """open, partly_received or received, from the good units received on each line."""
    ordered = dict(session.execute(select(PurchaseOrderLine.id, PurchaseOrderLine.qty).where(
        PurchaseOrderLine.order_id == order_id)).all())
    good = dict(session.execute(
        select(ReceiptScan.order_line_id, func.sum(ReceiptScan.qty))
        .where(ReceiptScan.order_line_id.in_(ordered), ReceiptScan.reversal_id.is_(None),
               ReceiptScan.damaged.is_(False))
        .group_by(ReceiptScan.order_line_id)).all())
    if ordered and all(int(good.get(line, 0)) >= qty for line, qty in ordered.items()):
        return PoStatus.RECEIVED
    if any(good.values()):
        return PoStatus.PARTLY_RECEIVED
    return PoStatus.OPEN


def finish_receipt(session: Session, actor: Actor, receipt_id: int) -> ReceiptSummary:
    """Mark the receipt done and update its purchase order's status."""
    receipt = session.get(Receipt, receipt_id, with_for_update=True)
    if receipt is None:
        raise InputError(f"There is no receipt REC-{receipt_id}.")
    if receipt.status != ReceiptStatus.DONE:
        receipt.status = ReceiptStatus.DONE
        receipt.finished_at = utcnow()
        if receipt.purchase_order_id is not None:
            order = session.get(PurchaseOrder, receipt.purchase_order_id, with_for_update=True)
            assert order is not None
            if order.status != PoStatus.CLOSED:
                order.status = order_status(session, order.id)
        session.flush()
        audit.record(session, actor, "receipt.finish", entity="receipt", entity_id=receipt_id)
    return summarize(session, receipt_id)


def discrepancy_data(summary: ReceiptSummary) -> dict[str, object]:
    """The values of the receiving-discrepancy document template."""
    return {
        "receipt_no": summary.receipt,
        "po_number": summary.order or "—",
        "supplier": summary.supplier or "—",
        "received_date": (summary.finished_on or date.today()).isoformat(),
        "receiver": summary.receiver,
        "lines": [
            {"sku": ln.sku, "name": ln.name, "expected": ln.ordered or 0,
             "received": ln.received, "difference": ln.difference,
             "note": (f"{ln.damaged} damaged" if ln.damaged else "")
             + ("" if ln.ordered is not None else "not ordered")}
            for ln in summary.lines
        ],
    }
