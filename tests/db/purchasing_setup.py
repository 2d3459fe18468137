"""Shared arrangements of the purchasing tests: a supplier, products, and goods received
against an order line through the ledger, as receiving would record them."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy.orm import Session

from models.actor import Actor
from models.entities import Location, LocationType, PurchaseOrderLine, Receipt, ReceiptScan
from models.ledger import MoveLine, post_moves
from models.purchasing.orders import OrderInput, OrderLineInput, save_order
from models.purchasing.suppliers import SupplierInput, save_supplier
from models.reference_data import virtual_location_id
from tests import factories


def base(session: Session, actor: Actor) -> None:
    """Warehouse WH1 with dock RECV-01, supplier HZT and products TEA-1, SOCK-1, CABLE-1."""
    wh = factories.warehouse(session)
    factories.bin_(session, wh, "RECV-01", LocationType.RECEIVING)
    save_supplier(session, actor, SupplierInput(code="HZT", name="Hangzhou Textile 杭州纺织",
                                                address="杭州市萧山区", over_receipt_pct=10,
                                                over_receipt_beyond="warn"))
    for sku in ("TEA-1", "SOCK-1", "CABLE-1"):
        factories.product(session, sku)


def order(session: Session, actor: Actor, number: str = "", **lines: int) -> int:
    """An order of HZT into WH1 with `sku=qty` lines (underscores in names become dashes)."""
    data = OrderInput(supplier="HZT", warehouse="WH1", number=number, lines=[
        OrderLineInput(sku.replace("_", "-"), qty, Decimal("2.50"))
        for sku, qty in lines.items()])
    return save_order(session, actor, data).id


def receive(session: Session, actor: Actor, line_id: int, product_id: int, qty: int,
            *, undone: bool = False) -> None:
    """Record `qty` units received against a line, with their posting (and its reversal)."""
    line = session.get(PurchaseOrderLine, line_id)
    assert line is not None
    dock = session.query(Location).filter_by(code="RECV-01").one()
    supplier_loc = virtual_location_id(session, LocationType.SUPPLIER)
    receipt = Receipt(purchase_order_id=line.order_id, warehouse_id=dock.warehouse_id,
                      dock_location_id=dock.id, user_id=actor.user_id, workstation="t",
                      status="done")
    session.add(receipt)
    posting = post_moves(session, actor, [MoveLine(product_id, qty, supplier_loc, dock.id)],
                         reason="receipt")
    reversal = None
    if undone:
        reversal = post_moves(session, actor, [MoveLine(product_id, qty, dock.id,
                                                        supplier_loc)],
                              reason="receipt_undo", reverses_id=posting.posting_id).posting_id
    session.flush()
    session.add(ReceiptScan(receipt_id=receipt.id, order_line_id=line_id,
                            product_id=product_id, qty=qty, to_location_id=dock.id,
                            posting_id=posting.posting_id, reversal_id=reversal))
    session.flush()
