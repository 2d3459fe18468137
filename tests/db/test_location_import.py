"""Importing and exporting locations: parents anywhere in the file, updates by warehouse and
code, every bad row reported."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import aliased

from models.entities import Location, LocationType, Warehouse
from models.ledger import MoveLine, post_moves
from models.masterdata.exporting import export_locations
from models.masterdata.import_report import ImportFailed
from models.masterdata.location_import import import_locations
from models.masterdata.location_patterns import LocationPattern, generate_locations
from models.masterdata.locations import create_warehouse
from models.masterdata.products import ProductInput, save_product
from models.reference_data import virtual_location_id

HEADER = "warehouse,code,kind,type,parent,walk_seq,barcode,capacity,blocked"


def _csv(tmp_path: Path, *lines: str, name: str = "l.csv") -> Path:
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _locations(db) -> dict[str, tuple]:
    parent = aliased(Location)
    with db.read() as s:
        rows = s.execute(select(Warehouse.code, Location.code, Location.kind, Location.type,
                                parent.code, Location.walk_seq, Location.barcode,
                                Location.capacity, Location.blocked)
                         .join(Warehouse, Warehouse.id == Location.warehouse_id)
                         .outerjoin(parent, parent.id == Location.parent_id)).all()
    return {f"{wh}/{code}": tuple(rest) for wh, code, *rest in rows}


@pytest.fixture
def warehouses(db, actor):
    def make(s):
        create_warehouse(s, actor, code="WH1", name="Main")
        create_warehouse(s, actor, code="WH2", name="Second")
    db.transact(make)


def _import(db, actor, path, **options):
    return db.transact(lambda s: import_locations(s, actor, path, **options))


def test_children_may_come_before_their_parents_in_the_file(db, actor, warehouses, tmp_path):
    path = _csv(tmp_path, HEADER,
                "WH1,A-01-1,bin,pick_face,A-01,10,,50,no",
                "WH1,A-01,rack,storage,A,,,,",
                "WH1,A,aisle,storage,,,,,",
                "WH2,A-01-1,bin,storage,,20,W2-A-01-1,,yes")
    report = _import(db, actor, path)
    assert (report.created, report.updated) == (4, 0)
    assert _locations(db) == {
        "WH1/A-01-1": ("bin", "pick_face", "A-01", 10, "A-01-1", 50, False),
        "WH1/A-01": ("rack", "storage", "A", 0, "A-01", None, False),
        "WH1/A": ("aisle", "storage", None, 0, "A", None, False),
        "WH2/A-01-1": ("bin", "storage", None, 20, "W2-A-01-1", None, True),
    }


def test_every_bad_row_is_reported_and_nothing_is_imported(db, actor, warehouses, tmp_path):
    path = _csv(tmp_path, HEADER,
                "WH1,A-01,rack,storage,,,,,",
                "WH9,B-01,bin,storage,,,,,",           # line 3: no such warehouse
                "WH1,A-01,bin,storage,,,,,",           # line 4: same location twice
                "WH1,C 1,bin,attic,,x,,0,maybe",       # line 5: five bad cells
                "WH2,Z-01,bin,storage,,,A-01,,")       # line 6: barcode of line 2
    with pytest.raises(ImportFailed) as caught:
        _import(db, actor, path)
    errors = {e.line: str(e) for e in caught.value.report.errors}
    assert sorted(errors) == [3, 4, 5, 6]
    assert "there is no warehouse WH9" in errors[3]
    assert "WH1 A-01 is also on line 2" in errors[4]
    for words in ("code: is 1 to 64", "'attic' is not one of", "'x' is not a whole number",
                  "capacity: must be at least 1", "'maybe' is not yes or no"):
        assert words in errors[5]
    assert "'A-01' is also on line 2 (WH1 A-01)" in errors[6]
    assert _locations(db) == {}


def test_parents_that_are_missing_or_of_the_wrong_kind_are_reported(db, actor, warehouses,
                                                                    tmp_path):
    path = _csv(tmp_path, HEADER, "WH1,A-01,bin,storage,,,,,", "WH1,A-01-1,bin,storage,A-01,,,,",
                "WH1,B-01-1,bin,storage,B-01,,,,")
    with pytest.raises(ImportFailed) as caught:
        _import(db, actor, path)
    assert [str(e) for e in caught.value.report.errors] == [
        "line 3 (WH1 A-01-1): parent: a bin cannot sit inside a bin",
        "line 4 (WH1 B-01-1): parent: WH1 has no location B-01"]
    assert _locations(db) == {}


def test_reimport_updates_by_warehouse_and_code(db, actor, warehouses, tmp_path):
    db.transact(lambda s: generate_locations(s, actor, LocationPattern(
        warehouse="WH1", aisles="A", racks="01-02", levels="1-2")))
    report = _import(db, actor, _csv(tmp_path, "warehouse,code,blocked,capacity",
                                     "WH1,A-02-1,yes,40"))
    assert (report.created, report.updated) == (0, 1)
    assert _locations(db)["WH1/A-02-1"] == ("bin", "storage", "A-02", 30, "A-02-1", 40, True)


def test_a_bin_holding_stock_cannot_become_a_rack_by_import(db, actor, warehouses, tmp_path):
    def stock(s):
        generate_locations(s, actor, LocationPattern(warehouse="WH1", aisles="A", racks="01"))
        product = save_product(s, actor, ProductInput(sku="P", name="P"))
        bin_id = s.scalar(select(Location.id).where(Location.code == "A-01"))
        post_moves(s, actor, [MoveLine(product.id, 2, virtual_location_id(
            s, LocationType.SUPPLIER), bin_id)], reason="receipt")

    db.transact(stock)
    with pytest.raises(ImportFailed) as caught:
        _import(db, actor, _csv(tmp_path, "warehouse,code,kind", "WH1,A-01,rack"))
    assert "A-01 holds 2 units; empty it before making it a rack" in str(
        caught.value.report.errors[0])


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_export_and_import_round_trip(db, actor, warehouses, tmp_path, suffix):
    db.transact(lambda s: generate_locations(s, actor, LocationPattern(
        warehouse="WH1", aisles="A-B", racks="01-03", levels="1-2", zone="Z1")))
    before = _locations(db)
    path = tmp_path / f"l.{suffix}"
    assert db.transact(lambda s: export_locations(s, actor, path)) == len(before) == 21
    report = _import(db, actor, path)
    assert (report.created, report.updated) == (0, 21)
    assert _locations(db) == before
