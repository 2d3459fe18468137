"""Interpreting floor scans against 1,000,000 SKUs on SQLite: parsing plus the one lookup query,
each scan in its own read transaction as a workflow would do it (budget for a whole scan
handled in a workflow: p99 < 15 ms; this is the lookup part of it)."""

from __future__ import annotations

import random
import time

import pytest

from models.db import Database
from models.gtin import check_digit
from models.scanning import LocationScan, ProductScan, interpret
from tests import factories as f
from tests.perf.report import percentile, record

SKUS = 1_000_000
BINS = 50_000
SCANS = 5_000
CHUNK = 50_000


def _ean(i: int) -> str:
    body = f"20{i:010d}"
    return body + str(check_digit(body))


def _case(i: int) -> str:
    body = f"1{_ean(i)[:-1]}"
    return body + str(check_digit(body))


@pytest.fixture
def big_catalogue(sqlite_db: Database) -> Database:
    """1,000,000 products with a unit EAN-13 each, a case GTIN-14 for every tenth, 50,000
    bins; written with the driver's executemany (the set-up is not what is measured)."""
    with sqlite_db.write() as s:
        wh = f.warehouse(s)
        raw = s.connection().connection.dbapi_connection
        cursor = raw.cursor()
        for start in range(0, SKUS, CHUNK):
            ids = range(start + 1, start + CHUNK + 1)
            cursor.executemany(
                "INSERT INTO product (id, sku, name, alt_name, category, unit, tracking, "
                "expiry_tracked, active, created_at, updated_at) VALUES (?, ?, ?, '', '', "
                "'pcs', 'none', 0, 1, '2025-01-01 00:00:00', '2025-01-01 00:00:00')",
                [(i, f"SKU-{i:07d}", f"Product {i}") for i in ids])
            cursor.executemany("INSERT INTO barcode (product_id, code, pack_qty) VALUES "
                               "(?, ?, 1)", [(i, _ean(i)) for i in ids])
            cursor.executemany("INSERT INTO barcode (product_id, code, pack_qty) VALUES "
                               "(?, ?, 12)", [(i, _case(i)) for i in ids if i % 10 == 0])
        cursor.executemany(
            "INSERT INTO location (warehouse_id, code, name, kind, type, zone, walk_seq, "
            "barcode, blocked, blocked_reason, active) VALUES (?, ?, '', 'bin', 'storage', '', "
            "?, ?, 0, '', 1)",
            [(wh.id, f"B-{i:05d}", i, f"B-{i:05d}") for i in range(BINS)])
    with sqlite_db.write() as s:
        s.connection().exec_driver_sql("ANALYZE")
    return sqlite_db


@pytest.mark.perf
def test_scan_interpretation_on_a_million_skus(big_catalogue):
    rng = random.Random(7)
    scans = []
    for n in range(SCANS):
        i = rng.randint(1, SKUS)
        kind = n % 5
        if kind == 0:
            scans.append(_ean(i))
        elif kind == 1:
            scans.append(f"]C101{_ean(i).zfill(14)}10L{i}\x1d17301231")
        elif kind == 2:
            scans.append(_case(rng.randint(1, SKUS // 10) * 10))
        elif kind == 3:
            scans.append(f"B-{rng.randrange(BINS):05d}")
        else:
            scans.append(f"SKU-{i:07d}")
    times = []
    for raw in scans:
        start = time.perf_counter()
        with big_catalogue.read() as session:
            meaning = interpret(session, raw)
        times.append(time.perf_counter() - start)
        assert isinstance(meaning, ProductScan | LocationScan), (raw, meaning)
    p50, p99 = percentile(times, 50) * 1000, percentile(times, 99) * 1000
    record("scan interpretation, 1,000,000 SKUs", "sqlite", scans=SCANS, p50_ms=p50,
           p99_ms=p99, max_ms=max(times) * 1000)
    assert p99 < 15
