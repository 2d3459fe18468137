"""How much of each purchase order line has arrived: the receipt scans that were not undone."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models.entities import PurchaseOrderLine, ReceiptScan


def received_by_line(session: Session, order_id: int) -> dict[int, int]:
    """Units received per line id of one order (lines with nothing received are left out)."""
    rows = session.execute(
        select(ReceiptScan.order_line_id, func.sum(ReceiptScan.qty))
        .join(PurchaseOrderLine, PurchaseOrderLine.id == ReceiptScan.order_line_id)
        .where(PurchaseOrderLine.order_id == order_id, ReceiptScan.reversal_id.is_(None))
        .group_by(ReceiptScan.order_line_id))
    return {line_id: int(qty) for line_id, qty in rows if qty}


def received_for_lines(session: Session, line_ids: Iterable[int]) -> dict[int, int]:
    """Units received per line id, for any lines."""
    ids = list(line_ids)
    if not ids:
        return {}
    rows = session.execute(
        select(ReceiptScan.order_line_id, func.sum(ReceiptScan.qty))
        .where(ReceiptScan.order_line_id.in_(ids), ReceiptScan.reversal_id.is_(None))
        .group_by(ReceiptScan.order_line_id))
    return {line_id: int(qty) for line_id, qty in rows if qty}


def lines_with_scans(session: Session, order_id: int) -> set[int]:
    """Line ids that any receipt scan refers to, undone ones included: such a line cannot be
    deleted, the scan's history points at it."""
    return set(session.scalars(
        select(ReceiptScan.order_line_id).distinct()
        .join(PurchaseOrderLine, PurchaseOrderLine.id == ReceiptScan.order_line_id)
        .where(PurchaseOrderLine.order_id == order_id)))
