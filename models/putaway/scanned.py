"""Small pieces the stock-moving floor workflows (putaway, transfers) share: lots by number,
typed quantities and the list of recent scans."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.entities import Lot
from models.floor import MAX_TYPED_QTY

RECENT_KEPT = 8


def lot_id_of(session: Session, product_id: int, number: str) -> int | None:
    """The id of a product's lot by its number (as printed), or None."""
    return session.scalar(select(Lot.id).where(Lot.product_id == product_id,
                                               Lot.number == number.strip()))


def quantity_problem(qty: int) -> str | None:
    """Why a typed quantity cannot be used, or None."""
    if qty <= 0:
        return "A quantity must be more than zero: type it again."
    if qty > MAX_TYPED_QTY:
        return f"{qty} is more than a scan can carry: type at most {MAX_TYPED_QTY}."
    return None


class Recent:
    """The last scans, newest first, one line each."""

    def __init__(self) -> None:
        self._lines: list[str] = []

    def add(self, line: str) -> None:
        """Put a line on top, forgetting the oldest beyond the few shown."""
        self._lines.insert(0, line)
        del self._lines[RECENT_KEPT:]

    def lines(self) -> tuple[str, ...]:
        """The lines to show, newest first."""
        return tuple(self._lines)
