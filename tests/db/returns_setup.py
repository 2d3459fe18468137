"""Shipped orders coming back, for the returns tests: the packing site (see packing_setup)
with a returns table RET and a quarantine cage QUAR in WH1, and users rita (a receiver, who
may not scrap) and sam (supervisor)."""

from __future__ import annotations

from decimal import Decimal

from models.actor import Actor
from models.db import Database
from models.entities import LocationType, Warehouse
from models.packing.batch import pack_order
from models.users import create_user
from tests import factories as f
from tests.db import packing_setup as pk
from tests.db import picking_setup as setup


def returns_site(db: Database, actor: Actor) -> setup.Site:
    """The packing site with RET and QUAR, and the user rita."""
    ids = pk.packing_site(db, actor)
    with db.write() as s:
        wh = s.get(Warehouse, ids["WH1"])
        ids.ids["RET"] = f.bin_(s, wh, "RET", LocationType.RETURNS).id
        ids.ids["QUAR"] = f.bin_(s, wh, "QUAR", LocationType.QUARANTINE).id
        create_user(s, actor, username="rita", password="return-12", role="receiver")
    return ids


def shipped_order(db: Database, actor: Actor, number: str, lines: list[tuple[str, int]], *,
                  tracking: str) -> int:
    """An order picked and shipped by SF with this tracking number."""
    order_id = pk.picked_order(db, actor, number, lines)
    db.transact(lambda s: pack_order(s, actor, order_id=order_id, weight_kg=Decimal("1.000"),
                                     typed=tracking))
    assert setup.status(db, order_id) == "shipped"
    return order_id
