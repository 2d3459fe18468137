"""The stock ledger: every change to stock goes through `post_moves`."""

from models.ledger.lines import MoveLine, PostingResult, Reason
from models.ledger.posting import post_moves
from models.ledger.queries import (
    MoveRecord,
    StockLevel,
    available,
    lot_trace,
    on_hand,
    product_history,
    serial_trace,
    stock_levels,
)
from models.ledger.reservations import release, reserve
from models.ledger.reversal import reverse_posting
from models.ledger.verify import Discrepancy, verify

__all__ = [
    "Discrepancy",
    "MoveLine",
    "MoveRecord",
    "PostingResult",
    "Reason",
    "StockLevel",
    "available",
    "lot_trace",
    "on_hand",
    "post_moves",
    "product_history",
    "release",
    "reserve",
    "reverse_posting",
    "serial_trace",
    "stock_levels",
    "verify",
]
