"""Stock on hand and the move history as CSV or XLSX files, page by page through the browsers'
keyset queries (so memory stays flat over ten million moves) and with the browsers' filters.

Both read in a read-only session: on SQLite a long export must not hold the write lock that
every workstation's scans need. The caller records the export in the audit log afterwards.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from models import audit
from models.actor import Actor
from models.ledger.browse import BrowseFilter, count_moves, count_stock, move_page, stock_page
from models.masterdata.table_writing import (
    XLSX_MAX_ROWS,
    check_row_count,
    table_format,
    write_table,
)
from models.permissions import Perm

Progress = Callable[[int], None]

STOCK_COLUMNS = ("sku", "name", "alt_name", "warehouse", "location", "lot", "expiry",
                 "on_hand", "reserved", "available")
MOVE_COLUMNS = ("move_id", "posting_id", "time_utc", "reason", "reference", "sku", "name",
                "lot", "serial", "qty", "from_location", "to_location", "user", "workstation")

_PAGE = 5_000


def _fits(session: Session, path: Path, count: Callable[..., int], flt: BrowseFilter) -> None:
    # Counting ten million moves only to write a CSV would double the work.
    if table_format(path) == "xlsx":
        check_row_count(path, count(session, flt, up_to=XLSX_MAX_ROWS + 1))


def _stock_rows(session: Session, flt: BrowseFilter, progress: Progress | None
                ) -> Iterator[list[Any]]:
    after, done = None, 0
    while page := stock_page(session, flt, after=after, limit=_PAGE):
        for r in page:
            yield [r.sku, r.name, r.alt_name, r.warehouse, r.location, r.lot,
                   r.expiry.isoformat() if r.expiry else "", r.on_hand, r.reserved,
                   r.available]
        after, done = page[-1].key, done + len(page)
        if progress is not None:
            progress(done)


def export_stock(session: Session, actor: Actor, path: Path, *,
                 flt: BrowseFilter | None = None, progress: Progress | None = None) -> int:
    """Write every quant with stock (in the stock browser's order) to `path`; returns rows."""
    actor.require(Perm.DATA_EXPORT)
    flt = flt or BrowseFilter()
    _fits(session, path, count_stock, flt)
    return write_table(path, STOCK_COLUMNS, _stock_rows(session, flt, progress))


def _move_rows(session: Session, flt: BrowseFilter, progress: Progress | None
               ) -> Iterator[list[Any]]:
    before, done = None, 0
    while page := move_page(session, flt, before=before, limit=_PAGE):
        for m in page:
            yield [m.move_id, m.posting_id, m.at.isoformat(timespec="seconds"), m.reason,
                   m.reference, m.sku, m.product_name, m.lot_number, m.serial, m.qty,
                   m.from_code, m.to_code, m.username, m.workstation]
        before, done = page[-1].move_id, done + len(page)
        if progress is not None:
            progress(done)


def export_moves(session: Session, actor: Actor, path: Path, *,
                 flt: BrowseFilter | None = None, progress: Progress | None = None) -> int:
    """Write the ledger's moves, newest first as the move history shows them; returns rows."""
    actor.require(Perm.DATA_EXPORT)
    flt = flt or BrowseFilter()
    _fits(session, path, count_moves, flt)
    return write_table(path, MOVE_COLUMNS, _move_rows(session, flt, progress))


def record_export(session: Session, actor: Actor, what: str, path: Path, rows: int) -> None:
    """Note in the audit log who exported what (after the read, in a short write)."""
    audit.record(session, actor, f"{what}.export", entity="file", entity_id=path.name,
                 rows=rows)
