"""The browsers' queries: stock and move pages in order, keyset paging without gaps or
repeats, and each filter, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

import pytest

from models.entities import LocationType, Tracking
from models.ledger import MoveLine, Reason, browse, post_moves, reserve
from models.ledger.browse import (
    BrowseFilter,
    count_moves,
    count_stock,
    move_page,
    stock_page,
)
from models.masterdata.listing import location_list, product_list, warehouses
from models.reference_data import virtual_location_id
from tests import factories as f


@pytest.fixture
def shop(db, actor):
    """Two warehouses; T-shirts, tea with lots, a cable; receipts, a transfer, a shipment."""
    with db.write() as s:
        main, second = f.warehouse(s, "SH1"), f.warehouse(s, "BJ1")
        a1 = f.bin_(s, main, "A-01-01")
        a2 = f.bin_(s, main, "A-01-02")
        b1 = f.bin_(s, main, "B-01-01", barcode="LOC-B0101")
        bj = f.bin_(s, second, "A-01-01", barcode="BJ1-A-01-01")
        shirt = f.product(s, "TSH-WHT-M", barcode="6901234567892")
        shirt.alt_name = "纯棉T恤 白色"
        tea = f.product(s, "TEA-GRN-250", tracking=Tracking.LOT, expiry=True)
        tea.name = "Green tea 250 g"
        cable = f.product(s, "usb-c-1m", barcode="012345678905")
        old = f.lot(s, tea, "L2406A", date(2027, 6, 1))
        new = f.lot(s, tea, "L2409B", date(2027, 9, 1))
        empty = f.product(s, "ZZZ-EMPTY")
        supplier = virtual_location_id(s, LocationType.SUPPLIER)
        customer = virtual_location_id(s, LocationType.CUSTOMER)
        post_moves(s, actor, [MoveLine(shirt.id, 100, supplier, a1.id),
                              MoveLine(tea.id, 30, supplier, b1.id, lot_id=old.id),
                              MoveLine(tea.id, 20, supplier, b1.id, lot_id=new.id),
                              MoveLine(cable.id, 50, supplier, bj.id),
                              MoveLine(empty.id, 5, supplier, a2.id)],
                   reason=Reason.RECEIPT, reference="PO-1001")
        post_moves(s, actor, [MoveLine(shirt.id, 40, a1.id, a2.id)],
                   reason=Reason.TRANSFER, reference="TR-7")
        post_moves(s, actor, [MoveLine(empty.id, 5, a2.id, customer)],
                   reason=Reason.SHIPMENT, reference="SO-88")
        reserve(s, actor, product_id=shirt.id, location_id=a2.id, qty=15, reference="SO-90")
    return db


def rows(db, **fields):
    with db.read() as s:
        return [(r.sku, r.warehouse, r.location, r.lot, r.on_hand, r.reserved, r.available)
                for r in stock_page(s, BrowseFilter(**fields))]


def test_stock_page_lists_quants_with_stock_by_sku_then_location(shop):
    assert rows(shop) == [
        ("TEA-GRN-250", "SH1", "B-01-01", "L2406A", 30, 0, 30),
        ("TEA-GRN-250", "SH1", "B-01-01", "L2409B", 20, 0, 20),
        ("TSH-WHT-M", "SH1", "A-01-01", "", 60, 0, 60),
        ("TSH-WHT-M", "SH1", "A-01-02", "", 40, 15, 25),
        ("usb-c-1m", "BJ1", "A-01-01", "", 50, 0, 50),
    ]


def test_stock_row_carries_names_and_lot_expiry(shop):
    with shop.read() as s:
        tea, *_ = stock_page(s, BrowseFilter(lot="L2406A"))
        shirt, *_ = stock_page(s, BrowseFilter(sku="TSH"))
    assert (tea.name, tea.expiry) == ("Green tea 250 g", date(2027, 6, 1))
    assert shirt.alt_name == "纯棉T恤 白色"


def test_sku_filter_matches_the_beginning_in_any_case(shop):
    assert [r[0] for r in rows(shop, sku="tsh-")] == ["TSH-WHT-M", "TSH-WHT-M"]
    assert [r[0] for r in rows(shop, sku="USB")] == ["usb-c-1m"]
    assert rows(shop, sku="WHT") == []


def test_name_filter_finds_either_language_ignoring_case(shop):
    assert {r[0] for r in rows(shop, name="green TEA")} == {"TEA-GRN-250"}
    assert {r[0] for r in rows(shop, name="纯棉")} == {"TSH-WHT-M"}


def test_barcode_filter_finds_the_product_also_by_its_other_gtin_length(shop):
    assert {r[0] for r in rows(shop, barcode="6901234567892")} == {"TSH-WHT-M"}
    # The cable's UPC-A was stored with 12 digits; a scanner sending EAN-13 still finds it.
    assert {r[0] for r in rows(shop, barcode="0012345678905")} == {"usb-c-1m"}
    assert rows(shop, barcode="4006381333931") == []


def test_location_filter_matches_code_prefix_or_location_barcode(shop):
    assert {(r[1], r[2]) for r in rows(shop, location="a-01")} == {
        ("SH1", "A-01-01"), ("SH1", "A-01-02"), ("BJ1", "A-01-01")}
    assert {r[2] for r in rows(shop, location="LOC-B0101")} == {"B-01-01"}


def test_lot_filter_matches_lot_number_prefix(shop):
    assert [r[3] for r in rows(shop, lot="l2409")] == ["L2409B"]
    assert [r[3] for r in rows(shop, lot="L24")] == ["L2406A", "L2409B"]


def test_filters_combine(shop):
    assert rows(shop, sku="TSH", location="A-01-02") == [
        ("TSH-WHT-M", "SH1", "A-01-02", "", 40, 15, 25)]
    assert rows(shop, sku="TSH", lot="L24") == []


def test_like_wildcards_in_filters_are_taken_literally(shop):
    assert rows(shop, sku="%") == []
    assert rows(shop, name="_") == []


def test_stock_pages_follow_each_other_without_gaps_or_repeats(db, actor):
    with db.write() as s:
        wh = f.warehouse(s)
        bins = [f.bin_(s, wh, f"B-{i:02d}").id for i in range(4)]
        supplier = virtual_location_id(s, LocationType.SUPPLIER)
        lines = []
        for n in range(23):
            product = f.product(s, f"SKU-{n:03d}")
            lines += [MoveLine(product.id, 1 + n, supplier, b) for b in bins[: 1 + n % 4]]
        post_moves(s, actor, lines, reason=Reason.RECEIPT)
    seen, after = [], None
    with db.read() as s:
        while True:
            page = stock_page(s, BrowseFilter(), after=after, limit=7)
            seen += [(r.sku, r.location) for r in page]
            if len(page) < 7:
                break
            after = page[-1].key
        assert count_stock(s, BrowseFilter()) == len(lines)
    assert seen == sorted(seen)
    assert len(seen) == len(set(seen)) == len(lines)


def test_stock_count_follows_the_filter(shop):
    with shop.read() as s:
        assert count_stock(s, BrowseFilter()) == 5
        assert count_stock(s, BrowseFilter(sku="TEA")) == 2
        assert count_stock(s, BrowseFilter(reference="PO-1001")) == 0


def moves(db, **fields):
    with db.read() as s:
        return [(m.reason, m.reference, m.sku, m.qty, m.from_code, m.to_code)
                for m in move_page(s, BrowseFilter(**fields))]


def test_move_page_lists_moves_newest_first(shop):
    history = moves(shop)
    assert history[0] == ("shipment", "SO-88", "ZZZ-EMPTY", 5, "A-01-02", "CUSTOMER")
    assert history[1] == ("transfer", "TR-7", "TSH-WHT-M", 40, "A-01-01", "A-01-02")
    assert len(history) == 7
    with shop.read() as s:
        ids = [m.move_id for m in move_page(s, BrowseFilter())]
    assert ids == sorted(ids, reverse=True)


def test_move_filters_by_sku_location_lot_reference_and_barcode(shop):
    assert [m[1] for m in moves(shop, sku="tsh")] == ["TR-7", "PO-1001"]
    assert [m[1] for m in moves(shop, location="A-01-02")] == ["SO-88", "TR-7", "PO-1001"]
    assert [(m[2], m[3]) for m in moves(shop, lot="L2409")] == [("TEA-GRN-250", 20)]
    assert {m[1] for m in moves(shop, reference="po-10")} == {"PO-1001"}
    assert [m[1] for m in moves(shop, barcode="6901234567892")] == ["TR-7", "PO-1001"]
    assert moves(shop, sku="TSH", reference="SO") == []


@pytest.mark.parametrize("narrow", [0, browse.NARROW])
def test_move_pages_follow_each_other_whether_the_filter_is_narrow_or_wide(
        db, actor, monkeypatch, narrow):
    monkeypatch.setattr(browse, "NARROW", narrow)
    with db.write() as s:
        wh = f.warehouse(s)
        a, b = f.bin_(s, wh, "A").id, f.bin_(s, wh, "B").id
        supplier = virtual_location_id(s, LocationType.SUPPLIER)
        products = [f.product(s, f"P-{n}").id for n in range(3)]
        for n in range(10):
            post_moves(s, actor, [MoveLine(p, 1, supplier, a if n % 2 else b)
                                  for p in products], reason=Reason.RECEIPT,
                       reference=f"PO-{n}")
    flt = BrowseFilter(sku="P-", location="A")
    seen, before = [], None
    with db.read() as s:
        while True:
            page = move_page(s, flt, before=before, limit=4)
            seen += [m.move_id for m in page]
            if len(page) < 4:
                break
            before = page[-1].move_id
        assert count_moves(s, flt) == 15
    assert len(seen) == len(set(seen)) == 15
    assert seen == sorted(seen, reverse=True)


def test_product_list_finds_by_sku_name_or_barcode_and_pages_by_sku(shop):
    with shop.read() as s:
        assert [p.sku for p in product_list(s)] == [
            "TEA-GRN-250", "TSH-WHT-M", "ZZZ-EMPTY", "usb-c-1m"]
        assert [p.sku for p in product_list(s, "tea")] == ["TEA-GRN-250"]
        assert [p.sku for p in product_list(s, "纯棉")] == ["TSH-WHT-M"]
        assert [p.sku for p in product_list(s, "012345678905")] == ["usb-c-1m"]
        first = product_list(s, limit=2)
        assert [p.sku for p in product_list(s, after=first[-1].key)] == [
            "ZZZ-EMPTY", "usb-c-1m"]


def test_location_list_leaves_out_virtual_locations(shop):
    with shop.read() as s:
        listed = location_list(s)
        # By code; the same code in two warehouses in the order they were made.
        assert [(r.warehouse, r.code) for r in listed] == [
            ("SH1", "A-01-01"), ("BJ1", "A-01-01"), ("SH1", "A-01-02"), ("SH1", "B-01-01")]
        assert [r.code for r in location_list(s, "b-01")] == ["B-01-01"]
        assert [r.code for r in location_list(s, "BJ1-A-01-01")] == ["A-01-01"]
        assert [r.code for r in location_list(s, after=listed[1].key)] == [
            "A-01-02", "B-01-01"]
        assert [w.code for w in warehouses(s)] == ["BJ1", "SH1"]


def test_counts_stop_where_they_are_told(shop):
    with shop.read() as s:
        assert count_stock(s, BrowseFilter(), up_to=3) == 3
        assert count_stock(s, BrowseFilter(), up_to=50) == 5
        assert count_moves(s, BrowseFilter(), up_to=4) == 4
        assert count_moves(s, BrowseFilter(sku="TSH"), up_to=50) == 2
