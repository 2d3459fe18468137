"""Demo shops: one per platform, so each sample export under tests/data/orders/ has a shop
to be imported into (`waredesk order import FILE --shop TMALL`)."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy.orm import Session

from models.actor import Actor
from models.entities import Platform
from models.sales.shops import ShopInput, save_shop

SHOPS = [
    ShopInput("TMALL", "Tea House Tmall flagship 茶舍天猫旗舰店", Platform.TAOBAO),
    ShopInput("JD", "Tea House JD self-run 茶舍京东店", Platform.JD),
    ShopInput("PDD", "Tea House Pinduoduo 茶舍拼多多店", Platform.PINDUODUO),
    ShopInput("DOUYIN", "Tea House Douyin shop 茶舍抖音小店", Platform.DOUYIN),
    ShopInput("SHOPIFY", "Tea House online store (Shopify)", Platform.SHOPIFY),
    ShopInput("AMAZON", "Tea House Amazon US", Platform.AMAZON),
    ShopInput("WHOLESALE", "Wholesale and phone orders 批发及电话订单", Platform.OTHER),
]


#: The sender on every demo shop's waybills (the return address is the warehouse's).
SENDER_PHONE = "021-55501234"


def seed_shops(session: Session, actor: Actor) -> int:
    """Add the demo shops; returns how many."""
    for data in SHOPS:
        save_shop(session, actor, replace(data, sender_phone=SENDER_PHONE))
    return len(SHOPS)
