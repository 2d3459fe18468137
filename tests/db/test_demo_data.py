"""`waredesk demo`: the demo warehouse a newcomer opens the app on."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from app.cli.main import main
from models.demo import seed_demo
from models.entities import (
    AuditEvent,
    Barcode,
    Location,
    LocationKind,
    Lot,
    Platform,
    Product,
    Quant,
    SerialNumber,
    StockMove,
)
from models.errors import InputError
from models.gtin import is_valid_gtin
from models.ledger import verify
from models.packing.weights import expected_weight, weight_rule
from models.sales.order_import import import_sales_orders
from models.sales.shops import shop_list
from models.users import needs_first_admin
from tests import factories
from tests.db.sales_setup import ORDERS

TODAY = date(2026, 11, 22)


def _counts(s) -> tuple[int, ...]:
    return tuple(s.scalar(select(func.count()).select_from(table))
                 for table in (Product, Barcode, Location, Lot, StockMove, AuditEvent))


@pytest.fixture
def seeded(db, actor):
    db.transact(lambda s: seed_demo(s, actor, today=TODAY))
    return db


def test_demo_fills_a_warehouse_with_zones_bins_products_and_opening_stock(seeded):
    with seeded.read() as s:
        assert s.scalar(select(func.count()).select_from(Product)) >= 190
        zones = dict(s.execute(select(Location.zone, func.count()).where(
            Location.kind == LocationKind.BIN, Location.zone.in_(["ZA", "ZB", "ZC"]))
            .group_by(Location.zone)).all())
        assert len(zones) == 3 and sum(zones.values()) >= 300
        types = set(s.scalars(select(Location.type).where(Location.warehouse_id.is_not(None))))
        assert {"receiving", "packing", "shipping", "quarantine", "storage",
                "pick_face"} <= types
        # Every product has stock, and Chinese names sit beside the English ones.
        stocked = s.scalar(select(func.count(func.distinct(Quant.product_id))).where(
            Quant.on_hand > 0))
        assert stocked == s.scalar(select(func.count()).select_from(Product))
        tea = s.scalars(select(Product).where(Product.sku == "TEA-001")).one()
        assert tea.alt_name == "西湖龙井绿茶 250克" and tea.expiry_tracked
        assert verify(s) == []


def test_every_demo_product_has_a_weight_so_packing_checks_the_parcel(seeded):
    with seeded.read() as s:
        weights = dict(s.execute(select(Product.sku, Product.weight_g)).all())
        rule = weight_rule(s)
    # What the packing screen expects for a parcel of one of each: nothing left unweighed.
    expected = expected_weight(rule, [(sku, grams, 1) for sku, grams in weights.items()])
    assert expected.unweighed == ()
    assert all(5 <= grams <= 20_000 for grams in weights.values())
    assert weights["TEA-001"] == 280 and weights["SPRT-003"] == 10_200


def test_demo_has_lots_expiring_soon_one_expired_lot_and_serial_numbers(seeded):
    with seeded.read() as s:
        held = (select(Lot.expiry, Location.code).join(Quant, Quant.lot_id == Lot.id)
                .join(Location, Location.id == Quant.location_id)
                .where(Quant.on_hand > 0, Lot.expiry.is_not(None)))
        rows = s.execute(held).all()
        expired = [code for expiry, code in rows if expiry < TODAY]
        soon = [code for expiry, code in rows if TODAY <= expiry <= TODAY + timedelta(days=30)]
        assert expired == ["QUAR-01"]
        assert len(soon) >= 5
        in_stock = s.scalar(select(func.count()).select_from(SerialNumber).where(
            SerialNumber.location_id.is_not(None)))
        assert in_stock >= 40
        assert s.scalar(select(func.count()).select_from(Product).where(
            Product.tracking == "serial")) * 4 == in_stock


def test_every_demo_barcode_has_a_valid_check_digit_and_packs_come_in_6_12_24(seeded):
    with seeded.read() as s:
        barcodes = s.execute(select(Barcode.code, Barcode.pack_qty)).all()
    assert barcodes and all(is_valid_gtin(code) for code, _ in barcodes)
    assert {qty for _, qty in barcodes} == {1, 6, 12, 24}
    singles = [code for code, qty in barcodes if qty == 1]
    assert all(len(code) == 13 for code in singles)


def test_demo_creates_no_login_so_the_first_run_still_asks_for_an_administrator(seeded):
    with seeded.read() as s:
        assert needs_first_admin(s)


def test_demo_refuses_a_database_that_has_products(db, actor):
    db.transact(lambda s: factories.product(s, "MINE-1"))
    with pytest.raises(InputError, match="already holds 1 products"):
        db.transact(lambda s: seed_demo(s, actor, today=TODAY))
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Location).where(
            Location.warehouse_id.is_not(None))) == 0


def test_demo_if_empty_seeds_once_and_then_changes_nothing(db, capsys):
    assert main(["--db", db.url, "demo", "--if-empty"]) == 0
    out, _ = capsys.readouterr()
    assert "Demo data added" in out and "create the administrator" in out
    with db.read() as s:
        before = _counts(s)
    assert main(["--db", db.url, "demo", "--if-empty"]) == 0
    out, _ = capsys.readouterr()
    assert out == ""
    with db.read() as s:
        assert _counts(s) == before
        assert verify(s) == []
    assert main(["--db", db.url, "demo"]) == 2
    assert "already holds" in capsys.readouterr().err


def test_demo_has_a_shop_per_platform_to_import_the_sample_exports_into(seeded, actor):
    with seeded.read() as s:
        assert {shop.platform for shop in shop_list(s)} == set(Platform)
    report = seeded.transact(lambda s: import_sales_orders(
        s, actor, ORDERS / "taobao_gb18030.csv", shop="TMALL"))
    assert report.created == 4
