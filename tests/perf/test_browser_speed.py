"""Opening the stock browser and the move history on a big warehouse: the first page must
not depend on how many rows there are (budget: < 300 ms with 1,000,000 SKUs and 10,000,000
moves). The size is set by WAREDESK_PERF_PRODUCTS and WAREDESK_PERF_MOVES; WAREDESK_PERF_DB
names a SQLite file to keep the data in between runs (filled on first use)."""

from __future__ import annotations

import os
import statistics
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from app.qt_app import create_application
from app.runner import Runner
from app.settings import Settings
from app.workspace import Workspace
from models.db import Database
from models.db.schema import upgrade
from models.demo.bulk import BulkSize, ean13, fill
from models.entities import User
from models.ledger.browse import COUNT_UP_TO, BrowseFilter, count_stock, move_page, stock_page
from models.users import create_user, system_actor
from tests.gui.conftest import signed_in

pytestmark = pytest.mark.perf

PRODUCTS = int(os.environ.get("WAREDESK_PERF_PRODUCTS", "200000"))
MOVES = int(os.environ.get("WAREDESK_PERF_MOVES", "1000000"))
BUDGET_MS = 300


@pytest.fixture(scope="module")
def big_db(tmp_path_factory) -> Database:
    kept = os.environ.get("WAREDESK_PERF_DB")
    path = Path(kept) if kept else Path(tmp_path_factory.mktemp("perf")) / "big.sqlite"
    db = Database(str(path))
    upgrade(db)
    with db.read() as s:
        kept_data = count_stock(s, BrowseFilter(sku="SKU-0000000")) > 0
    if not kept_data:
        started = time.perf_counter()
        fill(db, BulkSize(products=PRODUCTS, bins=max(PRODUCTS // 20, 100), moves=MOVES))
        print(f"\nbuilt {PRODUCTS:,} SKUs, {MOVES:,} moves in "
              f"{time.perf_counter() - started:.0f} s")
    with db.write() as s:
        if s.scalar(select(User.id).where(User.username == "alice")) is None:
            create_user(s, system_actor(s, "perf"), username="alice", password="demo1234",
                        role="supervisor")
    return db


def timed(work, repeat: int = 5) -> float:
    """Median milliseconds of `work()`."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def test_first_pages_cost_the_same_whatever_the_size(big_db):
    with big_db.read() as s:
        first = timed(lambda: stock_page(s, BrowseFilter()))
        last_sku = f"SKU-{PRODUCTS - 300:07d}"
        late = timed(lambda: stock_page(s, BrowseFilter(), after=(last_sku, "", 0)))
        moves = timed(lambda: move_page(s, BrowseFilter()))
        old_moves = timed(lambda: move_page(s, BrowseFilter(), before=1000))
        filters = {
            "sku prefix": BrowseFilter(sku="sku-01234"),
            "barcode": BrowseFilter(barcode=ean13(PRODUCTS // 2)),
            "location": BrowseFilter(location="A-0001"),
            "lot": BrowseFilter(lot="L00005"),
        }
        stock_filtered = {k: timed(lambda f=f: stock_page(s, f)) for k, f in filters.items()}
        moves_filtered = {k: timed(lambda f=f: move_page(s, f)) for k, f in filters.items()}
        count = timed(lambda: count_stock(s, BrowseFilter(), up_to=COUNT_UP_TO + 1), repeat=1)
    print(f"\nstock first page {first:.1f} ms, a late page {late:.1f} ms; moves first page "
          f"{moves:.1f} ms, an old page {old_moves:.1f} ms; counting up to {COUNT_UP_TO:,} "
          f"quants {count:.0f} ms")
    for name in filters:
        print(f"  filter {name}: stock {stock_filtered[name]:.1f} ms, "
              f"moves {moves_filtered[name]:.1f} ms")
    assert max(first, late, moves, old_moves) < BUDGET_MS


def test_opening_the_stock_browser_shows_rows_within_budget(qtbot, big_db):
    from views.stock_page import StockPage

    create_application()
    runner = Runner(big_db)
    workspace = Workspace(runner, signed_in(big_db, "alice"), Settings(), big_db.description)
    try:
        times, pages = [], []
        for _ in range(5):
            started = time.perf_counter()
            page = StockPage(workspace)
            pages.append(page)  # a window dropped unclosed would be deleted by the collector
            qtbot.addWidget(page)
            page.show()
            qtbot.waitUntil(lambda page=page: page.model.rowCount() > 0, timeout=5000)
            times.append((time.perf_counter() - started) * 1000)
            qtbot.waitUntil(lambda page=page: page.row_count.text().startswith(
                ("Rows", "More than")), timeout=60_000)
        print(f"\nstock browser open to first rows on screen: median "
              f"{statistics.median(times):.0f} ms, first {times[0]:.0f} ms")
        assert statistics.median(times) < BUDGET_MS
    finally:
        runner.shutdown()
