"""Which returned units a scan names, and whether they may come back: the product must have
been shipped on the order, its lot one that went out, a serial-tracked unit's serial one
shipped on the order and not back already, and no more units than are still out with the
customer. The live scan and the command line's check of a whole parcel (before anything is
posted) ask the same questions here."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.entities import Lot, SerialNumber, Tracking
from models.returns.orders import ReturnItem
from models.scanning import Meaning, ProductScan


@dataclass(frozen=True)
class Unit:
    """Units of one product (and lot) taken back or waiting, or one serial-tracked unit."""

    item: ReturnItem
    lot_id: int | None
    qty: int
    serial_id: int | None = None
    serial: str = ""

    @property
    def label(self) -> str:
        """`CAM S-1` for a serial-tracked unit, else the SKU."""
        return f"{self.item.sku} {self.serial}" if self.serial else self.item.sku


def item_of(items: Sequence[ReturnItem], meaning: ProductScan) -> ReturnItem | None:
    """The order's item the scanned product is, None when it was not shipped."""
    return next((i for i in items if i.product_id == meaning.product_id), None)


def needs_serial(item: ReturnItem, meaning: ProductScan) -> bool:
    """True when a serial-tracked unit was scanned without its serial (then it is asked)."""
    return item.tracking == Tracking.SERIAL and not meaning.serial


def returned_unit(session: Session, number: str, items: Sequence[ReturnItem],
                  meaning: ProductScan, qty: int, *, serial: str | None = None,
                  planned: Sequence[Unit] = ()) -> Unit | str:
    """The units the scan takes back on order `number`, or why they are refused; `planned`
    are units of the same parcel taken before (checked, not posted yet)."""
    item = item_of(items, meaning)
    if item is None:
        return (f"Wrong item: {meaning.sku} was not shipped on order {number}; put it "
                "aside.")
    if item.tracking == Tracking.SERIAL:
        return _serial_unit(session, number, item, qty, serial or meaning.serial or "",
                            planned)
    lot_id = _lot_of(session, item, meaning)
    if isinstance(lot_id, str):
        return lot_id
    before = sum(u.qty for u in planned if u.item.product_id == item.product_id
                 and u.lot_id == lot_id)
    left = item.shipped_lots.get(lot_id, 0) - item.returned_lots.get(lot_id, 0) - before
    if qty > left:
        if before:
            return (f"Over-return: only {left + before} more {item.sku} can come back on order "
                    f"{number}, this parcel gives {before + qty}; put the rest aside.")
        if item.left <= 0:
            return (f"Over-return: order {number} shipped {item.shipped} {item.sku}, all "
                    "returned already; put it aside.")
        return (f"Over-return: only {left} more {item.sku} can come back on order {number}, "
                f"this scan counts {qty}; put the rest aside.")
    return Unit(item, lot_id, qty)


def parcel_refusals(session: Session, number: str, items: Sequence[ReturnItem],
                    scans: Sequence[tuple[str, Meaning, int]]) -> list[str]:
    """Why any of a parcel's items (code, its meaning, units typed or 1) would be refused,
    each checked against the order and the items before it: nothing is posted."""
    planned: list[Unit] = []
    refusals = []
    for code, meaning, typed in scans:
        if not isinstance(meaning, ProductScan):
            refusals.append(getattr(meaning, "reason", "")
                            or f"{code}: {meaning.describe()} is no returned item.")
            continue
        item = item_of(items, meaning)
        if item is not None and needs_serial(item, meaning):
            refusals.append(f"{item.sku} is serial-tracked: give each unit's GS1 code with its "
                            "serial (21).")
            continue
        unit = returned_unit(session, number, items, meaning,
                             typed if typed != 1 else meaning.quantity, planned=planned)
        if isinstance(unit, str):
            refusals.append(unit)
        else:
            planned.append(unit)
    return refusals


def _serial_unit(session: Session, number: str, item: ReturnItem, qty: int, serial: str,
                 planned: Sequence[Unit]) -> Unit | str:
    if qty != 1:
        return f"{item.sku} is serial-tracked: scan each unit's own label, one at a time."
    serial_id = session.scalar(select(SerialNumber.id).where(
        SerialNumber.product_id == item.product_id, SerialNumber.serial == serial))
    if serial_id is None or serial_id not in item.shipped_serials:
        return (f"Wrong unit: {item.sku} serial {serial} was not shipped on order {number}; "
                "put it aside.")
    if serial_id in item.returned_serials or any(u.serial_id == serial_id for u in planned):
        return f"{item.sku} serial {serial} came back already; put it aside."
    return Unit(item, item.shipped_serials[serial_id][1], 1, serial_id, serial)


def _lot_of(session: Session, item: ReturnItem, meaning: ProductScan) -> int | str | None:
    """The lot the returned units belong to: the scanned one (it must have been shipped),
    else the only lot shipped of the product still out with the customer; or why not."""
    if item.tracking != Tracking.LOT:
        return None
    if meaning.lot:
        lot_id = session.scalar(select(Lot.id).where(Lot.product_id == item.product_id,
                                                     Lot.number == meaning.lot))
        if lot_id is None or lot_id not in item.shipped_lots:
            return (f"Lot {meaning.lot} of {item.sku} was not shipped on this order: put it "
                    "aside.")
        return lot_id
    out = [lot for lot, qty in item.shipped_lots.items()
           if qty > item.returned_lots.get(lot, 0)]
    if len(out) == 1:
        return out[0]
    if not out and item.shipped_lots:
        return next(iter(item.shipped_lots))  # all back: the over-return check says so
    return (f"{item.sku} was shipped in several lots: scan the code with its lot (GS1), or put "
            "it aside.")
