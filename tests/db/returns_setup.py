"""Shipped orders coming back, for the returns tests: the packing site (see packing_setup)
with a returns table RET and a quarantine cage QUAR in WH1, and users rita (a receiver, who
may not scrap) and sam (supervisor); cameras CAM tracked by serial number."""

from __future__ import annotations

from decimal import Decimal

from models.actor import Actor
from models.db import Database
from models.entities import LocationType, Tracking, Warehouse
from models.packing.batch import pack_order
from models.picking.workflow import PickingWorkflow
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


CAM_EAN = setup.ean("690123456811")


def cam_label(serial: str) -> str:
    """A camera's GS1 unit label: its GTIN and serial (21)."""
    return f"010{CAM_EAN}21{serial}"


def shipped_cameras(db: Database, actor: Actor, site: setup.Site, number: str, *,
                    tracking: str) -> tuple[int, int]:
    """Cameras S-1, S-2 and S-3 stocked in B-02; an order of two picked as S-1 and S-2 and
    shipped by SF with this tracking number. Returns the order's and the camera's ids."""
    with db.write() as s:
        cam = f.product(s, "CAM", tracking=Tracking.SERIAL, barcode=CAM_EAN)
        serials = [f.serial(s, cam, number).id for number in ("S-1", "S-2", "S-3")]
        cam_id = cam.id
    for serial_id in serials:
        f.serial_in(db, actor, cam_id, site["B-02"], serial_id)
    order_id = setup.order(db, actor, number, [("CAM", 2)])
    setup.approve(db, actor)
    [wave] = setup.plan(db, actor)
    flow = PickingWorkflow(db, actor)
    for raw in (wave.code, f"TOTE-{number}", "B-02", cam_label("S-1"), cam_label("S-2")):
        assert flow.scan(raw).level == "ok", raw
    db.transact(lambda s: pack_order(s, actor, order_id=order_id, weight_kg=Decimal("1.000"),
                                     typed=tracking))
    assert setup.status(db, order_id) == "shipped"
    return order_id, cam_id
