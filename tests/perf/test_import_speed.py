"""Importing 50,000 products from CSV and XLSX (create, then update by SKU), exporting them,
generating 10,000 bins, and seeding the demo. No budget of its own in ARCHITECTURE.md; the
nearest is "100,000 order lines < 20 s", so 50,000 products should take well under 10 s."""

from __future__ import annotations

import csv
import time
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from models.demo import seed_demo
from models.demo.bulk import ean13
from models.entities import Barcode, Product
from models.masterdata.exporting import export_products
from models.masterdata.location_patterns import LocationPattern, generate_locations
from models.masterdata.locations import create_warehouse
from models.masterdata.product_import import import_products
from tests.perf.report import record

pytestmark = pytest.mark.perf
PRODUCTS = 50_000
HEADER = ["sku", "name", "alt_name", "category", "barcodes", "tracking", "expiry_tracked",
          "shelf_life_days", "weight_g", "length_mm", "width_mm", "height_mm", "min_stock",
          "max_stock", "standard_cost"]


def _write_csv(path: Path, *, suffix: str = "") -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(HEADER)
        for i in range(PRODUCTS):
            lot = i % 5 == 0
            out.writerow([f"SKU-{i:07d}", f"Cotton T-shirt {i}{suffix}", f"纯棉T恤 {i}",
                          "Clothing", f"{ean13(i)};{ean13(i + PRODUCTS)}*12",
                          "lot" if lot else "none", "yes" if lot else "no",
                          "365" if lot else "", "180.5", "300", "250", "20", "10", "100",
                          "19.90"])


def _timed(work) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def test_importing_50000_products(db, actor, tmp_path):
    source = tmp_path / "products.csv"
    _write_csv(source)
    created = _timed(lambda: db.transact(lambda s: import_products(s, actor, source)))
    changed = tmp_path / "changed.csv"
    _write_csv(changed, suffix=" v2")
    updated = _timed(lambda: db.transact(lambda s: import_products(s, actor, changed)))
    xlsx = tmp_path / "products.xlsx"
    exported = _timed(lambda: db.transact(lambda s: export_products(s, actor, xlsx)))
    from_xlsx = _timed(lambda: db.transact(lambda s: import_products(s, actor, xlsx)))
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Product)) == PRODUCTS
        assert s.scalar(select(func.count()).select_from(Barcode)) == 2 * PRODUCTS
        assert s.scalar(select(Product.name).where(Product.sku == "SKU-0000007")) == (
            "Cotton T-shirt 7 v2")
    record("import 50,000 products", db.backend, rows=PRODUCTS, csv_create_s=created,
           csv_update_s=updated, xlsx_export_s=exported, xlsx_update_s=from_xlsx,
           budget="none set; 100,000 order lines < 20 s is the nearest")


def test_generating_10000_bins_and_seeding_the_demo(db, actor):
    def bins(s):
        create_warehouse(s, actor, code="BIG", name="Big")
        generate_locations(s, actor, LocationPattern(warehouse="BIG", aisles="A-T",
                                                     racks="001-100", levels="1-5",
                                                     barcode_prefix="BIG-"))
    generated = _timed(lambda: db.transact(bins))
    seeded = _timed(lambda: db.transact(lambda s: seed_demo(s, actor, today=date.today())))
    record("generate 10,000 bins; seed demo", db.backend, bins_s=generated, demo_s=seeded,
           budget="bins: a few seconds; demo < 10 s")
