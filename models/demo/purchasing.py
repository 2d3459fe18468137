"""Demo purchasing: suppliers with their over-receipt rules, three open purchase orders for WH1
to receive against, and fixed bins and putaway zones so putaway has something to suggest."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.actor import Actor
from models.demo.site import WAREHOUSE, DemoSite
from models.entities import BeyondTolerance, Location, Product, Quant
from models.purchasing.orders import OrderInput, OrderLineInput, save_order
from models.purchasing.suppliers import SupplierInput, save_supplier

SUPPLIERS = [
    SupplierInput(code="YNTEA", name="Yunnan Tea Trading 云南茶叶贸易有限公司",
                  contact="Li Wei 李伟", phone="0871-6531 2288", email="sales@yntea.example",
                  address="昆明市官渡区 Guandu, Kunming", over_receipt_pct=10,
                  over_receipt_beyond=BeyondTolerance.WARN),
    SupplierInput(code="SZACC", name="Shenzhen Digital Accessories 深圳数码配件有限公司",
                  contact="Chen Jing 陈静", phone="0755-8826 1100",
                  address="深圳市宝安区 Bao'an, Shenzhen", over_receipt_pct=0,
                  over_receipt_beyond=BeyondTolerance.BLOCK),
    SupplierInput(code="GZFOOD", name="Guangzhou Foods 广州食品有限公司",
                  contact="Wang Fang 王芳", phone="020-3888 6600",
                  address="广州市白云区 Baiyun, Guangzhou", over_receipt_pct=5,
                  over_receipt_beyond=BeyondTolerance.BLOCK),
]

# Supplier, days until expected, note, (SKU, quantity, unit cost): TEA-001 is lot-tracked with
# an expiry and comes in cases of 12; HLTH-008 and ACC-014 are serial-tracked; ACC-001 has a
# case barcode of 24.
ORDERS = [
    ("YNTEA", 2, "Spring harvest tea 春茶", [("TEA-001", 120, "37.40"), ("TEA-002", 48, "30.25"),
                                           ("TEA-006", 60, "6.88")]),
    ("SZACC", 4, "", [("ACC-001", 96, "10.95"), ("HLTH-008", 10, "70.95"),
                      ("ACC-014", 5, "37.95")]),
    ("GZFOOD", 7, "Chinese New Year stock 年货", [("FOOD-001", 48, "14.19"),
                                               ("FOOD-005", 24, "13.48")]),
]

#: Products that always go back to the pick face they are in now (a fixed bin).
FIXED_BIN = ("TEA-001", "ACC-001", "FOOD-001")
#: Products put away anywhere in a zone.
ZONED = {"TEA-002": "ZB", "TEA-006": "ZB", "HLTH-008": "ZB", "ACC-014": "ZB",
         "FOOD-005": "ZB"}


def _putaway_rules(session: Session, site: DemoSite) -> None:
    products = {p.sku: p for p in session.scalars(select(Product).where(
        Product.sku.in_([*FIXED_BIN, *ZONED])))}
    for sku in FIXED_BIN:
        product = products[sku]
        # Where its opening stock went, if that is a pick face; else the first pick face.
        held = session.scalars(select(Quant.location_id).where(
            Quant.product_id == product.id, Quant.location_id.in_(site.pick_faces),
            Quant.on_hand > 0).order_by(Quant.location_id)).first()
        product.home_location_id = held or site.pick_faces[0]
        product.putaway_zone = session.scalar(select(Location.zone).where(
            Location.id == product.home_location_id)) or ""
    for sku, zone in ZONED.items():
        products[sku].putaway_zone = zone


def seed_purchasing(session: Session, actor: Actor, site: DemoSite, *, today: date) -> int:
    """Add the demo suppliers, open purchase orders and putaway rules; returns the number of
    orders."""
    for supplier in SUPPLIERS:
        save_supplier(session, actor, supplier)
    for code, days, note, lines in ORDERS:
        save_order(session, actor, OrderInput(
            supplier=code, warehouse=WAREHOUSE, expected_date=today + timedelta(days=days),
            note=note, lines=[OrderLineInput(sku, qty, Decimal(cost))
                              for sku, qty, cost in lines]), today=today)
    _putaway_rules(session, site)
    session.flush()
    return len(ORDERS)
