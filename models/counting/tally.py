"""What one item scan adds to a bin's round: the lot or serial it names (found, or recorded
when new), the count line it lands on, and the counted units written at once."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from models.counting.bins import BinRound, RoundLine
from models.entities import (
    CountBin,
    CountLine,
    Location,
    LocationKind,
    Lot,
    SerialNumber,
    Tracking,
    utcnow,
)
from models.errors import InputError
from models.receiving.arrivals import lot_for

LineKey = tuple[int, int | None, int | None]  # product, lot, serial


@dataclass(frozen=True)
class Item:
    """A product scan to count: `qty` units, and the lot or serial it needs."""

    key: str
    product_id: int
    sku: str
    name: str
    tracking: str
    needs_lot: bool
    qty: int
    raw: str
    lot: str | None = None
    expiry: date | None = None
    serial: str | None = None
    expiry_tracked: bool = False

    def missing(self) -> str:
        """What must still be asked for: "lot", "expiry", "serial" or ""."""
        if self.needs_lot and not self.lot:
            return "lot"
        if self.expiry_tracked and self.expiry is None:
            return "expiry"
        if self.tracking == Tracking.SERIAL and not self.serial:
            return "serial"
        return ""

    def describe(self, qty: int | None = None) -> str:
        """'+3 TEA · lot L1', one line of the last-scans list."""
        parts = [f"+{self.qty if qty is None else qty} {self.sku}"]
        parts += [f"lot {self.lot}"] if self.lot else []
        parts += [f"SN {self.serial}"] if self.serial else []
        return " · ".join(parts)


@dataclass(frozen=True)
class Placed:
    """Where an item lands in the round: its line key and names, and what to tell about it."""

    key: LineKey
    sku: str
    name: str
    lot: str | None
    serial: str | None
    counted_in: str = ""  # the bin of this count where the serial was counted already
    note: str = ""  # the serial is recorded somewhere else


def place_item(session: Session, count_id: int, current: BinRound, item: Item) -> Placed:
    """The line an item counts on; an unknown lot or serial is recorded (the review shows it
    as found)."""
    lot_id: int | None = None
    if item.tracking != Tracking.SERIAL:
        if item.needs_lot and item.lot:
            lot_id = lot_for(session, item.product_id, item.sku, item.lot, item.expiry)
        return Placed((item.product_id, lot_id, None), item.sku, item.name,
                      item.lot if lot_id else None, None)
    assert item.serial is not None
    unit = session.execute(select(SerialNumber.id, SerialNumber.lot_id,
                                  SerialNumber.location_id).where(
        SerialNumber.product_id == item.product_id,
        SerialNumber.serial == item.serial)).first()
    if unit is None:
        row = SerialNumber(product_id=item.product_id, serial=item.serial)
        session.add(row)
        session.flush()
        serial_id, lot_id, where = row.id, None, None
    else:
        serial_id, lot_id, where = unit.id, unit.lot_id, unit.location_id
    counted_in = session.scalar(
        select(Location.code).join(CountBin, CountBin.location_id == Location.id)
        .join(CountLine, CountLine.count_bin_id == CountBin.id)
        .where(CountBin.count_id == count_id, CountLine.serial_id == serial_id,
               CountLine.round == CountBin.round, CountLine.counted > 0).limit(1)) or ""
    note = ""
    if where is not None and where != current.location_id:
        place = session.execute(select(Location.code, Location.kind).where(
            Location.id == where)).first()
        if place is not None and place.kind != LocationKind.VIRTUAL:
            note = f"serial {item.serial} is recorded at {place.code}"
    lot = None
    if lot_id is not None:
        lot = session.scalar(select(Lot.number).where(Lot.id == lot_id))
    return Placed((item.product_id, lot_id, serial_id), item.sku, item.name, lot, item.serial,
                  counted_in, note)


def stored_line(session: Session, current: BinRound, placed: Placed) -> RoundLine | None:
    """The line as the database has it now (after an answer was lost on the way back)."""
    product_id, lot_id, serial_id = placed.key
    row = session.execute(select(CountLine.id, CountLine.expected, CountLine.counted).where(
        CountLine.count_bin_id == current.bin_id, CountLine.round == current.round,
        CountLine.product_id == product_id,
        CountLine.lot_id.is_(None) if lot_id is None else CountLine.lot_id == lot_id,
        CountLine.serial_id.is_(None) if serial_id is None
        else CountLine.serial_id == serial_id)).first()
    if row is None:
        return None
    return RoundLine(row.id, product_id, placed.sku, placed.name, lot_id, placed.lot,
                     serial_id, placed.serial, row.expected, row.counted)


def add_counted(session: Session, current: BinRound, placed: Placed, line: RoundLine | None,
                delta: int) -> RoundLine:
    """Add `delta` counted units (negative: an undo) to the line, creating it for something
    the snapshot did not expect; written at once, so a crash loses at most this scan."""
    if line is None:
        if delta <= 0:
            raise InputError(f"Nothing of {placed.sku} is counted here to take back.")
        product_id, lot_id, serial_id = placed.key
        line_id = session.execute(insert(CountLine).values(
            count_bin_id=current.bin_id, round=current.round, product_id=product_id,
            lot_id=lot_id, serial_id=serial_id, expected=0, counted=delta,
            updated_at=utcnow()).returning(CountLine.id)).scalar_one()
        return RoundLine(line_id, product_id, placed.sku, placed.name, lot_id, placed.lot,
                         serial_id, placed.serial, 0, delta)
    # Relative, so the line is right whatever order the scans land in.
    done = session.execute(
        update(CountLine).where(CountLine.id == line.line_id,
                                CountLine.counted + delta >= 0)
        .values(counted=CountLine.counted + delta, updated_at=utcnow())
        .execution_options(synchronize_session=False))
    if done.rowcount != 1:
        raise InputError(f"Fewer than {-delta} units of {placed.sku} are counted here: "
                         "nothing was taken back.")
    return replace(line, counted=line.counted + delta)
