"""What packing reads and changes in the database: the picked order at the packing table,
the item scans verified into its parcel (each under its scan's key, so a retried scan counts
once), and the shipment: one posting packing -> customer of every unit picked for the order,
under the key `ship:<order id>`, with the order `shipped` in the same transaction.

Everything the packing screen shows is derived from these rows, so a packer who restarts the
program (or another workstation) goes on where the last committed scan left the order.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session

from models.actor import Actor
from models.entities import (
    Location,
    LocationType,
    Lot,
    PackScan,
    PickEvent,
    PickTask,
    Product,
    SalesOrder,
    SalesOrderStatus,
    SerialNumber,
    Shipment,
    StockMove,
    WaveOrder,
)
from models.errors import InputError
from models.ledger import MoveLine, Reason, post_moves
from models.reference_data import virtual_location_id


@dataclass(frozen=True)
class ParcelItem:
    """One product of the order: the units picked for it and the units scanned so far."""

    product_id: int
    sku: str
    name: str
    weight_g: Decimal | None
    qty: int
    scanned: int

    @property
    def left(self) -> int:
        """Units still to scan."""
        return self.qty - self.scanned


def describe_status(order: SalesOrder) -> str:
    """Why an order that is not picked cannot be packed."""
    if order.status == SalesOrderStatus.SHIPPED:
        return (f"Order {order.number} is shipped already with {order.carrier} "
                f"{order.tracking_number}.")
    return (f"Order {order.number} is {order.status}: only a picked order is packed "
            "(pick it first).")


def order_for_tote(session: Session, tote: str) -> SalesOrder:
    """The picked order whose tote this is (the latest wave that used it)."""
    order = session.scalar(
        select(SalesOrder).join(WaveOrder, WaveOrder.order_id == SalesOrder.id)
        .where(WaveOrder.tote == tote)
        .order_by((SalesOrder.status == SalesOrderStatus.PICKED).desc(),
                  WaveOrder.wave_id.desc()).limit(1))
    if order is None:
        raise InputError(f"{tote} holds no order: scan the order's packing slip or number "
                         "instead.")
    if order.status != SalesOrderStatus.PICKED:
        raise InputError(describe_status(order))
    return order


def order_for_number(session: Session, number: str) -> SalesOrder:
    """The picked order with this shop order number."""
    found = session.scalars(select(SalesOrder).where(SalesOrder.number == number)
                            .order_by(SalesOrder.id)).all()
    if not found:
        raise InputError(f"There is no order {number}: scan the tote (TOTE-…) or the order "
                         "number on the packing slip.")
    picked = [o for o in found if o.status == SalesOrderStatus.PICKED]
    if len(picked) > 1:
        raise InputError(f"Order number {number} is picked in {len(picked)} shops: scan the "
                         "order's tote (TOTE-…) instead.")
    if not picked:
        raise InputError(describe_status(found[0]))
    return picked[0]


def _picked_moves(order_id: int):
    """The moves that brought the order's units to packing (picks not undone)."""
    postings = (select(PickEvent.posting_id)
                .join(PickTask, PickTask.id == PickEvent.task_id)
                .where(PickTask.order_id == order_id, PickEvent.undone.is_(False)))
    return StockMove.posting_id.in_(postings)


def parcel_items(session: Session, order_id: int) -> list[ParcelItem]:
    """The order's products in SKU order, with units picked and scanned."""
    scanned = dict(session.execute(
        select(PackScan.product_id, func.sum(PackScan.qty))
        .where(PackScan.order_id == order_id, PackScan.undone.is_(False))
        .group_by(PackScan.product_id)).all())
    rows = session.execute(
        select(Product.id, Product.sku, Product.name, Product.weight_g,
               func.sum(StockMove.qty))
        .join(Product, Product.id == StockMove.product_id)
        .where(_picked_moves(order_id))
        .group_by(Product.id, Product.sku, Product.name, Product.weight_g)
        .order_by(Product.sku)).all()
    return [ParcelItem(pid, sku, name, weight, int(qty), int(scanned.get(pid, 0)))
            for pid, sku, name, weight, qty in rows]


def picked_marks(session: Session, order_id: int, product_id: int
                 ) -> tuple[list[str], list[str]]:
    """The lot numbers and the serial numbers of a product picked for the order (none for a
    product without lots or serials)."""
    rows = session.execute(
        select(Lot.number, SerialNumber.serial).select_from(StockMove)
        .outerjoin(Lot, Lot.id == StockMove.lot_id)
        .outerjoin(SerialNumber, SerialNumber.id == StockMove.serial_id)
        .where(_picked_moves(order_id), StockMove.product_id == product_id)).all()
    return (sorted({lot for lot, _ in rows if lot}),
            sorted({serial for _, serial in rows if serial}))


