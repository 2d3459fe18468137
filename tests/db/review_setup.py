"""A warehouse, products with stock and a shop, for the order review tests; orders and rules
made in one call each."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from models.actor import Actor
from models.carriers.carriers import add_carrier
from models.db import Database
from models.entities import Location, LocationType, Quant, SalesOrder, Tracking
from models.ledger import verify
from models.sales.order_views import order_by_number
from models.sales.orders import OrderInput, OrderLineInput, save_order
from models.sales.rules import add_rule
from models.sales.shops import ShopInput, save_shop
from tests import factories as f

TODAY = date.today()


def site(db: Database, actor: Actor) -> dict[str, int]:
    """WH1 with bins A-01 and A-02 (storage), P-01 (pick face), a receiving dock, a
    quarantine bin and bin B-01 (to block); TEA-001 (plain) and MILK-001 (expiry-tracked lots);
    shops TMALL and JD. Returns ids by name."""
    def work(s: Session) -> dict[str, int]:
        wh = f.warehouse(s)
        ids = {"WH1": wh.id}
        for code, kind in (("A-01", LocationType.STORAGE), ("A-02", LocationType.STORAGE),
                           ("P-01", LocationType.PICK_FACE), ("DOCK", LocationType.RECEIVING),
                           ("Q-01", LocationType.QUARANTINE)):
            ids[code] = f.bin_(s, wh, code, kind).id
        ids["BLOCKED"] = f.bin_(s, wh, "B-01").id
        ids["TEA-001"] = f.product(s, "TEA-001").id
        milk = f.product(s, "MILK-001", tracking=Tracking.LOT, expiry=True)
        ids["MILK-001"] = milk.id
        for number, days in (("L-LATE", 90), ("L-SOON", 10), ("L-GONE", -1)):
            ids[number] = f.lot(s, milk, number, TODAY + timedelta(days=days)).id
        for code, platform in (("TMALL", "taobao"), ("JD", "jd")):
            save_shop(s, actor, ShopInput(code, f"Shop {code}", platform))
        return ids
    return db.transact(work)


def order(db: Database, actor: Actor, number: str, lines: list[tuple[str, int]], *,
          shop: str = "TMALL", price: str = "10.00", **fields: Any) -> int:
    """Save a new order (to a full address unless told otherwise); returns its id."""
    address = {"recipient": "王小明", "phone": "13812345678", "city": "杭州市",
               "street": "文三路 100号"}
    fields = {**address, **fields}
    data = OrderInput(number=number, ordered_at=datetime(2026, 11, 11, tzinfo=UTC),
                      lines=tuple(OrderLineInput(sku, sku, qty, Decimal(price))
                                  for sku, qty in lines), **fields)
    return db.transact(lambda s: save_order(s, actor, shop, data).id)


def carriers(db: Database, actor: Actor, *codes: str) -> None:
    """Carriers (by their own waybills) the rules may name."""
    db.transact(lambda s: [add_carrier(s, actor, code=code, name=f"Carrier {code}",
                                       kind="manual") for code in codes])


def rule(db: Database, actor: Actor, name: str, conditions: dict, actions: dict,
         **options: Any) -> None:
    """Add a review rule at the end of the list."""
    db.transact(lambda s: add_rule(s, actor, name=name, conditions=conditions,
                                   actions=actions, **options))


def status(db: Database, number: str, shop: str = "TMALL") -> tuple[str, str]:
    """The order's status and the reason it shows."""
    with db.read() as s:
        o = order_by_number(s, shop, number)
        return o.status, o.exception_reason or o.hold_reason


def reserved(db: Database) -> dict[tuple[int, int | None], int]:
    """Units reserved per (location, lot), where any are."""
    with db.read() as s:
        return {(q.location_id, q.lot_id): q.reserved
                for q in s.scalars(select(Quant).where(Quant.reserved > 0))}


def clean(db: Database) -> bool:
    """True when verify finds nothing wrong."""
    with db.read() as s:
        return verify(s) == []


def order_row(db: Database, number: str, shop: str = "TMALL") -> SalesOrder:
    """The order, detached."""
    with db.read() as s:
        o = order_by_number(s, shop, number)
        s.expunge(o)
        return o


def block(db: Database, location_id: int) -> None:
    """Block a location as a count does."""
    db.transact(lambda s: s.execute(update(Location).where(Location.id == location_id).values(
        blocked=True, blocked_reason="count")))
