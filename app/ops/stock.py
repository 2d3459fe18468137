"""What the stock browser and the move history load, a page at a time."""

from __future__ import annotations

from app.ops.sessions import reading
from app.runner import Op
from models.ledger.browse import (
    COUNT_UP_TO,
    BrowseFilter,
    StockKey,
    StockRow,
    count_moves,
    count_stock,
    move_page,
    stock_page,
)
from models.ledger.queries import MoveRecord


def load_stock_page(*, flt: BrowseFilter, after: StockKey | None) -> Op[list[StockRow]]:
    """The next page of quants with stock."""
    return Op.query(reading(lambda s: stock_page(s, flt, after=after)))


def count_stock_rows(*, flt: BrowseFilter) -> Op[int]:
    """How many rows the stock browser's filter matches, up to COUNT_UP_TO + 1."""
    return Op.query(reading(lambda s: count_stock(s, flt, up_to=COUNT_UP_TO + 1)))


def load_move_page(*, flt: BrowseFilter, before: int | None) -> Op[list[MoveRecord]]:
    """The next page of ledger moves, newest first."""
    return Op.query(reading(lambda s: move_page(s, flt, before=before)))


def count_move_rows(*, flt: BrowseFilter) -> Op[int]:
    """How many moves the move history's filter matches, up to COUNT_UP_TO + 1."""
    return Op.query(reading(lambda s: count_moves(s, flt, up_to=COUNT_UP_TO + 1)))
