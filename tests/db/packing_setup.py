"""Picked orders at the packing table, for the packing tests: the picking site (see
picking_setup, with its carriers SF for TMALL's orders, manual entry, and EMS for JD's, a number
pool) with weights (TEA 250 g, CUP 300 g), and users pat (packer) and sam (supervisor)."""

from __future__ import annotations

from models.actor import Actor
from models.db import Database
from models.entities import Product
from models.picking.workflow import PickingWorkflow
from models.sales.shops import ShopInput, save_shop
from models.users import authenticate, create_user
from tests.db import picking_setup as setup
from tests.db.picking_setup import CUP_EAN, MILK_GTIN, TEA_EAN

EANS = {"TEA": TEA_EAN, "CUP": CUP_EAN, "MILK": MILK_GTIN}  # a plain GTIN picks the lot shown


def packing_site(db: Database, actor: Actor) -> setup.Site:
    """The stocked picking site, weighed products and the two users."""
    ids = setup.stocked_site(db, actor)
    with db.write() as s:
        s.get(Product, ids["TEA"]).weight_g = 250
        s.get(Product, ids["CUP"]).weight_g = 300
        save_shop(s, actor, ShopInput("TMALL", "Tea House 茶舍", "taobao",
                                      sender_phone="021-55501234"))
        create_user(s, actor, username="pat", password="pack-1234", role="packer")
        create_user(s, actor, username="sam", password="approve-1", role="supervisor")
    return ids


def user(db: Database, name: str, password: str) -> Actor:
    """A signed-in user at 'test-ws'."""
    with db.read() as s:
        return authenticate(s, name, password, "test-ws")


def picked_order(db: Database, actor: Actor, number: str, lines: list[tuple[str, int]], *,
                 shop: str = "TMALL", tote: str | None = None) -> int:
    """An order approved, planned in a wave of its own and picked into `tote`."""
    order_id = setup.order(db, actor, number, lines, shop=shop)
    setup.approve(db, actor)
    [wave] = setup.plan(db, actor)
    flow = PickingWorkflow(db, actor)
    for raw in (wave.code, tote or f"TOTE-{number}"):
        assert flow.scan(raw).level == "ok"
    while (row := flow.next_row()) is not None:
        assert flow.scan(row.location).level == "ok"
        assert flow.enter(str(row.qty - row.picked)).level == "ok"
        fb = flow.scan(EANS[row.sku])
        assert fb.level == "ok", fb.message
    assert setup.status(db, order_id) == "picked"
    return order_id
