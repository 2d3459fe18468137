"""A large warehouse for benchmarks and sizing trials (`waredesk demo --skus 1000000 --moves
10000000`): warehouse BIG with its bins, products with barcodes and bilingual names, lots, one
receipt per product and receipt/shipment pairs that make the ledger long.

Rows go straight into the tables in chunks: ten million moves through `post_moves` would take
hours, and nothing here needs its checks (every quantity is known to fit). The quants are not
written by hand: they are derived from the moves just written, by the same aggregation
`verify` uses, so `verify` agrees by construction.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, insert, select

from models.db import Database
from models.entities import (
    Barcode,
    Location,
    LocationType,
    Lot,
    Product,
    Quant,
    StockMove,
    StockPosting,
    User,
    Warehouse,
)
from models.errors import InputError
from models.gtin import check_digit
from models.ledger.verify import ledger_balances
from models.reference_data import SYSTEM_USERNAME, virtual_location_id

WAREHOUSE = "BIG"
CHUNK = 20_000
LINES_PER_POSTING = 100

Progress = Callable[[str, int], None]  # (what, rows written so far)


@dataclass(frozen=True)
class BulkSize:
    """How big: products (one opening quant each), bins, and ledger moves in all."""

    products: int
    bins: int
    moves: int

    def check(self) -> None:
        """Refuse sizes that cannot make a warehouse."""
        if self.products < 1 or self.bins < 1:
            raise InputError("A bulk warehouse needs at least one product and one bin.")
        if self.moves < self.products:
            raise InputError(f"--moves must be at least --skus ({self.products:,}): every "
                             "product is received once.")


def ean13(n: int) -> str:
    """A valid EAN-13 in the 200 (in-store) prefix range."""
    body = f"200{n:09d}"
    return body + str(check_digit(body))


def _chunks(rows: Iterable[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for row in rows:
        batch.append(row)
        if len(batch) == CHUNK:
            yield batch
            batch = []
    if batch:
        yield batch


def _insert(conn: Connection, entity: type, rows: Iterable[dict[str, Any]], what: str,
            progress: Progress | None) -> None:
    done = 0
    for batch in _chunks(rows):
        conn.execute(insert(entity), batch)
        done += len(batch)
        if progress is not None:
            progress(what, done)


def fill(db: Database, size: BulkSize, *, seed: int = 7,
         progress: Progress | None = None) -> None:
    """Write warehouse BIG and its stock in one transaction (all or nothing)."""
    size.check()
    rng = random.Random(seed)
    now = datetime.now(UTC)
    with db.read() as s:
        if s.scalar(select(Warehouse.id).where(Warehouse.code == WAREHOUSE)) is not None:
            raise InputError(f"Warehouse {WAREHOUSE} exists already: bulk data goes into a "
                             "database that has none.")
        supplier = virtual_location_id(s, LocationType.SUPPLIER)
        customer = virtual_location_id(s, LocationType.CUSTOMER)
        user_id = s.scalar(select(User.id).where(User.username == SYSTEM_USERNAME))
    products, bins = size.products, size.bins
    with db.engine.begin() as conn:
        wh_id = conn.execute(insert(Warehouse).values(code=WAREHOUSE, name="Big warehouse")
                             .returning(Warehouse.id)).scalar_one()
        _insert(conn, Location, ({"warehouse_id": wh_id, "code": f"{chr(65 + i % 10)}-{i:06d}",
                                  "barcode": f"L{i:07d}", "kind": "bin", "type": "storage",
                                  "walk_seq": i} for i in range(bins)), "bins", progress)
        first_bin = conn.execute(select(Location.id).where(
            Location.warehouse_id == wh_id).order_by(Location.id)).scalars().first()
        _insert(conn, Product, ({"sku": f"SKU-{i:07d}", "name": f"Product {i} cotton T-shirt",
                                 "alt_name": f"商品{i}纯棉T恤", "tracking": "lot" if i % 10 == 0
                                 else "none", "created_at": now, "updated_at": now}
                                for i in range(products)), "products", progress)
        first_product = conn.execute(select(Product.id).where(
            Product.sku == "SKU-0000000")).scalar_one()
        _insert(conn, Barcode, ({"product_id": first_product + i, "code": ean13(i),
                                 "pack_qty": 1} for i in range(products)), "barcodes", progress)
        _insert(conn, Lot, ({"product_id": first_product + i, "number": f"L{i:07d}",
                             "expiry": date(2027, 1, 1) + timedelta(days=i % 700),
                             "created_at": now} for i in range(0, products, 10)),
                "lots", progress)
        lot_of = dict(conn.execute(select(Lot.product_id, Lot.id).where(
            Lot.product_id >= first_product)).all())
        # Each product lands in one random bin; pairs of one unit in and out make it long.
        home = [(first_product + i, first_bin + rng.randrange(bins),
                 lot_of.get(first_product + i)) for i in range(products)]
        pairs = (size.moves - products) // 2
        total = products + 2 * pairs

        def lines() -> Iterator[tuple[int, int, int | None, int, int]]:
            for p, loc, lot in home:
                yield p, rng.randint(1, 500), lot, supplier, loc
            for _ in range(pairs):
                p, loc, lot = home[rng.randrange(products)]
                yield p, 1, lot, supplier, loc
                yield p, 1, lot, loc, customer

        postings = (total + LINES_PER_POSTING - 1) // LINES_PER_POSTING
        receipts = (products + LINES_PER_POSTING - 1) // LINES_PER_POSTING
        _insert(conn, StockPosting, (
            {"request_hash": "bulk", "reason": "receipt" if n < receipts else "shipment",
             "reference": f"BULK-{n:07d}", "user_id": user_id, "workstation": "bulk",
             "created_at": now - timedelta(seconds=postings - n)} for n in range(postings)),
            "postings", progress)
        first_posting = conn.execute(select(StockPosting.id).where(
            StockPosting.reference == "BULK-0000000")).scalar_one()
        _insert(conn, StockMove, (
            {"posting_id": first_posting + n // LINES_PER_POSTING, "product_id": p, "qty": qty,
             "lot_id": lot, "from_location_id": src, "to_location_id": dst}
            for n, (p, qty, lot, src, dst) in enumerate(lines())), "moves", progress)
        balances = ledger_balances(Location.warehouse_id == wh_id)
        conn.execute(insert(Quant).from_select(
            ["product_id", "location_id", "lot_id", "on_hand"],
            select(balances.c.product_id, balances.c.location_id, balances.c.lot_id,
                   balances.c.qty).where(balances.c.qty != 0)))
        if progress is not None:
            progress("quants", products)
