"""Importing locations from a CSV or XLSX file: all or nothing, every bad row reported with its
line number, existing locations (same warehouse and code) updated. A row may name a parent
listed further down the file: parents are linked once every row is in."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import bindparam, func, insert, select, update
from sqlalchemy.orm import Session, aliased

from models import audit
from models.actor import Actor
from models.entities import Location, LocationKind, Quant, Warehouse
from models.masterdata.cells import code_text
from models.masterdata.fields import FieldError, ValidationFailed
from models.masterdata.import_report import ImportFailed, ImportProgress, ImportReport
from models.masterdata.location_rows import (
    LOCATION_COLUMNS,
    LOCATION_REQUIRED,
    location_from_row,
)
from models.masterdata.locations import KIND_ORDER, LocationInput, check_location
from models.masterdata.product_import import OVERFLOW, chunked
from models.masterdata.table_reading import TableRow, read_table
from models.permissions import Perm

Key = tuple[int, str]  # warehouse id, location code


@dataclass
class _Good:
    line: int
    key: Key
    data: LocationInput
    location_id: int | None
    old_kind: str | None


@dataclass
class _State:
    warehouses: dict[str, int]
    seen: dict[Key, int] = field(default_factory=dict)
    barcodes: dict[str, tuple[str, int]] = field(default_factory=dict)
    # Every written row: (line, key, parent code, kind), linked at the end.
    links: list[tuple[int, Key, str, str]] = field(default_factory=list)


def import_locations(session: Session, actor: Actor, path: Path, *, dry_run: bool = False,
                     progress: ImportProgress | None = None) -> ImportReport:
    """Create or update (by warehouse and code) every location in the file; raises
    ImportFailed listing every bad row, having saved nothing."""
    actor.require(Perm.DATA_IMPORT)
    actor.require(Perm.LOCATIONS_EDIT)
    rows = read_table(path, known=LOCATION_COLUMNS, required=LOCATION_REQUIRED)
    report = ImportReport(path.name, dry_run=dry_run)
    state = _State(dict(session.execute(select(Warehouse.code, Warehouse.id)).all()))
    savepoint = session.begin_nested()
    try:
        for chunk in chunked(rows):
            good = _check_chunk(session, chunk, report, state)
            if not report.errors:
                _write(session, good, report, state)
            report.rows += len(chunk)
            if progress is not None:
                progress(report.rows)
        if not report.errors:
            _link_parents(session, report, state)
        if not report.errors:
            audit.record(session, actor, "location.import", entity="file",
                         entity_id=path.name, rows=report.rows, created=report.created,
                         updated=report.updated)
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


def _stored(session: Session, keys: list[Key]) -> dict[Key, tuple[int, LocationInput]]:
    parent = aliased(Location)
    found: dict[Key, tuple[int, LocationInput]] = {}
    for wh_id in {k[0] for k in keys}:
        codes = [k[1] for k in keys if k[0] == wh_id]
        for row in session.execute(
                select(Location.id, Location.warehouse_id, Warehouse.code.label("warehouse"),
                       Location.code, Location.name, Location.kind, Location.type,
                       Location.zone, Location.walk_seq, Location.barcode,
                       func.coalesce(parent.code, "").label("parent"), Location.capacity,
                       Location.blocked, Location.blocked_reason, Location.active)
                .join(Warehouse, Warehouse.id == Location.warehouse_id)
                .outerjoin(parent, parent.id == Location.parent_id)
                .where(Location.warehouse_id == wh_id, Location.code.in_(codes))):
            values = row._asdict()
            location_id, _ = values.pop("id"), values.pop("warehouse_id")
            found[(wh_id, row.code)] = (location_id, LocationInput(**values))
    return found


def _check_chunk(session: Session, chunk: list[TableRow], report: ImportReport,
                 state: _State) -> list[_Good]:
    names = [(code_text([], "warehouse", r.cells.get("warehouse")),
              code_text([], "code", r.cells.get("code"))) for r in chunk]
    keys = [(state.warehouses.get(wh, -1), code) for wh, code in names]
    stored = _stored(session, [k for k in keys if k[0] != -1 and k[1]])
    problems: dict[int, list[str]] = {}
    good: list[_Good] = []
    for row, (wh, code), key in zip(chunk, names, keys, strict=True):
        errors = problems.setdefault(row.line, [OVERFLOW] if row.overflow else [])
        if wh and key[0] == -1:
            errors.append(f"warehouse: there is no warehouse {wh}")
        if code and key in state.seen and key[0] != -1:
            errors.append(f"code: {wh} {code} is also on line {state.seen[key]}")
        elif code:
            state.seen[key] = row.line
        location_id, before = stored.get(key, (None, None))
        try:
            data = location_from_row(row.cells, before)
            field_errors: list[FieldError] = check_location(data)
        except ValidationFailed as failure:
            field_errors = failure.errors
        errors.extend(str(e) for e in field_errors)
        if field_errors or errors:
            continue
        barcode = data.barcode or data.code
        owner = state.barcodes.setdefault(barcode, (f"{wh} {code}", row.line))
        if owner[1] != row.line:
            errors.append(f"barcode: '{barcode}' is also on line {owner[1]} ({owner[0]})")
        good.append(_Good(row.line, key, data, location_id, before.kind if before else None))
    _check_database(session, good, problems)
    for row, (wh, code) in zip(chunk, names, strict=True):
        if problems[row.line]:
            report.add_error(row.line, f"{wh} {code}".strip(), problems[row.line])
    return [g for g in good if not problems[g.line]]


def _check_database(session: Session, good: list[_Good], problems: dict[int, list[str]]) -> None:
    """Barcodes of locations outside the file; bins holding stock that would stop being bins."""
    wanted = {g.data.barcode or g.data.code: g for g in good}
    for batch in chunked(list(wanted), 5_000):
        for barcode, wh_id, code, wh_code in session.execute(
                select(Location.barcode, Location.warehouse_id, Location.code, Warehouse.code)
                .outerjoin(Warehouse, Warehouse.id == Location.warehouse_id)
                .where(Location.barcode.in_(batch))):
            g = wanted[barcode]
            if (wh_id, code) != g.key:
                problems[g.line].append(f"barcode: '{barcode}' is the barcode of {code} in "
                                        f"{wh_code or 'the virtual locations'}; set another")
    unbinned = {g.location_id: g for g in good if g.old_kind == LocationKind.BIN
                and g.data.kind != LocationKind.BIN}
    if unbinned:
        for location_id, units in session.execute(
                select(Quant.location_id, func.sum(Quant.on_hand))
                .where(Quant.location_id.in_(list(unbinned))).group_by(Quant.location_id)):
            if units:
                g = unbinned[location_id]
                problems[g.line].append(f"kind: {g.data.code} holds {units} units; empty it "
                                        f"before making it a {g.data.kind}")


def _columns(g: _Good) -> dict[str, Any]:
    values = dict(vars(g.data))
    del values["warehouse"], values["parent"]
    values["barcode"] = g.data.barcode or g.data.code
    return values | {"warehouse_id": g.key[0]}


def _write(session: Session, good: list[_Good], report: ImportReport, state: _State) -> None:
    new = [_columns(g) | {"parent_id": None} for g in good if g.location_id is None]
    changed = [_columns(g) | {"id": g.location_id} for g in good if g.location_id is not None]
    if new:
        session.execute(insert(Location), new)
    if changed:
        session.execute(update(Location), changed)
    state.links.extend((g.line, g.key, g.data.parent, g.data.kind) for g in good)
    report.created += len(new)
    report.updated += len(changed)


def _link_parents(session: Session, report: ImportReport, state: _State) -> None:
    """Point every imported location at its parent, now that all of them exist."""
    codes: dict[int, set[str]] = {wh_id: set() for wh_id in state.warehouses.values()}
    for _, (wh_id, code), parent, _ in state.links:
        codes[wh_id].add(code)
        if parent:
            codes[wh_id].add(parent)
    found: dict[Key, tuple[int, str]] = {}
    for wh_id, wanted in codes.items():
        for batch in chunked(sorted(wanted), 5_000):
            for location_id, code, kind in session.execute(
                    select(Location.id, Location.code, Location.kind)
                    .where(Location.warehouse_id == wh_id, Location.code.in_(batch))):
                found[(wh_id, code)] = (location_id, kind)
    names = {wh_id: code for code, wh_id in state.warehouses.items()}
    links = []
    for line, key, parent, kind in state.links:
        target = found.get((key[0], parent)) if parent else None
        if parent and target is None:
            report.add_error(line, f"{names[key[0]]} {key[1]}",
                             [f"parent: {names[key[0]]} has no location {parent}"])
        elif target is not None and (target[1] not in KIND_ORDER or
                                     KIND_ORDER.index(target[1]) >= KIND_ORDER.index(kind)):
            report.add_error(line, f"{names[key[0]]} {key[1]}",
                             [f"parent: a {kind} cannot sit inside a {target[1]}"])
        else:
            links.append({"l_id": found[key][0], "l_parent": target[0] if target else None})
    if not report.errors:
        table = Location.__table__
        for batch in chunked(links, 5_000):
            session.connection().execute(
                update(table).where(table.c.id == bindparam("l_id"))
                .values(parent_id=bindparam("l_parent")), batch)
