"""Bulk location creation from a pattern: aisles A-C x racks 01-20 x levels 1-5 gives bins
A-01-1 ... C-20-5 under their racks and aisles (and zone), numbered in serpentine walk order
(aisle A racks up, aisle B racks down, ...) so that a pick walk passes each aisle once."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from models import audit
from models.actor import Actor
from models.entities import Location, LocationKind, LocationType
from models.errors import InputError
from models.masterdata.fields import ValidationFailed
from models.masterdata.locations import LocationInput, check_location, warehouse_by_code
from models.permissions import Perm

#: A typo such as racks 01-2000 should not silently make 100,000s of bins.
MAX_LOCATIONS = 100_000
WALK_STEP = 10
_CHUNK = 5_000
_PART = re.compile(r"^(?:([A-Za-z])(?:-([A-Za-z]))?|(\d+)(?:-(\d+))?)$")


class PatternError(InputError):
    """A location pattern that cannot be expanded."""


def expand_range(name: str, spec: str) -> list[str]:
    """'A-C' -> A, B, C; '01-20' -> 01 ... 20 (zero-padded like the first number); 'A,C,F-G'
    lists parts. Raises PatternError naming the part in words."""
    values: list[str] = []
    if not spec.strip():
        raise PatternError(f"{name}: give a value or a range such as A-C or 01-20.")
    for part in (p.strip() for p in spec.split(",")):
        match = _PART.match(part)
        if match is None:
            raise PatternError(f"{name} '{part}': a range is two letters (A-C) or two "
                               "numbers (01-20); separate several with commas.")
        first, last, low, high = match.groups()
        if first is not None:
            start, end = ord(first.upper()), ord((last or first).upper())
            if start > end:
                raise PatternError(f"{name} '{part}': a range runs from low to high.")
            values.extend(chr(c) for c in range(start, end + 1))
        else:
            start, end = int(low), int(high or low)
            if start > end:
                raise PatternError(f"{name} '{part}': a range runs from low to high.")
            width = len(low) if low.startswith("0") and len(low) > 1 else 0
            values.extend(f"{n:0{width}d}" for n in range(start, end + 1))
    repeated = [value for value, times in Counter(values).items() if times > 1]
    if repeated:
        raise PatternError(f"{name} '{spec}' lists {', '.join(repeated[:5])} twice.")
    return values


@dataclass(frozen=True)
class LocationPattern:
    """What to generate: one bin per aisle x rack x level, in one warehouse."""

    warehouse: str
    aisles: str
    racks: str
    levels: str = ""
    type: str = LocationType.STORAGE
    zone: str = ""
    separator: str = "-"
    barcode_prefix: str = ""


@dataclass
class PlannedLocation:
    """One location the pattern makes; `parent` is the code of its parent."""

    code: str
    kind: str
    parent: str
    walk_seq: int


@dataclass
class GenerationPlan:
    """The locations a pattern makes, and what already existed."""

    warehouse_id: int
    pattern: LocationPattern
    to_create: list[PlannedLocation] = field(default_factory=list)
    reused: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    @property
    def bins(self) -> list[PlannedLocation]:
        """The stock-holding locations to create."""
        return [p for p in self.to_create if p.kind == LocationKind.BIN]


def _layout(pattern: LocationPattern, first_seq: int) -> list[PlannedLocation]:
    """Every node of the pattern in walk order, parents before children."""
    aisles = expand_range("aisles", pattern.aisles)
    racks = expand_range("racks", pattern.racks)
    levels = expand_range("levels", pattern.levels) if pattern.levels.strip() else []
    count = len(aisles) * len(racks) * max(1, len(levels))
    if count > MAX_LOCATIONS:
        raise PatternError(f"The pattern makes {count:,} bins; at most {MAX_LOCATIONS:,} at "
                           "once.")
    sep = pattern.separator
    nodes: list[PlannedLocation] = []
    if pattern.zone:
        nodes.append(PlannedLocation(pattern.zone, LocationKind.ZONE, "", first_seq))
    seq = first_seq
    for index, aisle in enumerate(aisles):
        nodes.append(PlannedLocation(aisle, LocationKind.AISLE, pattern.zone, seq))
        # Serpentine: every other aisle is walked back down, so the walk never doubles back.
        for rack in (racks if index % 2 == 0 else list(reversed(racks))):
            rack_code = f"{aisle}{sep}{rack}"
            if not levels:
                nodes.append(PlannedLocation(rack_code, LocationKind.BIN, aisle, seq))
                seq += WALK_STEP
                continue
            nodes.append(PlannedLocation(rack_code, LocationKind.RACK, aisle, seq))
            for level in levels:
                nodes.append(PlannedLocation(f"{rack_code}{sep}{level}", LocationKind.BIN,
                                             rack_code, seq))
                seq += WALK_STEP
    return nodes


def _check_fields(pattern: LocationPattern, nodes: Sequence[PlannedLocation]) -> None:
    """The pattern's own values through the same checks as one location in the editor."""
    for node in (nodes[0], nodes[-1]):  # codes differ only in length, so the ends decide
        data = LocationInput(warehouse=pattern.warehouse, code=node.code, kind=node.kind,
                             type=pattern.type, zone=pattern.zone,
                             barcode=pattern.barcode_prefix + node.code)
        errors = check_location(data)
        if errors:
            raise ValidationFailed(f"Location {node.code}", errors)


