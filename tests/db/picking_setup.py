"""A warehouse laid out for picking, and approved orders, for the wave and picking tests.

WH1: zone ZA bins A-01 (walk 10), A-02 (walk 20), zone ZB bin B-01 (walk 30) and B-02 (walk
40, a pick face), the packing table PACK. TEA (EAN, and a case of 6), CUP (EAN), MILK
(lot-tracked, expiry-tracked, GTIN). Shops TMALL and JD; the review approves TMALL orders for
SF (by its own waybills) and JD orders for EMS (a number pool)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import func, select

from models.actor import Actor
from models.carriers.carriers import add_carrier
from models.carriers.ranges import RangeInput, add_range
from models.db import Database
from models.entities import LocationType, Quant, SalesOrder, StockMove, Tracking
from models.feedback import Level
from models.gtin import check_digit
from models.ledger import verify
from models.picking.planning import WaveRules, plan_waves
from models.sales.orders import OrderInput, OrderLineInput, save_order
from models.sales.review import review_orders
from models.sales.rules import add_rule
from models.sales.shops import ShopInput, save_shop
from tests import factories as f


def ean(body: str) -> str:
    """An EAN-13 with its check digit."""
    return body + str(check_digit(body))


TEA_EAN = ean("690123456789")
TEA_CASE = ean("690123456790")  # a case of 6
CUP_EAN = ean("690123456800")
MILK_GTIN = "09501101530003"
TODAY = date.today()


@dataclass
class Site:
    """Ids by name."""

    ids: dict[str, int]

    def __getitem__(self, name: str) -> int:
        return self.ids[name]


def site(db: Database, actor: Actor) -> Site:
    """The warehouse, products and shops; no stock."""
    with db.write() as s:
        wh = f.warehouse(s)
        ids = {"WH1": wh.id}
        for code, zone, walk, kind in (("B-02", "ZB", 40, LocationType.PICK_FACE),
                                       ("A-02", "ZA", 20, LocationType.STORAGE),
                                       ("B-01", "ZB", 30, LocationType.STORAGE),
                                       ("A-01", "ZA", 10, LocationType.STORAGE),
                                       ("PACK", "", 0, LocationType.PACKING)):
            ids[code] = f.bin_(s, wh, code, kind, zone=zone, walk_seq=walk).id
        tea = f.product(s, "TEA", barcode=TEA_EAN)
        f.barcode(s, tea, TEA_CASE, pack=6)
        ids["TEA"] = tea.id
        ids["CUP"] = f.product(s, "CUP", barcode=CUP_EAN).id
        milk = f.product(s, "MILK", tracking=Tracking.LOT, expiry=True, barcode=MILK_GTIN)
        ids["MILK"] = milk.id
        for number, days in (("L-SOON", 10), ("L-LATE", 90)):
            ids[number] = f.lot(s, milk, number, TODAY + timedelta(days=days)).id
    for code, platform in (("TMALL", "taobao"), ("JD", "jd")):
        db.transact(lambda s, c=code, p=platform: save_shop(s, actor, ShopInput(c, f"Shop {c}",
                                                                                p)))
    with db.write() as s:
        add_carrier(s, actor, code="SF", name="SF Express 顺丰速运", kind="manual")
        add_carrier(s, actor, code="EMS", name="China EMS", kind="pool", check_rule="s10")
        add_range(s, actor, carrier="EMS", spec=RangeInput("EA", "10000000", "10000099", "CN"))
    db.transact(lambda s: add_rule(s, actor, name="JD by EMS", conditions={"shops": ["JD"]},
                                   actions={"decision": "approve", "carrier": "EMS",
                                            "warehouse": "WH1"}))
    db.transact(lambda s: add_rule(s, actor, name="Rest by SF", conditions={},
                                   actions={"decision": "approve", "carrier": "SF",
                                            "warehouse": "WH1"}))
    return Site(ids)


def stocked_site(db: Database, actor: Actor, units: int = 10) -> Site:
    """The site with `units` TEA in A-01 and `units` CUP in B-01."""
    ids = site(db, actor)
    f.stock_in(db, actor, ids["TEA"], ids["A-01"], units)
    f.stock_in(db, actor, ids["CUP"], ids["B-01"], units)
    return ids


def order(db: Database, actor: Actor, number: str, lines: list[tuple[str, int]], *,
          shop: str = "TMALL", hour: int = 9, paid_hour: int | None = None,
          priority: int = 0) -> int:
    """A new order, ordered on 2026-11-11 at `hour`; returns its id."""
    data = OrderInput(number=number, ordered_at=datetime(2026, 11, 11, hour, tzinfo=UTC),
                      paid_at=(datetime(2026, 11, 11, paid_hour, tzinfo=UTC)
                               if paid_hour is not None else None),
                      recipient="王小明", phone="13812345678", city="杭州市",
                      street="文三路 100号",
                      lines=tuple(OrderLineInput(sku, sku, qty, Decimal("10.00"))
                                  for sku, qty in lines))
    order_id = db.transact(lambda s: save_order(s, actor, shop, data).id)
    if priority:
        with db.write() as s:
            s.get(SalesOrder, order_id).priority = priority
    return order_id


def scan_ok(flow, *scans: str):
    """Scan each in turn, each answered OK; returns the last feedback."""
    for raw in scans:
        fb = flow.scan(raw)
        assert fb.level is Level.OK, (raw, fb.message)
    return fb


def approve(db: Database, actor: Actor) -> None:
    """Review every new order by the rules (reserving their stock)."""
    db.transact(lambda s: review_orders(s, actor))


def plan(db: Database, actor: Actor, **rules) -> list:
    """Plan waves of WH1."""
    return db.transact(lambda s: plan_waves(s, actor, WaveRules("WH1", **rules)))


def quants(db: Database, product_id: int) -> dict[tuple[int, int | None], tuple[int, int]]:
    """(on hand, reserved) of a product per (location, lot) where any is."""
    with db.read() as s:
        return {(q.location_id, q.lot_id): (q.on_hand, q.reserved)
                for q in s.scalars(select(Quant).where(Quant.on_hand > 0,
                                                       Quant.product_id == product_id))}


def status(db: Database, order_id: int) -> str:
    """The order's status."""
    with db.read() as s:
        return s.get(SalesOrder, order_id).status


def moves(db: Database) -> int:
    """Ledger rows."""
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(StockMove))


def clean(db: Database) -> bool:
    """True when verify finds nothing wrong."""
    with db.read() as s:
        return verify(s) == []
