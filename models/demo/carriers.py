"""Demo carriers: SF Express by its own waybills (the default of the demo's review rules) and
EMS from a range of numbers (remote regions), so an approved demo order gets a tracking
number (`waredesk order tracking NUMBER`)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from models.actor import Actor
from models.carriers.carriers import add_carrier
from models.carriers.ranges import RangeInput, add_range


def seed_carriers(session: Session, actor: Actor) -> int:
    """Add the demo carriers; returns how many."""
    add_carrier(session, actor, code="SF", name="SF Express 顺丰速运", kind="manual",
                upload_name="顺丰速运")
    add_carrier(session, actor, code="EMS", name="China EMS 中国邮政速递", kind="pool",
                check_rule="s10", upload_name="EMS")
    add_range(session, actor, carrier="EMS", spec=RangeInput("EA", "10000000", "10009999", "CN"))
    return 2
