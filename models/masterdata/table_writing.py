"""Writing a table to a CSV or XLSX file row by row (openpyxl's write-only mode, so memory stays
flat). CSV is UTF-8 with a BOM, which Excel needs to show Chinese names correctly."""

from __future__ import annotations

import csv
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from models.errors import InputError
from models.masterdata.cells import export_text

#: An XLSX sheet holds 1,048,576 rows; the header takes one.
XLSX_MAX_ROWS = 1_048_575


def table_format(path: Path) -> str:
    """'csv' or 'xlsx' from the file's extension; InputError for anything else."""
    suffix = path.suffix.lower().lstrip(".")
    if suffix not in ("csv", "xlsx"):
        raise InputError(f"{path.name}: WareDesk writes .csv and .xlsx files.")
    return suffix


def check_row_count(path: Path, rows: int) -> None:
    """Refuse an XLSX export that would not fit in one sheet."""
    if table_format(path) == "xlsx" and rows > XLSX_MAX_ROWS:
        raise InputError(f"{rows:,} rows do not fit in an Excel sheet (at most "
                         f"{XLSX_MAX_ROWS:,}); export to .csv instead.")


def write_table(path: Path, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    """Write header and rows; returns the number of data rows. The file appears complete or
    not at all (written beside it, then renamed)."""
    kind = table_format(path)
    partial = path.with_name(f".{path.name}.partial")
    try:
        count = (_write_csv if kind == "csv" else _write_xlsx)(partial, header, rows)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return count


def _write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    count = 0
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(header)
        for row in rows:
            out.writerow([export_text(v) for v in row])
            count += 1
    return count


def _write_xlsx(path: Path, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    from openpyxl import Workbook  # loaded only for spreadsheets
    from openpyxl.cell import WriteOnlyCell

    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(list(header))
    count = 0
    for row in rows:
        count += 1
        if count > XLSX_MAX_ROWS:
            raise InputError(f"More than {XLSX_MAX_ROWS:,} rows do not fit in an Excel "
                             "sheet; export to .csv instead.")
        cells = []
        for value in row:
            if isinstance(value, str) and value.startswith("="):
                # Text stays text, never a formula (other strings are stored as text anyway,
                # so codes keep their leading zeros).
                cell = WriteOnlyCell(sheet, value=value)
                cell.data_type = "s"
                cells.append(cell)
            else:
                cells.append(value)
        sheet.append(cells)
    book.save(path)
    return count
