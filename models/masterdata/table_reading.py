"""Reading a table of rows from a CSV or XLSX file, one row at a time (memory stays flat on
100,000 rows): the first row names the columns; CSV text may be UTF-8, UTF-8 with BOM or
GB18030 (what Excel on a Chinese Windows saves), separated by commas, semicolons or tabs."""

from __future__ import annotations

import codecs
import csv
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from models.errors import InputError

_PROBE = 1 << 20


@dataclass(frozen=True)
class TableRow:
    """One data row: its line in the file (the header is line 1) and its cells by column."""

    line: int
    cells: dict[str, Any]
    #: The row had values beyond the last column (an unquoted separator inside a value).
    overflow: bool = False


def normalize_header(name: Any) -> str:
    """'Alt name ' -> 'alt_name', 'SKU' -> 'sku'."""
    return str(name or "").strip().lower().replace(" ", "_").replace("-", "_")


def detect_encoding(path: Path) -> str:
    """'utf-8-sig' for a BOM, 'utf-8' when every byte decodes as UTF-8, else 'gb18030'."""
    with path.open("rb") as handle:
        if handle.read(3) == codecs.BOM_UTF8:
            return "utf-8-sig"
        handle.seek(0)
        decoder = codecs.getincrementaldecoder("utf-8")()
        try:
            while chunk := handle.read(_PROBE):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
            return "utf-8"
        except UnicodeDecodeError:
            pass
        handle.seek(0)
        decoder = codecs.getincrementaldecoder("gb18030")()
        try:
            while chunk := handle.read(_PROBE):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            raise InputError(f"{path.name} is neither UTF-8 nor GB18030 text; save it as "
                             "CSV UTF-8 and try again.") from None
    return "gb18030"


def _delimiter(header_line: str) -> str:
    # The header holds only column names, so its most frequent separator is the file's.
    return max((",", ";", "\t"), key=header_line.count)


def _check_header(path: Path, header: Sequence[str], known: Sequence[str] | None,
                  required: Sequence[str]) -> None:
    unknown = [h for h in header if h and known is not None and h not in known]
    if unknown:
        raise InputError(f"{path.name} line 1: unknown column(s) {', '.join(unknown)}; the "
                         f"columns are {', '.join(known)}.")
    twice = sorted({h for h in header if h and header.count(h) > 1})
    if twice:
        raise InputError(f"{path.name} line 1: column(s) {', '.join(twice)} appear twice.")
    missing = [r for r in required if r not in header]
    if missing:
        raise InputError(f"{path.name} line 1: the column(s) {', '.join(missing)} are "
                         "required.")


def _rows(path: Path, header: list[str], records: Iterator[Sequence[Any]]) -> Iterator[TableRow]:
    width = len(header)
    for line, record in enumerate(records, start=2):
        if not any(v is not None and str(v).strip() for v in record):
            continue  # blank lines and rows a spreadsheet left formatted but empty
        overflow = len(record) > width and any(v not in (None, "") for v in record[width:])
        yield TableRow(line, {name: record[i] if i < len(record) else None
                              for i, name in enumerate(header) if name}, overflow)


def read_table(path: Path, *, known: Sequence[str] | None,
               required: Sequence[str]) -> Iterator[TableRow]:
    """Rows of a .csv or .xlsx file, checked to have the required columns and no unknown
    ones (`known` None: any column, as in a shop's export). A .txt or .tsv file is read as
    CSV (Amazon's reports are tab-separated .txt). Raises InputError for a file that cannot
    be read as a table."""
    suffix = path.suffix.lower()
    if not path.is_file():
        raise InputError(f"There is no file {path}.")
    if suffix in (".csv", ".txt", ".tsv"):
        return _read_csv(path, known, required)
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(path, known, required)
    raise InputError(f"{path.name}: WareDesk reads .csv and .xlsx files.")


def table_header(path: Path) -> list[str]:
    """The column names of a .csv or .xlsx file as it writes them (trimmed), for a user to
    choose from; InputError for a file that cannot be read as a table."""
    if not path.is_file():
        raise InputError(f"There is no file {path}.")
    suffix = path.suffix.lower()
    if suffix in (".csv", ".txt", ".tsv"):
        handle, records = _csv_records(path)
        with handle:
            first = next(records, [])
    elif suffix in (".xlsx", ".xlsm"):
        book, rows = _xlsx_records(path)
        first = next(rows, ())
        book.close()
    else:
        raise InputError(f"{path.name}: WareDesk reads .csv and .xlsx files.")
    return [str(name or "").strip() for name in first]


def _csv_records(path: Path) -> tuple[TextIO, Iterator[list[str]]]:
    encoding = detect_encoding(path)
    handle = path.open(encoding=encoding, newline="")
    first = handle.readline()
    handle.seek(0)
    return handle, csv.reader(handle, delimiter=_delimiter(first))


def _read_csv(path: Path, known: Sequence[str] | None,
              required: Sequence[str]) -> Iterator[TableRow]:
    handle, records = _csv_records(path)
    header = [normalize_header(h) for h in next(records, [])]
    try:
        _check_header(path, header, known, required)
    except InputError:
        handle.close()
        raise

    def rows() -> Iterator[TableRow]:
        with handle:
            try:
                yield from _rows(path, header, records)
            except csv.Error as exc:
                raise InputError(f"{path.name} line {records.line_num}: {exc}") from None
    return rows()


def _xlsx_records(path: Path) -> tuple[Any, Iterator[tuple[Any, ...]]]:
    from openpyxl import load_workbook  # loaded only for spreadsheets
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        # read_only streams rows; data_only gives a formula's last computed value.
        book = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, OSError, KeyError, ValueError) as exc:
        raise InputError(f"{path.name} cannot be read as an Excel workbook: {exc}") from None
    return book, book.worksheets[0].iter_rows(values_only=True)


def _read_xlsx(path: Path, known: Sequence[str] | None,
               required: Sequence[str]) -> Iterator[TableRow]:
    book, records = _xlsx_records(path)
    header = [normalize_header(h) for h in next(records, ())]
    try:
        _check_header(path, header, known, required)
    except InputError:
        book.close()
        raise

    def rows() -> Iterator[TableRow]:
        try:
            yield from _rows(path, header, records)
        finally:
            book.close()
    return rows()
