"""`waredesk demo --skus N --moves M`: a benchmark-size warehouse that the ledger agrees with."""

from __future__ import annotations

from sqlalchemy import func, select

from app.cli.main import main
from models.db import Database
from models.entities import Quant, StockMove
from models.ledger import verify
from models.ledger.browse import BrowseFilter, stock_page


def test_bulk_warehouse_has_the_asked_size_and_verify_agrees(db: Database, capsys):
    assert main(["--db", db.url, "demo", "--skus", "500", "--moves", "2001",
                 "--bins", "40"]) == 0
    assert "500 products, 40 bins" in capsys.readouterr().out
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(StockMove)) == 2000
        assert s.scalar(select(func.count()).select_from(Quant)) == 500
        assert verify(s) == []
        first = stock_page(s, BrowseFilter(sku="SKU-0000001"), limit=5)
    assert len(first) == 1 and first[0].on_hand > 0


def test_bulk_warehouse_is_added_once(db: Database, capsys):
    assert main(["--db", db.url, "demo", "--skus", "10"]) == 0
    assert main(["--db", db.url, "demo", "--skus", "10"]) == 2
    assert "exists already" in capsys.readouterr().err
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Quant)) == 10
