"""`waredesk export stock|moves FILE`: what a back office opens in a spreadsheet."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from app.cli.main import main
from models.actor import Actor
from models.db import Database
from models.entities import AuditEvent, LocationType, Tracking
from models.ledger import MoveLine, Reason, post_moves
from models.ledger import exporting as ledger_exporting
from models.masterdata import table_writing
from models.reference_data import virtual_location_id
from tests import factories as f


@pytest.fixture
def stocked(db: Database, actor: Actor) -> Database:
    """Two products in two bins, one lot-tracked, received and partly shipped."""
    with db.write() as s:
        wh = f.warehouse(s)
        a1, b1 = f.bin_(s, wh, "A-01-1").id, f.bin_(s, wh, "B-01-1").id
        tea = f.product(s, "TEA-100")
        milk = f.product(s, "MILK-1L", tracking=Tracking.LOT, expiry=True)
        lot = f.lot(s, milk, "L2611", date(2026, 11, 30))
        supplier = virtual_location_id(s, LocationType.SUPPLIER)
        customer = virtual_location_id(s, LocationType.CUSTOMER)
        tea_id, milk_id, lot_id = tea.id, milk.id, lot.id
    db.transact(lambda s: post_moves(s, actor, [
        MoveLine(tea_id, 40, supplier, a1), MoveLine(milk_id, 12, supplier, b1, lot_id=lot_id),
    ], reason=Reason.RECEIPT, reference="PO-7"))
    db.transact(lambda s: post_moves(s, actor, [MoveLine(tea_id, 3, a1, customer)],
                                     reason=Reason.SHIPMENT, reference="SO-9"))
    return db


def _csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_stock_export_lists_each_quant_with_lot_expiry_and_availability(stocked, tmp_path):
    out = tmp_path / "stock.csv"
    assert main(["--db", stocked.url, "export", "stock", str(out)]) == 0
    rows = {(r["sku"], r["location"]): r for r in _csv(out)}
    assert set(rows) == {("TEA-100", "A-01-1"), ("MILK-1L", "B-01-1")}
    assert rows["TEA-100", "A-01-1"]["on_hand"] == "37"
    milk = rows["MILK-1L", "B-01-1"]
    assert (milk["lot"], milk["expiry"], milk["available"]) == ("L2611", "2026-11-30", "12")


def test_moves_export_is_the_history_newest_first_and_can_be_filtered(stocked, tmp_path):
    out = tmp_path / "moves.xlsx"
    assert main(["--db", stocked.url, "export", "moves", str(out), "--sku", "TEA"]) == 0
    sheet = load_workbook(out, read_only=True).active
    header, *rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    got = [dict(zip(header, r, strict=True)) for r in rows]
    assert [(m["reference"], m["qty"], m["from_location"], m["to_location"]) for m in got] == [
        ("SO-9", 3, "A-01-1", "CUSTOMER"), ("PO-7", 40, "SUPPLIER", "A-01-1")]
    assert all(m["user"] == "system" for m in got)


def test_export_is_recorded_in_the_audit_log(stocked, tmp_path):
    assert main(["--db", stocked.url, "export", "moves", str(tmp_path / "m.csv")]) == 0
    with stocked.read() as s:
        event = s.scalars(select(AuditEvent).where(AuditEvent.action == "moves.export")).one()
    assert event.entity_id == "m.csv" and '"rows": 3' in event.detail


def test_more_moves_than_a_sheet_holds_are_refused_before_writing(stocked, tmp_path,
                                                                  monkeypatch, capsys):
    monkeypatch.setattr(table_writing, "XLSX_MAX_ROWS", 2)
    monkeypatch.setattr(ledger_exporting, "XLSX_MAX_ROWS", 2)
    out = tmp_path / "moves.xlsx"
    assert main(["--db", stocked.url, "export", "moves", str(out)]) == 2
    assert "export to .csv instead" in capsys.readouterr().err
    assert not out.exists()


def test_filters_are_refused_for_products(stocked, tmp_path, capsys):
    assert main(["--db", stocked.url, "export", "products", str(tmp_path / "p.csv"),
                 "--sku", "TEA"]) == 2
    assert "stock and moves only" in capsys.readouterr().err