def packing_place(session: Session, order_id: int) -> str:
    """The code of the packing location the order's units were picked to."""
    return session.scalar(
        select(Location.code).join(StockMove, StockMove.to_location_id == Location.id)
        .where(_picked_moves(order_id)).limit(1)) or ""


def already_scanned(session: Session, key: str) -> bool:
    """True when an item scan with this key was saved (a retry after a lost answer)."""
    return bool(session.scalar(select(exists().where(PackScan.key == key))))


def serial_scanned(session: Session, order_id: int, product_id: int, serial: str) -> bool:
    """True when this unit (its serial) is counted into the order's parcel already."""
    return bool(session.scalar(select(exists().where(
        PackScan.order_id == order_id, PackScan.product_id == product_id,
        PackScan.serial == serial, PackScan.undone.is_(False)))))


def add_scan(session: Session, actor: Actor, order_id: int, product_id: int, qty: int, *,
             key: str, serial: str | None = None) -> None:
    """Count `qty` units of a product (the unit with `serial`) into the order's parcel."""
    session.add(PackScan(order_id=order_id, product_id=product_id, qty=qty, serial=serial,
                         key=key, user_id=actor.user_id))
    session.flush()


def undo_scan(session: Session, order_id: int, *, key: str) -> tuple[PackScan, bool] | None:
    """Take back the last item scan of the order; (the scan, True when this undo was done
    before under the same key). None when nothing is left to undo."""
    before = session.scalar(select(PackScan).where(PackScan.undo_key == key))
    if before is not None:
        return before, True
    last = session.scalar(
        select(PackScan).where(PackScan.order_id == order_id, PackScan.undone.is_(False))
        .order_by(PackScan.id.desc()).limit(1).with_for_update())
    if last is None:
        return None
    last.undone = True
    last.undo_key = key
    session.flush()
    return last, False


def ship(session: Session, actor: Actor, order: SalesOrder, *, weight_kg: Decimal | None,
         expected_kg: Decimal, approved_by: int | None) -> Shipment:
    """Send every unit picked for the order from packing to the customer, in one posting,
    and mark the order shipped. Shipping it again returns the first shipment."""
    if order.status != SalesOrderStatus.PICKED:
        # Only shipping sets an order shipped, so only an order no longer picked can have a
        # shipment: one shipped before whose answer was lost.
        done = session.scalar(select(Shipment).where(Shipment.order_id == order.id))
        if done is not None:
            return done
        raise InputError(describe_status(order))
    if not order.tracking_number:
        raise InputError(f"Order {order.number} has no tracking number yet: give it one "
                         "first.")
    # Set before the reads below, whose flush then writes the tracking number given just
    # before and the status in one UPDATE; a refusal further down rolls both back.
    order.status = SalesOrderStatus.SHIPPED
    customer = virtual_location_id(session, LocationType.CUSTOMER)
    moves = session.execute(
        select(StockMove.product_id, StockMove.lot_id, StockMove.serial_id,
               StockMove.to_location_id, func.sum(StockMove.qty))
        .where(_picked_moves(order.id))
        .group_by(StockMove.product_id, StockMove.lot_id, StockMove.serial_id,
                  StockMove.to_location_id)
        .order_by(StockMove.product_id, StockMove.lot_id, StockMove.serial_id)).all()
    if not moves:
        raise InputError(f"Nothing of order {order.number} was picked to packing.")
    lines = [MoveLine(product_id, int(qty), packing, customer, lot_id=lot_id,
                      serial_id=serial_id)
             for product_id, lot_id, serial_id, packing, qty in moves]
    posting = post_moves(session, actor, lines, reason=Reason.SHIPMENT,
                         reference=f"{order.number} {order.carrier} {order.tracking_number}",
                         idempotency_key=f"ship:{order.id}")
    shipment = Shipment(order_id=order.id, weight_kg=weight_kg, expected_kg=expected_kg,
                        approved_by=approved_by, packed_by=actor.user_id,
                        packed_at=datetime.now(UTC), posting_id=posting.posting_id,
                        workstation=actor.workstation[:64])
    session.add(shipment)
    session.flush()
    return shipment
