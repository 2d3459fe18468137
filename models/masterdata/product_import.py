"""Importing products from a CSV or XLSX file: all or nothing, every bad row reported with its
line number, existing SKUs updated. Rows are checked and written a chunk at a time, inside one
savepoint that is rolled back when any row was bad (or for a dry run)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import bindparam, delete, func, insert, select, update
from sqlalchemy.orm import Session

from models import audit
from models.actor import Actor
from models.entities import Barcode, Product, Quant, utcnow
from models.masterdata.cells import code_text
from models.masterdata.fields import FieldError, ValidationFailed
from models.masterdata.import_report import (
    CHUNK_ROWS,
    ImportFailed,
    ImportProgress,
    ImportReport,
)
from models.masterdata.product_rows import PRODUCT_COLUMNS, PRODUCT_REQUIRED, product_from_row
from models.masterdata.products import ProductInput, check_product, product_inputs
from models.masterdata.table_reading import TableRow, read_table
from models.permissions import Perm

T = TypeVar("T")
OVERFLOW = "more cells than columns: is a separator inside an unquoted value?"
_PRODUCT_FIELDS = [f.name for f in fields(ProductInput) if f.name != "barcodes"]


def chunked(items: Iterable[T], size: int = CHUNK_ROWS) -> Iterator[list[T]]:
    """Lists of up to `size` items."""
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


@dataclass
class _Seen:
    """What earlier rows of the file claimed: SKU -> line, barcode -> (SKU, line)."""

    skus: dict[str, int] = field(default_factory=dict)
    barcodes: dict[str, tuple[str, int]] = field(default_factory=dict)


@dataclass
class _Good:
    line: int
    data: ProductInput
    product_id: int | None
    old_tracking: str | None


def import_products(session: Session, actor: Actor, path: Path, *, dry_run: bool = False,
                    progress: ImportProgress | None = None) -> ImportReport:
    """Create or update (by SKU) every product in the file; raises ImportFailed listing every
    bad row, having saved nothing. A dry run checks everything and saves nothing."""
    actor.require(Perm.DATA_IMPORT)
    actor.require(Perm.PRODUCTS_EDIT)
    rows = read_table(path, known=PRODUCT_COLUMNS, required=PRODUCT_REQUIRED)
    report = ImportReport(path.name, dry_run=dry_run)
    seen = _Seen()
    savepoint = session.begin_nested()
    try:
        for chunk in chunked(rows):
            good = _check_chunk(session, chunk, report, seen)
            if not report.errors:  # after the first bad row, only checking goes on
                _write(session, good, report)
            report.rows += len(chunk)
            if progress is not None:
                progress(report.rows)
        if not report.errors:
            audit.record(session, actor, "product.import", entity="file", entity_id=path.name,
                         rows=report.rows, created=report.created, updated=report.updated)
    except BaseException:
        savepoint.rollback()
        raise
    if report.errors or dry_run:
        savepoint.rollback()
    else:
        savepoint.commit()
    if report.errors:
        raise ImportFailed(report)
    return report


def _check_chunk(session: Session, chunk: list[TableRow], report: ImportReport,
                 seen: _Seen) -> list[_Good]:
    skus = [code_text([], "sku", row.cells.get("sku")) for row in chunk]
    stored = {data.sku: (product_id, data) for product_id, data in product_inputs(
        session, Product.sku.in_([s for s in skus if s]))}
    problems: dict[int, list[str]] = {}
    good: list[_Good] = []
    for row, sku in zip(chunk, skus, strict=True):
        errors = problems.setdefault(row.line, [OVERFLOW] if row.overflow else [])
        if sku and sku in seen.skus:
            errors.append(f"sku: {sku} is also on line {seen.skus[sku]}")
        elif sku:
            seen.skus[sku] = row.line
        product_id, before = stored.get(sku, (None, None))
        try:
            data = product_from_row(row.cells, before)
            field_errors: list[FieldError] = check_product(data)
        except ValidationFailed as failure:
            field_errors = failure.errors
        errors.extend(str(e) for e in field_errors)
        if field_errors:
            continue
        for barcode in data.barcodes:
            owner = seen.barcodes.setdefault(barcode.code, (sku, row.line))
            if owner[0] != sku:
                errors.append(f"barcodes: '{barcode.code}' is also on line {owner[1]} "
                              f"({owner[0]})")
        good.append(_Good(row.line, data, product_id, before.tracking if before else None))
    _check_database(session, good, problems)
    for row, sku in zip(chunk, skus, strict=True):
        if problems[row.line]:
            report.add_error(row.line, sku, problems[row.line])
    return [g for g in good if not problems[g.line]]


def _check_database(session: Session, good: list[_Good], problems: dict[int, list[str]]) -> None:
    """Barcodes taken by products outside the file, tracking changed while in stock."""
    codes = [b.code for g in good for b in g.data.barcodes]
    owners: dict[str, str] = {}
    for batch in chunked(codes, 5_000):
        owners.update(session.execute(
            select(Barcode.code, Product.sku).join(Product, Product.id == Barcode.product_id)
            .where(Barcode.code.in_(batch))).all())
    for g in good:
        for barcode in g.data.barcodes:
            owner = owners.get(barcode.code)
            if owner is not None and owner != g.data.sku:
                problems[g.line].append(f"barcodes: '{barcode.code}' already belongs to {owner}")
    retracked = {g.product_id: g for g in good
                 if g.product_id is not None and g.old_tracking != g.data.tracking}
    if retracked:
        held = session.execute(select(Quant.product_id, func.sum(Quant.on_hand))
                               .where(Quant.product_id.in_(list(retracked)))
                               .group_by(Quant.product_id)).all()
        for product_id, units in held:
            if units:
                problems[retracked[product_id].line].append(
                    f"tracking: cannot change while {units} units are in stock; ship or "
                    "adjust them out first")


def _columns(data: ProductInput) -> dict[str, Any]:
    return {name: getattr(data, name) for name in _PRODUCT_FIELDS}


def _write(session: Session, good: list[_Good], report: ImportReport) -> None:
    # Core statements: the ORM's bulk insert splits a batch wherever the None columns change,
    # which turned 1,000 rows into hundreds of statements.
    connection = session.connection()
    products, barcode_table = Product.__table__, Barcode.__table__
    now = utcnow()
    new = [g for g in good if g.product_id is None]
    changed = [g for g in good if g.product_id is not None]
    if new:
        connection.execute(insert(products), [_columns(g.data) | {"created_at": now,
                                                                    "updated_at": now}
                                              for g in new])
        ids = dict(connection.execute(select(products.c.sku, products.c.id).where(
            products.c.sku.in_([g.data.sku for g in new]))).all())
        for g in new:
            g.product_id = ids[g.data.sku]
    if changed:
        connection.execute(
            update(products).where(products.c.id == bindparam("p_id"))
            .values({name: bindparam(f"v_{name}") for name in [*_PRODUCT_FIELDS, "updated_at"]}),
            [{f"v_{k}": v for k, v in _columns(g.data).items()}
             | {"p_id": g.product_id, "v_updated_at": now} for g in changed])
        # Barcodes are replaced as a set: what the row lists is what the product has.
        connection.execute(delete(barcode_table).where(
            barcode_table.c.product_id.in_([g.product_id for g in changed])))
    barcodes = [{"product_id": g.product_id, "code": b.code, "pack_qty": b.pack_qty}
                for g in good for b in g.data.barcodes]
    if barcodes:
        connection.execute(insert(barcode_table), barcodes)
    report.created += len(new)
    report.updated += len(changed)
