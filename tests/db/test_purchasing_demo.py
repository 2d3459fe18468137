"""The demo's purchasing: suppliers with both over-receipt rules, open orders to receive
against, and putaway rules."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from models.demo import seed_demo
from models.entities import Location, Product
from models.purchasing.order_views import order_list, order_view
from models.purchasing.suppliers import supplier_list

TODAY = date(2026, 11, 22)


def test_demo_has_suppliers_open_orders_and_putaway_rules(db, actor):
    db.transact(lambda s: seed_demo(s, actor, today=TODAY))
    with db.read() as s:
        rules = {(r.over_receipt_pct, r.over_receipt_beyond) for r in supplier_list(s)}
        assert (10, "warn") in rules and any(beyond == "block" for _, beyond in rules)
        orders = order_list(s)
        assert [(o.code, o.status, o.warehouse) for o in orders] == [
            ("PO-2026-0003", "open", "WH1"), ("PO-2026-0002", "open", "WH1"),
            ("PO-2026-0001", "open", "WH1")]
        skus = {line.sku for o in orders for line in order_view(s, o.id).lines}
        kinds = {(p.tracking, p.expiry_tracked, max(b.pack_qty for b in p.barcodes))
                 for p in s.scalars(select(Product).where(Product.sku.in_(skus)))}
        assert ("lot", True, 12) in kinds
        assert any(tracking == "serial" for tracking, _, _ in kinds)
        assert any(tracking == "none" and pack > 1 for tracking, _, pack in kinds)
        fixed = s.execute(select(Product.sku, Location.type, Location.zone).join(
            Location, Location.id == Product.home_location_id)).all()
        assert len(fixed) >= 2 and all(kind == "pick_face" for _, kind, _ in fixed)
        zoned = s.scalars(select(Product.sku).where(Product.putaway_zone == "ZB")).all()
        assert len(zoned) >= 3