def plan_locations(session: Session, pattern: LocationPattern, *,
                   skip_existing: bool = False) -> GenerationPlan:
    """Work out what the pattern creates; raises PatternError for existing bins (unless
    skip_existing) and for barcodes used elsewhere. Writes nothing."""
    wh = warehouse_by_code(session, pattern.warehouse)
    last_seq = session.scalar(select(func.max(Location.walk_seq))
                              .where(Location.warehouse_id == wh.id)) or 0
    first_seq = (last_seq // WALK_STEP + 1) * WALK_STEP
    nodes = _layout(pattern, first_seq)
    _check_fields(pattern, nodes)
    if pattern.zone and pattern.zone in {n.code for n in nodes[1:]}:
        raise PatternError(f"The zone {pattern.zone} has the code of one of its aisles or "
                           "bins; give the zone another code.")
    existing = _existing_kinds(session, wh.id, [n.code for n in nodes])
    plan = GenerationPlan(wh.id, pattern)
    clashes: list[str] = []
    for node in nodes:
        kind = existing.get(node.code)
        if kind is None:
            plan.to_create.append(node)
        elif node.kind == LocationKind.BIN:
            (plan.skipped if skip_existing else clashes).append(node.code)
        elif kind == node.kind:
            plan.reused.append(node.code)  # an aisle or rack made by an earlier pattern
        else:
            raise PatternError(f"{wh.code} already has a {kind} {node.code}; the pattern "
                               f"needs it to be a {node.kind}.")
    if clashes:
        raise PatternError(f"{wh.code} already has {len(clashes)} of these bins "
                           f"({_sample(clashes)}); nothing was created. Skip them with the "
                           "skip-existing option, or choose other ranges.")
    taken = _taken_barcodes(session, [pattern.barcode_prefix + n.code if n.kind ==
                                      LocationKind.BIN else _structural_barcode(wh.code, n.code)
                                      for n in plan.to_create])
    if taken:
        raise PatternError(f"{len(taken)} barcodes are already on other locations "
                           f"({_sample(taken)}); nothing was created. Set a barcode prefix.")
    return plan


def _structural_barcode(warehouse: str, code: str) -> str:
    # Aisles and racks carry no label, but a barcode is unique across warehouses: keep short
    # codes such as "A" free for the bins of other warehouses.
    return f"{warehouse}/{code}"


def _sample(codes: list[str], shown: int = 5) -> str:
    more = f" and {len(codes) - shown} more" if len(codes) > shown else ""
    return ", ".join(codes[:shown]) + more


def _existing_kinds(session: Session, warehouse_id: int, codes: list[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for start in range(0, len(codes), _CHUNK):
        found.update(session.execute(select(Location.code, Location.kind).where(
            Location.warehouse_id == warehouse_id,
            Location.code.in_(codes[start:start + _CHUNK]))).all())
    return found


def _taken_barcodes(session: Session, barcodes: list[str]) -> list[str]:
    taken: list[str] = []
    for start in range(0, len(barcodes), _CHUNK):
        taken.extend(session.scalars(select(Location.barcode).where(
            Location.barcode.in_(barcodes[start:start + _CHUNK]))))
    return sorted(taken)


def generate_locations(session: Session, actor: Actor, pattern: LocationPattern, *,
                       skip_existing: bool = False) -> GenerationPlan:
    """Create every location of the pattern in the session's transaction (all or nothing);
    returns the plan that was carried out."""
    actor.require(Perm.LOCATIONS_EDIT)
    plan = plan_locations(session, pattern, skip_existing=skip_existing)
    wh_code = pattern.warehouse
    ids: dict[str, int] = dict(session.execute(select(Location.code, Location.id).where(
        Location.warehouse_id == plan.warehouse_id,
        Location.code.in_(plan.reused or [""]))).all())
    # Parents first, one kind at a time, so each level can point at the ids just written.
    for kind in (LocationKind.ZONE, LocationKind.AISLE, LocationKind.RACK, LocationKind.BIN):
        rows = [{"warehouse_id": plan.warehouse_id, "parent_id": ids.get(n.parent),
                 "code": n.code, "name": "", "kind": kind, "type": pattern.type,
                 "zone": pattern.zone, "walk_seq": n.walk_seq,
                 "barcode": (pattern.barcode_prefix + n.code if kind == LocationKind.BIN
                             else _structural_barcode(wh_code, n.code)),
                 "blocked": False, "blocked_reason": "", "capacity": None, "active": True}
                for n in plan.to_create if n.kind == kind]
        for start in range(0, len(rows), _CHUNK):
            session.execute(insert(Location), rows[start:start + _CHUNK])
        if rows and kind != LocationKind.BIN:
            codes = [r["code"] for r in rows]
            ids.update(session.execute(select(Location.code, Location.id).where(
                Location.warehouse_id == plan.warehouse_id,
                Location.code.in_(codes))).all())
    audit.record(session, actor, "location.generate", entity="warehouse",
                 entity_id=plan.warehouse_id, aisles=pattern.aisles, racks=pattern.racks,
                 levels=pattern.levels, created=len(plan.to_create),
                 skipped=len(plan.skipped))
    return plan
