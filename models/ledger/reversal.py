"""Undoing a posting with a reversing posting: the ledger is never edited or deleted."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.actor import Actor
from models.entities import StockMove, StockPosting
from models.errors import InputError, NotFound
from models.ledger.lines import MoveLine, PostingResult, Reason
from models.ledger.posting import post_moves


def reverse_posting(session: Session, actor: Actor, posting_id: int, *, note: str = "",
                    idempotency_key: str | None = None) -> PostingResult:
    """Post the mirror image of a posting (each move back where it came from)."""
    original = session.get(StockPosting, posting_id)
    if original is None:
        raise NotFound(f"There is no posting #{posting_id}.")
    if original.reverses_id is not None:
        raise InputError(f"Posting #{posting_id} is itself a reversal; post the stock again "
                         "instead of reversing a reversal.")
    already = session.scalar(
        select(StockPosting.id).where(StockPosting.reverses_id == posting_id)
    )
    if already is not None:
        replay = idempotency_key is not None and session.scalar(
            select(StockPosting.id).where(StockPosting.idempotency_key == idempotency_key)
        ) == already
        if not replay:
            raise InputError(f"Posting #{posting_id} was already reversed by posting "
                             f"#{already}.")
    moves = session.scalars(
        select(StockMove).where(StockMove.posting_id == posting_id).order_by(StockMove.id)
    ).all()
    lines = [
        MoveLine(product_id=m.product_id, qty=m.qty, from_location_id=m.to_location_id,
                 to_location_id=m.from_location_id, lot_id=m.lot_id, serial_id=m.serial_id,
                 unit_cost=m.unit_cost)
        for m in moves
    ]
    return post_moves(session, actor, lines, reason=Reason.REVERSAL,
                      reference=original.reference, note=note or f"reverses #{posting_id}",
                      idempotency_key=idempotency_key, reverses_id=posting_id)
