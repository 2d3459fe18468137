"""`seed_demo`: the whole demo (warehouse, products, opening stock) in one transaction, into a
database that holds no products yet."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models import audit
from models.actor import Actor
from models.demo.carriers import seed_carriers
from models.demo.catalog import demo_products
from models.demo.opening_stock import post_opening_stock
from models.demo.purchasing import seed_purchasing
from models.demo.review_rules import seed_review_rules
from models.demo.shops import seed_shops
from models.demo.site import WAREHOUSE, build_site, warehouse_exists
from models.entities import Location, LocationKind, Product
from models.errors import InputError
from models.masterdata.products import save_product
from models.permissions import Perm


@dataclass(frozen=True)
class DemoSummary:
    """What the demo added."""

    warehouse: str
    bins: int
    products: int
    moves: int
    shops: int = 0


def product_count(session: Session) -> int:
    """How many products the database holds."""
    return session.scalar(select(func.count()).select_from(Product)) or 0


def seed_demo(session: Session, actor: Actor, *, today: date) -> DemoSummary:
    """Add the demo warehouse WH1, its products, opening stock and shops; refuses a database that
    already holds products or a warehouse WH1. Expiry dates are set relative to `today`."""
    actor.require(Perm.PRODUCTS_EDIT)
    actor.require(Perm.LOCATIONS_EDIT)
    actor.require(Perm.STOCK_MOVE)
    existing = product_count(session)
    if existing:
        raise InputError(f"This database already holds {existing} products; demo data goes "
                         "only into an empty one.")
    if warehouse_exists(session):
        raise InputError(f"This database already has a warehouse {WAREHOUSE}; demo data goes "
                         "only into an empty one.")
    site = build_site(session, actor)
    products = [save_product(session, actor, data) for data in demo_products()]
    posting = post_opening_stock(session, actor, site, products, today=today)
    seed_purchasing(session, actor, site, today=today)
    shops = seed_shops(session, actor)
    seed_carriers(session, actor)
    seed_review_rules(session, actor)
    bins = session.scalar(select(func.count()).select_from(Location).where(
        Location.warehouse_id == site.warehouse_id, Location.kind == LocationKind.BIN)) or 0
    audit.record(session, actor, "demo.seed", entity="warehouse", entity_id=site.warehouse_id,
                 products=len(products), moves=posting.move_count)
    return DemoSummary(WAREHOUSE, bins, len(products), posting.move_count, shops)
