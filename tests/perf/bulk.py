"""A large warehouse written straight into the tables, for benchmarks: products with barcodes
and bilingual names, bins, lots, one receipt per quant, and receipt/shipment pairs that make
the ledger long without changing stock (so `verify` still agrees)."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import insert, select

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
from models.gtin import check_digit
from models.reference_data import SYSTEM_USERNAME, virtual_location_id

CHUNK = 20_000
LINES_PER_POSTING = 100


def _chunks(rows: Iterator[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for row in rows:
        batch.append(row)
        if len(batch) == CHUNK:
            yield batch
            batch = []
    if batch:
        yield batch


def ean13(n: int) -> str:
    """A valid EAN-13 in the 200 (in-store) prefix range."""
    body = f"200{n:09d}"
    return body + str(check_digit(body))


def fill(db: Database, *, products: int, bins: int, moves: int, seed: int = 7) -> None:
    """Write `products` products with one quant each (every tenth lot-tracked) in `bins` bins,
    and about `moves` ledger moves."""
    rng = random.Random(seed)
    now = datetime.now(UTC)
    with db.read() as s:
        supplier = virtual_location_id(s, LocationType.SUPPLIER)
        customer = virtual_location_id(s, LocationType.CUSTOMER)
        user_id = s.scalar(select(User.id).where(User.username == SYSTEM_USERNAME))
    with db.engine.begin() as conn:
        wh_id = conn.execute(insert(Warehouse).values(code="BIG", name="Big warehouse")
                             .returning(Warehouse.id)).scalar_one()
        first_bin = conn.execute(select(Location.id).order_by(Location.id.desc())).scalar() + 1
        for batch in _chunks({"warehouse_id": wh_id, "code": f"{chr(65 + i % 10)}-{i:06d}",
                              "barcode": f"L{i:07d}", "kind": "bin", "type": "storage",
                              "walk_seq": i} for i in range(bins)):
            conn.execute(insert(Location), batch)
        for batch in _chunks({"sku": f"SKU-{i:07d}", "name": f"Product {i} cotton T-shirt",
                              "alt_name": f"商品{i}纯棉T恤", "tracking": "lot" if i % 10 == 0
                              else "none", "created_at": now, "updated_at": now}
                             for i in range(products)):
            conn.execute(insert(Product), batch)
        first_product = conn.execute(select(Product.id).where(
            Product.sku == "SKU-0000000")).scalar_one()
        for batch in _chunks({"product_id": first_product + i, "code": ean13(i), "pack_qty": 1}
                             for i in range(products)):
            conn.execute(insert(Barcode), batch)
        for batch in _chunks({"product_id": first_product + i, "number": f"L{i:07d}",
                              "expiry": date(2027, 1, 1) + timedelta(days=i % 700),
                              "created_at": now} for i in range(0, products, 10)):
            conn.execute(insert(Lot), batch)
        lot_of = dict(conn.execute(select(Lot.product_id, Lot.id)).all())

        quants = [(first_product + i, first_bin + rng.randrange(bins),
                   lot_of.get(first_product + i), rng.randint(1, 500)) for i in range(products)]
        for batch in _chunks({"product_id": p, "location_id": loc, "lot_id": lot,
                              "on_hand": qty, "reserved": 0} for p, loc, lot, qty in quants):
            conn.execute(insert(Quant), batch)

        # One receipt per quant, then receipt/shipment pairs of one unit until `moves`.
        lines: list[tuple[int, int, int | None, int, int, int]] = [
            (p, qty, lot, supplier, loc, 0) for p, loc, lot, qty in quants]
        while len(lines) < moves:
            p, loc, lot, _ = quants[rng.randrange(products)]
            lines.append((p, 1, lot, supplier, loc, 1))
            lines.append((p, 1, lot, loc, customer, 2))
        postings = (len(lines) + LINES_PER_POSTING - 1) // LINES_PER_POSTING
        for batch in _chunks({"request_hash": "bulk", "reason": "receipt"
                              if n * LINES_PER_POSTING < len(quants) else "shipment",
                              "reference": f"PO-{n:07d}", "user_id": user_id,
                              "workstation": "bulk", "created_at": now
                              - timedelta(seconds=postings - n)} for n in range(postings)):
            conn.execute(insert(StockPosting), batch)
        first_posting = conn.execute(select(StockPosting.id).where(
            StockPosting.reference == "PO-0000000")).scalar_one()
        for batch in _chunks({"posting_id": first_posting + n // LINES_PER_POSTING,
                              "product_id": p, "qty": qty, "lot_id": lot,
                              "from_location_id": src, "to_location_id": dst}
                             for n, (p, qty, lot, src, dst, _) in enumerate(lines)):
            conn.execute(insert(StockMove), batch)
