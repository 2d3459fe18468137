"""Reading and writing tables: encodings Excel produces, separators, spreadsheet-mangled cells,
the XLSX row limit. No database."""

from __future__ import annotations

import pytest

from models.errors import InputError
from models.masterdata.cells import cell_text, code_text, export_text
from models.masterdata.table_reading import detect_encoding, read_table
from models.masterdata.table_writing import XLSX_MAX_ROWS, check_row_count, write_table

COLUMNS = ("sku", "name", "barcodes")


def _rows(path):
    return [(r.line, r.cells) for r in read_table(path, known=COLUMNS, required=("sku",))]


@pytest.mark.parametrize(("encoding", "expected"), [
    ("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("gb18030", "gb18030")])
def test_chinese_csv_is_read_in_the_encoding_it_was_saved_in(tmp_path, encoding, expected):
    path = tmp_path / "p.csv"
    path.write_bytes("SKU,Name\nTEA-1,西湖龙井绿茶\nTEA-2,铁观音\n".encode(encoding))
    assert detect_encoding(path) == expected
    assert _rows(path) == [(2, {"sku": "TEA-1", "name": "西湖龙井绿茶"}),
                           (3, {"sku": "TEA-2", "name": "铁观音"})]


def test_semicolon_and_tab_separated_files_and_blank_lines(tmp_path):
    path = tmp_path / "p.csv"
    path.write_text("sku;name\nA;Apple\n\n;\nB;Pear\n", encoding="utf-8")
    assert _rows(path) == [(2, {"sku": "A", "name": "Apple"}), (5, {"sku": "B", "name": "Pear"})]
    path.write_text("sku\tname\nA\tApple, red\n", encoding="utf-8")
    assert _rows(path) == [(2, {"sku": "A", "name": "Apple, red"})]


def test_unknown_duplicate_and_missing_columns_are_refused_before_any_row(tmp_path):
    path = tmp_path / "p.csv"
    path.write_text("sku,colour\nA,red\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"line 1: unknown column\(s\) colour; the columns are"):
        _rows(path)
    path.write_text("name,name\nA,B\n", encoding="utf-8")
    with pytest.raises(InputError, match="name appear twice"):
        _rows(path)
    path.write_text("name\nA\n", encoding="utf-8")
    with pytest.raises(InputError, match="sku are required"):
        _rows(path)


def test_other_file_types_and_missing_files_are_refused(tmp_path):
    (tmp_path / "p.ods").write_text("x")
    with pytest.raises(InputError, match=r"reads \.csv and \.xlsx"):
        read_table(tmp_path / "p.ods", known=COLUMNS, required=())
    with pytest.raises(InputError, match="There is no file"):
        read_table(tmp_path / "none.csv", known=COLUMNS, required=())
    (tmp_path / "broken.xlsx").write_text("not a zip")
    with pytest.raises(InputError, match="cannot be read as an Excel workbook"):
        read_table(tmp_path / "broken.xlsx", known=COLUMNS, required=())


def test_xlsx_round_trip_keeps_text_as_text_even_when_it_looks_like_a_formula(tmp_path):
    path = tmp_path / "p.xlsx"
    write_table(path, COLUMNS, [["=SUM(A1)", "绿茶", "0012345678905"], ["B", "x", 7]])
    assert _rows(path) == [(2, {"sku": "=SUM(A1)", "name": "绿茶", "barcodes": "0012345678905"}),
                           (3, {"sku": "B", "name": "x", "barcodes": 7})]


def test_csv_export_guards_formula_starts_and_import_takes_the_guard_off(tmp_path):
    path = tmp_path / "p.csv"
    write_table(path, COLUMNS, [["=1+1", "-5 % off", "@x"]])
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # Excel needs the BOM for Chinese
    assert "'=1+1,'-5 % off,'@x" in path.read_text(encoding="utf-8-sig")
    assert [{k: cell_text(v) for k, v in cells.items()} for _, cells in _rows(path)] == [
        {"sku": "=1+1", "name": "-5 % off", "barcodes": "@x"}]
    assert export_text(True) == "yes" and export_text(None) == ""


def test_codes_mangled_by_a_spreadsheet_are_refused_and_whole_numbers_recovered():
    errors = []
    assert code_text(errors, "sku", 6901234567892.0) == "6901234567892"
    assert code_text(errors, "sku", 12345) == "12345"
    assert errors == []
    assert code_text(errors, "barcodes", "6.90123E+12") == ""
    assert code_text(errors, "barcodes", 12.5) == ""
    assert [e.field for e in errors] == ["barcodes", "barcodes"]
    assert "digits are lost" in errors[0].message


def test_an_xlsx_export_beyond_one_sheet_is_refused_but_csv_is_not(tmp_path):
    check_row_count(tmp_path / "p.xlsx", XLSX_MAX_ROWS)
    with pytest.raises(InputError, match="do not fit in an Excel sheet"):
        check_row_count(tmp_path / "p.xlsx", XLSX_MAX_ROWS + 1)
    check_row_count(tmp_path / "p.csv", XLSX_MAX_ROWS * 2)


def test_a_failed_write_leaves_no_file_behind(tmp_path):
    def rows():
        yield ["A", "a", ""]
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        write_table(tmp_path / "p.csv", COLUMNS, rows())
    assert list(tmp_path.iterdir()) == []
