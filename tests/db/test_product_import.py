"""Importing and exporting products: round trips, every bad row reported, nothing half done."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select

from app.cli.main import main
from models.entities import AuditEvent, Barcode, LocationType, Product
from models.errors import PermissionDenied
from models.ledger import MoveLine, post_moves
from models.masterdata.exporting import export_products
from models.masterdata.import_report import ImportFailed
from models.masterdata.locations import LocationInput, create_warehouse, save_location
from models.masterdata.product_import import import_products
from models.masterdata.products import BarcodeInput, ProductInput, save_product
from models.reference_data import virtual_location_id
from models.users import system_actor
from tests import backends

HEADER = "sku,name,alt_name,barcodes,tracking,expiry_tracked,shelf_life_days,weight_g,min_stock"


def _csv(tmp_path: Path, *lines: str, name: str = "p.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(("\n".join(lines) + "\n").encode(encoding))
    return path


def _import(db, actor, path, **options):
    return db.transact(lambda s: import_products(s, actor, path, **options))


def _products(db) -> dict[str, tuple]:
    with db.read() as s:
        rows = s.execute(select(Product.sku, Product.name, Product.alt_name, Product.tracking,
                                Product.weight_g, Product.min_stock)).all()
        codes = s.execute(select(Product.sku, Barcode.code, Barcode.pack_qty)
                          .join(Barcode.product).order_by(Barcode.code)).all()
    return {sku: (*rest, [(c, q) for s, c, q in codes if s == sku]) for sku, *rest in rows}


def test_a_file_creates_products_with_barcodes_and_pack_barcodes(db, actor, tmp_path):
    path = _csv(tmp_path, HEADER,
                "TEA-01,Longjing tea 250 g,龙井茶 250克,6901234567892;26901234567896*12,lot,yes,"
                "540,280.5,10",
                "MUG-01,Mug,马克杯,6901234567809,,,,350,")
    report = _import(db, actor, path)
    assert (report.rows, report.created, report.updated) == (2, 2, 0)
    assert _products(db) == {
        "TEA-01": ("Longjing tea 250 g", "龙井茶 250克", "lot", Decimal("280.5"), 10,
                   [("26901234567896", 12), ("6901234567892", 1)]),
        "MUG-01": ("Mug", "马克杯", "none", Decimal("350"), None, [("6901234567809", 1)]),
    }


def test_every_bad_row_is_reported_with_its_line_and_nothing_is_imported(db, actor, tmp_path):
    path = _csv(tmp_path, HEADER,
                "OK-1,Fine,,6901234567892,,,,,",
                "BAD-1,,,,,,,,",                           # line 3: no name
                "BAD-2,Tea,,6901234567890,batch,,,heavy,",  # line 4: three problems
                "OK-1,Twice,,,,,,,",                        # line 5: SKU repeated
                "BAD-3,Pot,,6901234567892,,,,,",            # line 6: barcode of line 2
                "BAD-4,Jam,,,none,yes,,,")                  # line 7: expiry without lots
    with pytest.raises(ImportFailed) as caught:
        _import(db, actor, path)
    errors = {e.line: str(e) for e in caught.value.report.errors}
    assert sorted(errors) == [3, 4, 5, 6, 7]
    assert "name: is required" in errors[3]
    assert "'batch' is not none, lot or serial" in errors[4]
    assert "'heavy' is not a number" in errors[4]
    assert "wrong check digit" in errors[4]
    assert "OK-1 is also on line 2" in errors[5]
    assert "'6901234567892' is also on line 2 (OK-1)" in errors[6]
    assert "expiry is kept per lot" in errors[7]
    assert str(caught.value) == "p.csv: 5 of 6 rows are wrong; nothing was imported."
    assert _products(db) == {}
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(AuditEvent).where(
            AuditEvent.action == "product.import")) == 0


def test_reimport_updates_by_sku_and_keeps_the_columns_the_file_leaves_out(db, actor, tmp_path):
    _import(db, actor, _csv(tmp_path, HEADER, "TEA-01,Tea,茶,6901234567892,lot,yes,540,280,10"))
    report = _import(db, actor, _csv(tmp_path, "sku,name,min_stock", "TEA-01,Green tea,25",
                                     name="update.csv"))
    assert (report.created, report.updated) == (0, 1)
    assert _products(db)["TEA-01"] == ("Green tea", "茶", "lot", Decimal("280"), 25,
                                       [("6901234567892", 1)])
    # Listing barcodes replaces them; an empty min_stock cell clears it.
    _import(db, actor, _csv(tmp_path, "sku,barcodes,min_stock", "TEA-01,26901234567896*12,",
                            name="codes.csv"))
    assert _products(db)["TEA-01"][-2:] == (None, [("26901234567896", 12)])


def test_a_barcode_of_another_product_in_the_database_is_refused(db, actor, tmp_path):
    db.transact(lambda s: save_product(s, actor, ProductInput(
        sku="OLD", name="Old", barcodes=[BarcodeInput("6901234567892")])))
    with pytest.raises(ImportFailed, match="1 of 1 rows"):
        _import(db, actor, _csv(tmp_path, "sku,name,barcodes", "NEW,New,6901234567892"))
    with pytest.raises(ImportFailed) as caught:
        _import(db, actor, _csv(tmp_path, "sku,name,barcodes", "NEW,New,6901234567892"))
    assert "'6901234567892' already belongs to OLD" in str(caught.value.report.errors[0])


def test_tracking_cannot_change_by_import_while_in_stock(db, actor, tmp_path):
    def stock(s):
        create_warehouse(s, actor, code="WH1", name="Main")
        bin_ = save_location(s, actor, LocationInput(warehouse="WH1", code="A-01"))
        product = save_product(s, actor, ProductInput(sku="P", name="P"))
        post_moves(s, actor, [MoveLine(product.id, 3, virtual_location_id(
            s, LocationType.SUPPLIER), bin_.id)], reason="receipt")

    db.transact(stock)
    with pytest.raises(ImportFailed) as caught:
        _import(db, actor, _csv(tmp_path, "sku,tracking", "P,serial"))
    assert "cannot change while 3 units are in stock" in str(caught.value.report.errors[0])


@pytest.mark.parametrize("encoding", ["utf-8-sig", "gb18030"])
def test_chinese_files_from_excel_import_in_bom_and_gb18030(db, actor, tmp_path, encoding):
    path = _csv(tmp_path, "SKU,Name,Alt name", "TEA-01,西湖龙井,Longjing", encoding=encoding)
    _import(db, actor, path)
    assert _products(db)["TEA-01"][:2] == ("西湖龙井", "Longjing")


def test_spreadsheet_numbers_in_barcode_cells_are_recovered_or_refused(db, actor, tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["sku", "name", "barcodes"])
    sheet.append([1001, "Whole number EAN", 6901234567892])          # recovered exactly
    sheet.append(["F-1", "Float EAN", 6.901234567809e12])             # recovered exactly
    sheet.append(["F-2", "Lost zero", 12345678905])                   # UPC-A lost its 0: refused
    sheet.append(["F-3", "=UPPER(B2)", "6901234567816"])              # formula never computed
    book.save(tmp_path / "p.xlsx")
    with pytest.raises(ImportFailed) as caught:
        _import(db, actor, tmp_path / "p.xlsx")
    errors = {e.line: str(e) for e in caught.value.report.errors}
    assert sorted(errors) == [4, 5]
    assert "12345678905 was stored as a number and may have lost leading zeros" in errors[4]
    assert "name: is required" in errors[5]  # openpyxl wrote it without a computed value
    sheet.delete_rows(4, 2)
    book.save(tmp_path / "p.xlsx")
    _import(db, actor, tmp_path / "p.xlsx")
    assert {sku: codes for sku, (*_, codes) in _products(db).items()} == {
        "1001": [("6901234567892", 1)], "F-1": [("6901234567809", 1)]}


def test_a_formula_typed_into_a_csv_cell_is_refused(db, actor, tmp_path):
    with pytest.raises(ImportFailed) as caught:
        _import(db, actor, _csv(tmp_path, "sku,name", 'X,"=HYPERLINK(""http://x"")"'))
    assert "is a spreadsheet formula, not a value" in str(caught.value.report.errors[0])


def test_dry_run_reports_counts_and_saves_nothing(db, actor, tmp_path):
    report = _import(db, actor, _csv(tmp_path, "sku,name", "A,A", "B,B"), dry_run=True)
    assert (report.created, report.dry_run) == (2, True)
    assert "would create 2" in report.summary
    assert _products(db) == {}


def test_progress_is_reported_per_chunk(db, actor, tmp_path):
    path = _csv(tmp_path, "sku,name", *[f"S-{n},Item {n}" for n in range(2_500)])
    seen: list[int] = []
    _import(db, actor, path, progress=seen.append)
    assert seen == [1_000, 2_000, 2_500]


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_export_then_import_into_another_database_round_trips(db, actor, tmp_path, suffix,
                                                              sqlite_template):
    _import(db, actor, _csv(tmp_path, HEADER,
                            "TEA-01,Longjing 250 g,龙井 250克,6901234567892;26901234567896*12,lot,"
                            "yes,540,280.5,10",
                            "+X,\"Name, with comma\",-5% off,0012345678905,,,,,"))
    first = tmp_path / f"first.{suffix}"
    assert db.transact(lambda s: export_products(s, actor, first)) == 2
    (tmp_path / "other").mkdir()
    other = backends.fresh_sqlite(sqlite_template, tmp_path / "other")
    try:
        with other.read() as s:
            other_actor = system_actor(s, "test-ws")
        report = other.transact(lambda s: import_products(s, other_actor, first))
        assert report.created == 2
        assert _products(other) == _products(db)
        again = tmp_path / f"again.{suffix}"
        other.transact(lambda s: export_products(s, other_actor, again))
    finally:
        other.dispose()
    if suffix == "csv":
        assert again.read_bytes() == first.read_bytes()
        assert "'+X" in first.read_text(encoding="utf-8-sig")


def test_importing_needs_the_import_permission(db, actor, tmp_path):
    clerk = type(actor)(actor.user_id, "clerk", "ws", actor.permissions - {"data.import"})
    with pytest.raises(PermissionDenied, match="Import master data"):
        _import(db, clerk, _csv(tmp_path, "sku,name", "A,A"))


def test_cli_lists_every_bad_row_and_exits_2(db, tmp_path, capsys):
    path = _csv(tmp_path, "sku,name", "A,", "B,Fine", "C,")
    assert main(["--db", db.url, "import", "products", str(path)]) == 2
    out, err = capsys.readouterr()
    assert out.splitlines() == ["line 2 (A): name: is required", "line 4 (C): name: is required"]
    assert err == "waredesk: p.csv: 2 of 3 rows are wrong; nothing was imported.\n"
    assert main(["--db", db.url, "import", "products", str(path.with_name("none.csv"))]) == 2
    capsys.readouterr()
    path = _csv(tmp_path, "sku,name", "A,Apple", "B,Pear")
    assert main(["--db", db.url, "import", "products", str(path)]) == 0
    assert main(["--db", db.url, "export", "products", str(tmp_path / "out.xlsx")]) == 0
    out, _ = capsys.readouterr()
    assert "p.csv: 2 rows, created 2, updated 0." in out and "Wrote 2 products" in out
