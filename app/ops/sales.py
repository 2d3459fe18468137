"""Finding, entering, importing and reviewing sales orders, and keeping shops, for the Sales
orders page."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from app.ops.sessions import reading, writing
from app.runner import Op, Progress
from models.actor import Actor
from models.db import Database
from models.sales import orders, shops
from models.sales.order_decisions import ACTIONS
from models.sales.order_import import OrderImportReport, import_sales_orders
from models.sales.order_pages import OrderDetail, PageKey, order_detail, order_page
from models.sales.order_rows import order_from_values
from models.sales.order_views import OrderRow
from models.sales.review import ReviewSummary, review_orders

CHANGES = {"sales"}


@dataclass(frozen=True)
class ShopRow:
    """A shop as the pickers and the shop list show it."""

    code: str
    name: str
    platform: str
    active: bool
    sender_phone: str = ""
    sender_address: str = ""


@dataclass(frozen=True)
class SavedOrder:
    """An order as it is stored after a save."""

    id: int
    data: OrderDetail


def list_orders(*, text: str, shop: str, status: str,
                after: PageKey | None) -> Op[list[OrderRow]]:
    """The next page of orders matching the search and the shop and status filters."""
    return Op.query(reading(lambda s: order_page(s, text, shop=shop, status=status,
                                                 after=after)))


def load_order(*, order_id: int) -> Op[OrderDetail]:
    """An order with its lines and the products they matched."""
    return Op.query(reading(lambda s: order_detail(s, order_id)))


def save_order(*, actor: Actor, shop: str, values: Mapping[str, Any]) -> Op[SavedOrder]:
    """Create or update (while it is new) the shop's order typed into the editor; times
    without a zone are this computer's. Fails with ValidationFailed naming every bad
    value."""
    def change(session: Session) -> SavedOrder:
        zone = datetime.now().astimezone().tzinfo
        assert zone is not None
        data = order_from_values(values, zone=zone)
        order = orders.save_order(session, actor, shop, data)
        return SavedOrder(order.id, order_detail(session, order.id))
    return Op.change(writing(change), changes=CHANGES)


def import_orders(*, actor: Actor, path: Path, shop: str,
                  profile: str | None) -> Op[OrderImportReport]:
    """Import a shop's order export (profile None: recognised from its columns); fails with
    ImportFailed listing every bad row, having saved nothing."""
    def work(db: Database, progress: Progress) -> OrderImportReport:
        return db.transact(lambda s: import_sales_orders(
            s, actor, path, shop=shop, profile=profile,
            progress=lambda rows: progress.update("", rows, 0)), attempts=1)
    return Op.change(work, changes=CHANGES)


def list_shops() -> Op[list[ShopRow]]:
    """Every shop, by code."""
    return Op.query(reading(lambda s: [
        ShopRow(shop.code, shop.name, shop.platform, shop.active, shop.sender_phone,
                shop.sender_address) for shop in shops.shop_list(s)]))


def save_shop(*, actor: Actor, code: str, name: str, platform: str, sender_phone: str = "",
              sender_address: str = "") -> Op[str]:
    """Create the shop (or update the one with this code); answers its code."""
    data = shops.ShopInput(code.strip().upper(), name, platform,
                           sender_phone=sender_phone, sender_address=sender_address)
    return Op.change(writing(lambda s: shops.save_shop(s, actor, data).code),
                     changes=CHANGES)


def review_new_orders(*, actor: Actor, shop: str) -> Op[ReviewSummary]:
    """Review every new order (of one shop, or all) by the rules; approved ones get their
    stock reserved."""
    return Op.change(writing(lambda s: review_orders(s, actor, shop=shop)), changes=CHANGES)


def decide_orders(*, actor: Actor, action: str, order_ids: list[int],
                  reason: str = "") -> Op[ReviewSummary]:
    """Retry, release, approve, hold or cancel the orders (the exceptions queue's actions)."""
    options = {"reason": reason} if action in ("hold", "cancel") else {}
    return Op.change(writing(lambda s: ACTIONS[action](s, actor, order_ids=order_ids,
                                                       **options)), changes=CHANGES)
