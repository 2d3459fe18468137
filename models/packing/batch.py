"""Packing an order in the back office (`waredesk pack`), when its items were checked
elsewhere (a packing table without WareDesk, a wholesale pallet): the weight is still checked
against the expected one, the tracking number taken from the carrier, and the order shipped
as on the packing screen. A weight outside the tolerance ships only for a user who holds the
packing override, and the shipment names them as the approver."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy.orm import Session

from models.actor import Actor
from models.carriers.tracking import give_tracking
from models.entities import SalesOrder, SalesOrderStatus
from models.errors import InputError, NotFound
from models.figures import plain
from models.packing import parcel
from models.packing.weights import expected_weight, weight_rule
from models.permissions import Perm


@dataclass(frozen=True)
class Packed:
    """What `pack_order` did."""

    number: str
    carrier: str
    tracking: str
    weight_kg: Decimal
    expected: str  # "0.55 kg (0.495–0.605)"
    note: str = ""  # why the weight was not checked, or who let it go


def pack_order(session: Session, actor: Actor, *, order_id: int, weight_kg: Decimal,
               typed: str | None = None) -> Packed:
    """Weigh-check, give a tracking number to and ship a picked order."""
    actor.require(Perm.STOCK_MOVE)
    order = session.get(SalesOrder, order_id, with_for_update=True)
    if order is None:
        raise NotFound(f"There is no order #{order_id}.")
    if order.status != SalesOrderStatus.PICKED:
        raise InputError(parcel.describe_status(order))
    items = parcel.parcel_items(session, order.id)
    expected = expected_weight(weight_rule(session), [(i.sku, i.weight_g, i.qty)
                                                      for i in items])
    note, approved_by = "", None
    if expected.unweighed:
        note = f"not checked: {', '.join(expected.unweighed)} has no weight"
    elif not expected.fits(weight_kg):
        if not actor.can(Perm.PACK_OVERRIDE):
            raise InputError(f"{plain(weight_kg)} kg is outside the expected "
                             f"{expected.describe()}: check the parcel and weigh again, or a "
                             "supervisor packs it.")
        note, approved_by = f"outside the tolerance, approved by {actor.username}", \
            actor.user_id
    number = give_tracking(session, actor, order, typed=typed)
    parcel.ship(session, actor, order, weight_kg=weight_kg, expected_kg=expected.kg,
                approved_by=approved_by)
    return Packed(order.number, order.carrier or "", number, weight_kg, expected.describe(),
                  note)
