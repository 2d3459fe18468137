"""Importing purchase orders from CSV and XLSX: several rows make one order, every bad row is
reported, re-imports update the order, orders received against keep what arrived."""

from __future__ import annotations

import shutil
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select

from models.entities import Product, PurchaseOrder, PurchaseOrderLine
from models.errors import InputError
from models.masterdata.import_report import ImportFailed
from models.purchasing.order_import import import_orders
from models.purchasing.order_views import order_list, order_view
from models.purchasing.orders import order_by_number
from tests.db import purchasing_setup as setup

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture
def based(db, actor):
    db.transact(lambda s: setup.base(s, actor))
    return db


def _import(db, actor, path, **options):
    return db.transact(lambda s: import_orders(s, actor, path, **options))


def _orders(db) -> dict[str, list[tuple[str, int, Decimal | None]]]:
    with db.read() as s:
        return {row.code: [(line.sku, line.qty, line.unit_cost)
                           for line in order_view(s, row.id).lines] for row in order_list(s)}


def test_rows_with_one_number_make_one_order(based, actor):
    report = _import(based, actor, DATA / "purchase_orders.csv")
    assert (report.rows, report.created, report.updated) == (3, 2, 0)
    assert _orders(based) == {
        "PO-2026-0102": [("CABLE-1", 50, Decimal("10.95"))],
        "PO-2026-0101": [("TEA-1", 100, Decimal("18.5")), ("SOCK-1", 200, Decimal("2.3"))]}
    with based.read() as s:
        order = order_view(s, order_by_number(s, "PO-2026-0101").id)
        assert order.note == "First order of the season"
        assert str(order.expected_date) == "2026-12-01"
        assert str(order.lines[1].expected_date) == "2026-12-05"


def test_every_bad_row_is_reported_and_nothing_is_saved(based, actor):
    with pytest.raises(ImportFailed) as caught:
        _import(based, actor, DATA / "purchase_orders_bad.csv")
    errors = {e.line: " | ".join(e.problems) for e in caught.value.report.errors}
    assert sorted(errors) == [3, 4, 5, 6]
    assert "'OTHER' differs from 'HZT' on line 2" in errors[3]
    assert "'ten' is not a whole number" in errors[3]
    assert "po_number: is required" in errors[4]
    for expected in ("'soon' is not a date", "unit cost must be zero or more",
                     "there is no supplier NOBODY", "there is no product GHOST"):
        assert expected in errors[5]
    assert "may hold only A-Z, 0-9 and -" in errors[6]
    assert "must be more than zero" in errors[6]
    assert "4 of 5 rows are wrong; nothing was imported" in str(caught.value)
    assert _orders(based) == {}


def test_reimport_updates_the_order_instead_of_adding_one(based, actor, tmp_path):
    _import(based, actor, DATA / "purchase_orders.csv")
    with based.read() as s:
        tea_line = order_view(s, order_by_number(s, "2026-0101").id).lines[0].line_id
    again = tmp_path / "again.csv"
    again.write_text("po_number,supplier,warehouse,sku,qty,unit_cost\n"
                     "PO-2026-0101,HZT,WH1,TEA-1,120,18.00\n"
                     "PO-2026-0101,HZT,WH1,CABLE-1,5,\n", encoding="utf-8")
    report = _import(based, actor, again)
    assert (report.created, report.updated) == (0, 1)
    assert _orders(based)["PO-2026-0101"] == [("TEA-1", 120, Decimal("18")),
                                              ("CABLE-1", 5, None)]
    with based.read() as s:
        assert s.scalar(select(func.count()).select_from(PurchaseOrder)) == 2
        assert order_view(s, order_by_number(s, "2026-0101").id).lines[0].line_id == tea_line


def test_reimport_is_refused_below_what_was_received(based, actor, tmp_path):
    _import(based, actor, DATA / "purchase_orders.csv")

    def receive(s):
        line = s.scalars(select(PurchaseOrderLine).join(PurchaseOrder).where(
            PurchaseOrder.number == "2026-0101", PurchaseOrderLine.line_no == 1)).one()
        setup.receive(s, actor, line.id, line.product_id, 80)
    based.transact(receive)
    less = tmp_path / "less.csv"
    less.write_text("po_number,supplier,warehouse,sku,qty\n"
                    "PO-2026-0101,HZT,WH1,TEA-1,60\n"
                    "PO-2026-0101,HZT,WH1,SOCK-1,200\n", encoding="utf-8")
    with pytest.raises(ImportFailed) as caught:
        _import(based, actor, less)
    assert [str(e) for e in caught.value.report.errors] == [
        "line 2 (PO-2026-0101): qty: 80 units of TEA-1 are received already on PO-2026-0101; "
        "the quantity cannot be less"]
    gone = tmp_path / "gone.csv"
    gone.write_text("po_number,supplier,warehouse,sku,qty\nPO-2026-0101,HZT,WH1,SOCK-1,200\n",
                    encoding="utf-8")
    with pytest.raises(ImportFailed, match="1 of 1 rows"):
        _import(based, actor, gone)
    more = tmp_path / "more.csv"
    more.write_text("po_number,supplier,warehouse,sku,qty\nPO-2026-0101,HZT,WH1,TEA-1,80\n",
                    encoding="utf-8")
    _import(based, actor, more)
    with based.read() as s:
        view = order_view(s, order_by_number(s, "2026-0101").id)
        assert [(line.sku, line.qty, line.received) for line in view.lines] == [
            ("TEA-1", 80, 80)]
        assert view.status == "received"


def test_chinese_headers_in_a_gb18030_file(based, actor):
    report = _import(based, actor, DATA / "purchase_orders_zh_gb18030.csv")
    assert report.created == 1
    assert _orders(based) == {"PO-2026-0201": [("TEA-1", 12, Decimal("37.4")),
                                               ("SOCK-1", 24, Decimal("5"))]}


def test_xlsx_with_chinese_headers_date_cells_and_a_dry_run(based, actor, tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["采购单号", "供应商", "仓库", "预计到货", "SKU", "数量", "单价", "备注"])
    sheet.append(["PO-2026-0400", "HZT", "WH1", datetime(2026, 12, 24), "TEA-1", 7, 1.25,
                  "圣诞"])
    path = tmp_path / "orders.xlsx"
    book.save(path)
    report = _import(based, actor, path, dry_run=True)
    assert "would create 1" in report.summary and _orders(based) == {}
    _import(based, actor, path)
    with based.read() as s:
        view = order_view(s, order_by_number(s, "2026-0400").id)
        assert (str(view.expected_date), view.note) == ("2026-12-24", "圣诞")
        assert [(line.sku, line.qty, line.unit_cost) for line in view.lines] == [
            ("TEA-1", 7, Decimal("1.25"))]


def test_a_bom_csv_and_missing_columns(based, actor, tmp_path):
    bom = tmp_path / "bom.csv"
    shutil.copy(DATA / "purchase_orders.csv", bom)
    bom.write_bytes(b"\xef\xbb\xbf" + bom.read_bytes())
    assert _import(based, actor, bom).created == 2
    short = tmp_path / "short.csv"
    short.write_text("po_number,sku\nPO-1,TEA-1\n", encoding="utf-8")
    with pytest.raises(InputError, match="supplier, warehouse, qty are required"):
        _import(based, actor, short)
    with based.read() as s:
        assert s.scalar(select(func.count()).select_from(Product)) == 3
