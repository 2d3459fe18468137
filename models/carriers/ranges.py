"""Tracking-number ranges of a number-pool carrier: added by hand or imported from the file the
carrier sent, checked against the carrier's check-digit rule and against the ranges it has
already (no number may be handed out twice), and used up one number at a time."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from models import audit
from models.actor import Actor
from models.carriers.carriers import carrier_by_code
from models.carriers.check_digits import RULES, with_check_digit
from models.entities import Carrier, CarrierKind, TrackingRange
from models.errors import InputError
from models.masterdata.cells import cell_text
from models.masterdata.import_report import ImportFailed, ImportReport
from models.masterdata.table_reading import read_table
from models.permissions import Perm

RANGE_COLUMNS = ("prefix", "first", "last", "suffix")
#: Tries before giving up when other workstations keep taking the last numbers of a range.
_TAKE_TRIES = 5


@dataclass(frozen=True)
class RangeInput:
    """Serials `first` to `last` (digits; their length is the width), with prefix and suffix."""

    prefix: str
    first: str
    last: str
    suffix: str = ""


def number_of(prefix: str, serial: int, width: int, suffix: str, rule: str) -> str:
    """The tracking number for one serial of a range."""
    body = f"{prefix}{serial:0{width}d}"
    if rule == "s10":
        return with_check_digit(rule, body + suffix)
    return with_check_digit(rule, body) + suffix


def _problems(carrier: Carrier, spec: RangeInput) -> list[str]:
    problems = []
    prefix, suffix = spec.prefix.strip().upper(), spec.suffix.strip().upper()
    first, last = spec.first.strip(), spec.last.strip()
    if not (first.isdigit() and last.isdigit()):
        return [f"First and last are the serials in digits, not '{first}' and '{last}'"]
    if len(first) != len(last):
        return [f"First ({first}) and last ({last}) have different numbers of digits"]
    if int(first) > int(last):
        return [f"First ({first}) comes after last ({last})"]
    rule = RULES[carrier.check_rule]
    for serial in (int(first), int(last)):
        problem = rule.problem(number_of(prefix, serial, len(first), suffix, carrier.check_rule))
        if problem is not None:
            problems.append(f"Not a number of {carrier.code}: {problem.rstrip('.')}")
            break
    return problems


def _overlap(session: Session, carrier: Carrier, prefix: str, suffix: str, width: int,
             first: int, last: int) -> TrackingRange | None:
    return session.scalar(select(TrackingRange).where(
        TrackingRange.carrier_id == carrier.id, TrackingRange.prefix == prefix,
        TrackingRange.suffix == suffix, TrackingRange.width == width,
        TrackingRange.first_serial <= last, TrackingRange.last_serial >= first))


def _pool_carrier(session: Session, actor: Actor, code: str) -> Carrier:
    actor.require(Perm.CARRIERS_EDIT)
    carrier = carrier_by_code(session, code)
    if carrier.kind != CarrierKind.POOL:
        raise InputError(f"Carrier {carrier.code} takes numbers typed or scanned from its own "
                         "waybills: it has no number ranges.")
    return carrier


def add_range(session: Session, actor: Actor, *, carrier: str, spec: RangeInput
              ) -> TrackingRange:
    """Add one range to a number-pool carrier."""
    pool = _pool_carrier(session, actor, carrier)
    return _add_checked(session, actor, pool, spec)


def _add_checked(session: Session, actor: Actor, carrier: Carrier, spec: RangeInput
                 ) -> TrackingRange:
    problems = _problems(carrier, spec)
    if problems:
        raise InputError(f"{'; '.join(problems)}.")
    prefix, suffix = spec.prefix.strip().upper(), spec.suffix.strip().upper()
    width, first, last = len(spec.first.strip()), int(spec.first), int(spec.last)
    clash = _overlap(session, carrier, prefix, suffix, width, first, last)
    if clash is not None:
        raise InputError(f"The numbers overlap the range "
                         f"{_describe(carrier, clash)} that {carrier.code} has already.")
    added = TrackingRange(carrier_id=carrier.id, prefix=prefix, suffix=suffix, width=width,
                          first_serial=first, last_serial=last, next_serial=first)
    session.add(added)
    session.flush()
    audit.record(session, actor, "carrier.range", entity="carrier", entity_id=carrier.code,
                 range=_describe(carrier, added), numbers=last - first + 1)
    return added


def _describe(carrier: Carrier, found: TrackingRange) -> str:
    def number(serial: int) -> str:
        return number_of(found.prefix, serial, found.width, found.suffix, carrier.check_rule)
    return f"{number(found.first_serial)} to {number(found.last_serial)}"


def import_ranges(session: Session, actor: Actor, *, carrier: str, path: Path) -> ImportReport:
    """Add every range of a CSV/XLSX file (prefix, first, last, suffix): all or nothing, each
    bad row reported with its line."""
    pool = _pool_carrier(session, actor, carrier)
    report = ImportReport(file=path.name)
    rows = read_table(path, known=RANGE_COLUMNS, required=("first", "last"))
    for row in rows:
        report.rows += 1
        spec = RangeInput(*(cell_text(row.cells.get(c)) for c in RANGE_COLUMNS))
        try:
            with session.begin_nested():
                _add_checked(session, actor, pool, spec)
            report.created += 1
        except InputError as exc:
            report.add_error(row.line, f"{spec.first}-{spec.last}", [str(exc).rstrip(".")])
    if report.errors:
        raise ImportFailed(report)
    return report


def take_number(session: Session, carrier: Carrier) -> str:
    """The next unused number of the carrier's oldest range that has numbers left.

    The conditional UPDATE hands each serial to one transaction only: a workstation that
    loses the race for a range's last number moves on to the next range.
    """
    for _ in range(_TAKE_TRIES):
        found = session.scalar(select(TrackingRange).where(
            TrackingRange.carrier_id == carrier.id,
            TrackingRange.next_serial <= TrackingRange.last_serial)
            .order_by(TrackingRange.id).limit(1))
        if found is None:
            break
        taken = session.execute(
            update(TrackingRange)
            .where(TrackingRange.id == found.id,
                   TrackingRange.next_serial <= TrackingRange.last_serial)
            .values(next_serial=TrackingRange.next_serial + 1)
            .returning(TrackingRange.next_serial - 1)
            .execution_options(synchronize_session=False)).scalar()
        if taken is not None:
            return number_of(found.prefix, taken, found.width, found.suffix,
                             carrier.check_rule)
    raise InputError(f"Carrier {carrier.code} has no tracking numbers left: import the next "
                     "range it sent (`waredesk carrier import`).")
