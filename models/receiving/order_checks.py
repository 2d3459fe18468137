"""Which purchase order line a scan counts against, and whether its units fit the order:
within it, within the over-receipt tolerance, or beyond it (two queries per scan)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models.entities import Product, ReceiptScan, Supplier
from models.receiving.receipts import OrderLine, ReceiptState
from models.receiving.tolerance import OverReceiptRule, Verdict


@dataclass(frozen=True)
class OrderFit:
    """The line the units count against (None: not on the order, or no order), their cost,
    and the verdict with words for the worker."""

    line: OrderLine | None
    unit_cost: Decimal | None
    verdict: Verdict
    detail: str = ""


def fit_to_order(session: Session, state: ReceiptState, *, product_id: int, sku: str,
                 qty: int) -> OrderFit:
    """Check `qty` more units of a product against the receipt's purchase order."""
    rules = session.execute(
        select(Product.standard_cost, Product.over_receipt_pct, Product.over_receipt_beyond,
               Supplier.over_receipt_pct, Supplier.over_receipt_beyond)
        .select_from(Product).outerjoin(Supplier, Supplier.id == state.supplier_id)
        .where(Product.id == product_id)).one()
    lines = [ln for ln in state.lines if ln.product_id == product_id]
    if state.order_id is None:
        return OrderFit(None, rules[0], Verdict.WITHIN)
    rule = OverReceiptRule.of(product_pct=rules[1], product_beyond=rules[2],
                              supplier_pct=rules[3], supplier_beyond=rules[4])
    if not lines:
        verdict = Verdict.WARN if rule.beyond == "warn" else Verdict.BLOCK
        return OrderFit(None, rules[0], verdict, f"{sku} is not on {state.order_code}")
    received = dict(session.execute(
        select(ReceiptScan.order_line_id, func.sum(ReceiptScan.qty))
        .where(ReceiptScan.order_line_id.in_([ln.id for ln in lines]),
               ReceiptScan.reversal_id.is_(None))
        .group_by(ReceiptScan.order_line_id)).all())
    # The first of the product's lines still open takes the units, else its last line.
    line = next((ln for ln in lines if int(received.get(ln.id, 0)) < ln.ordered), lines[-1])
    ordered = sum(ln.ordered for ln in lines)
    so_far = sum(int(v) for v in received.values())
    verdict = rule.judge(ordered=ordered, received=so_far, adding=qty)
    detail = ("more than was ordered" if state.blind
              else f"{so_far + qty} of {ordered} ordered")
    if verdict is Verdict.TOLERATED:
        detail += f", within the {rule.pct}% tolerance"
    elif verdict is not Verdict.WITHIN and rule.pct:
        detail += f", over the {rule.pct}% tolerance"
    return OrderFit(line, line.unit_cost, verdict, detail)
