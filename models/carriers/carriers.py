"""Keeping carriers: their code (as the review rules and orders name them), how their tracking
numbers come about, and the check-digit rule those numbers follow."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models import audit
from models.actor import Actor
from models.carriers.check_digits import RULES
from models.entities import Carrier, CarrierKind, TrackingRange
from models.errors import InputError, NotFound
from models.permissions import Perm


@dataclass(frozen=True)
class CarrierRow:
    """A carrier as the carrier list shows it."""

    code: str
    name: str
    kind: str
    check_rule: str
    active: bool
    numbers_left: int
    upload_name: str = ""


def add_carrier(session: Session, actor: Actor, *, code: str, name: str, kind: str,
                check_rule: str = "none", upload_name: str = "") -> Carrier:
    """Create a carrier; its code is upper case, as on the waybill."""
    actor.require(Perm.CARRIERS_EDIT)
    code = code.strip().upper()
    if not code or len(code) > 32 or not code.replace("-", "").isalnum():
        raise InputError(f"A carrier code is 1 to 32 letters and digits, not '{code}'.")
    if not name.strip():
        raise InputError("A carrier needs a name.")
    if kind not in tuple(CarrierKind):
        raise InputError(f"A carrier's kind is pool (numbers from its ranges) or manual "
                         f"(typed or scanned), not '{kind}'.")
    if check_rule not in RULES:
        raise InputError(f"There is no check-digit rule '{check_rule}'; the rules are "
                         f"{', '.join(RULES)}.")
    if session.scalar(select(Carrier.id).where(Carrier.code == code)) is not None:
        raise InputError(f"Carrier {code} exists already.")
    carrier = Carrier(code=code, name=name.strip(), kind=kind, check_rule=check_rule,
                      upload_name=_upload_name(upload_name))
    session.add(carrier)
    session.flush()
    audit.record(session, actor, "carrier.add", entity="carrier", entity_id=code, kind=kind,
                 check_rule=check_rule)
    return carrier


def _upload_name(name: str) -> str:
    name = name.strip()
    if len(name) > 64:
        raise InputError("A carrier's name on the platforms' uploads is at most 64 characters.")
    return name


def set_upload_name(session: Session, actor: Actor, *, code: str, upload_name: str) -> Carrier:
    """Name the carrier as the Chinese platforms' bulk-shipping uploads do (empty: by its
    own name)."""
    actor.require(Perm.CARRIERS_EDIT)
    carrier = carrier_by_code(session, code)
    carrier.upload_name = _upload_name(upload_name)
    audit.record(session, actor, "carrier.upload_name", entity="carrier",
                 entity_id=carrier.code, upload_name=carrier.upload_name)
    return carrier


def carrier_by_code(session: Session, code: str) -> Carrier:
    """The carrier with `code`; NotFound naming the carriers there are."""
    carrier = session.scalar(select(Carrier).where(Carrier.code == code.strip().upper()))
    if carrier is None:
        known = session.scalars(select(Carrier.code).order_by(Carrier.code)).all()
        raise NotFound(f"There is no carrier {code.strip().upper()} (carriers: "
                       f"{', '.join(known) or 'none yet'}); add it with `waredesk carrier "
                       "add`.")
    return carrier


def list_carriers(session: Session) -> list[CarrierRow]:
    """Every carrier with the numbers its ranges have left."""
    left = (select(TrackingRange.carrier_id,
                   func.sum(TrackingRange.last_serial + 1 - TrackingRange.next_serial)
                   .label("left"))
            .group_by(TrackingRange.carrier_id).subquery())
    rows = session.execute(
        select(Carrier, func.coalesce(left.c.left, 0))
        .outerjoin(left, left.c.carrier_id == Carrier.id).order_by(Carrier.code)).all()
    return [CarrierRow(c.code, c.name, c.kind, c.check_rule, c.active, int(n), c.upload_name)
            for c, n in rows]
