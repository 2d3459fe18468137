"""The catalogue and shops the sales order tests import into."""
# ShopInput and save_shop are re-exported for the tests that add a shop of their own.

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session

from models.actor import Actor
from models.sales.shops import ShopInput, save_shop
from tests import factories as f

__all__ = ["ORDERS", "SHOPS", "ShopInput", "base", "save_shop"]

ORDERS = Path(__file__).resolve().parents[1] / "data" / "orders"

#: Shop code -> platform: one shop per platform.
SHOPS = {"TMALL": "taobao", "JD": "jd", "PDD": "pinduoduo", "DOUYIN": "douyin",
         "SHOPIFY": "shopify", "AMAZON": "amazon"}


def base(session: Session, actor: Actor) -> None:
    """Five products (the tea cups known by their barcode only) and one shop per platform."""
    for sku in ("TEA-001", "TEA-002", "TEA-003", "ACC-001"):
        f.product(session, sku)
    f.product(session, "CUP-001", barcode="6923456000029")
    for code, platform in SHOPS.items():
        save_shop(session, actor, ShopInput(code, f"Shop {code}", platform))
