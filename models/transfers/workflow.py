"""Transfers by scanner: scan the bin to take from, the items (and quantities), then the bin
to put them in; everything carried posts from -> to as one posting with an idempotency key.
The same workflow replenishes a pick face from reserve and moves stock between warehouses."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.actor import Actor
from models.db import Database
from models.entities import VIRTUAL_TYPES, LocationKind, Lot, Quant, Tracking
from models.errors import InputError, WareDeskError
from models.feedback import Feedback, Level
from models.floor import FloorLine, FloorView, typed_quantity
from models.ledger import MoveLine, Reason, post_moves
from models.plural import plural_s
from models.putaway.scanned import Recent, lot_id_of, quantity_problem
from models.putaway.suggestion import Place, load_place, refusal
from models.scanning import (
    CommandKind,
    CommandScan,
    LocationScan,
    Meaning,
    ProductScan,
    ScanOptions,
    UnknownScan,
    interpret,
)


@dataclass(frozen=True)
class _Carried:
    """One accepted item scan: units of a product (and lot) taken from the from-bin."""

    product_id: int
    sku: str
    name: str
    lot_id: int | None
    lot_number: str | None
    qty: int
    available: int  # free in the from-bin when scanned

    @property
    def key(self) -> tuple[int, int | None]:
        return (self.product_id, self.lot_id)

    @property
    def label(self) -> str:
        lot = f" lot {self.lot_number}" if self.lot_number else ""
        return f"{self.sku}{lot}"


class TransferWorkflow:
    """Move stock from one bin to another by scanning from-bin, items, to-bin."""

    def __init__(self, db: Database, actor: Actor, *,
                 options: ScanOptions | None = None) -> None:
        self._db = db
        self._actor = actor
        self._options = options
        self._source: Place | None = None
        self._carried: list[_Carried] = []
        self._choices: tuple[_Carried, ...] = ()  # lots of the scanned item to choose from
        self._typed_qty: int | None = None
        self._key = ""
        self._recent = Recent()

    # The floor workflow calls -------------------------------------------------------------

    def scan(self, raw: str, *, symbology: str | None = None) -> Feedback:
        """Handle one scan: a bin (from, then to), an item, or a command."""
        try:
            with self._db.read() as session:
                meaning = interpret(session, raw, symbology=symbology, options=self._options)
                if isinstance(meaning, ProductScan):
                    feedback = self._item(session, meaning)
                elif isinstance(meaning, LocationScan) and not self._carried:
                    feedback = self._from_bin(session, meaning)
                else:
                    feedback = None
            if feedback is None:
                feedback = self._dispatch(meaning)
        except WareDeskError as exc:
            return Feedback.error(str(exc), self._prompt())
        if not isinstance(meaning, CommandScan):
            mark = "✗ " if feedback.level is Level.ERROR else ""
            self._recent.add(f"{mark}{meaning.describe()}")
        return feedback

    def enter(self, text: str) -> Feedback:
        """A lot when asked; else a quantity for the next scan, or a barcode typed by hand."""
        if self._choices:
            return self._choose_lot(text)
        qty = typed_quantity(text)
        if qty is None:
            return self.scan(text)
        problem = quantity_problem(qty)
        if problem:
            return Feedback.error(problem, self._prompt())
        self._typed_qty = qty
        return Feedback.ok(f"Quantity {qty} for the next item.", "Scan the item.")

    def cancel(self) -> Feedback:
        """Drop everything carried and the from-bin; nothing was posted yet."""
        if self._source is None and not self._carried and self._typed_qty is None:
            return Feedback.ok("Nothing to cancel.", "Scan the bin to take from.")
        self._source, self._carried, self._choices, self._typed_qty = None, [], (), None
        return Feedback.ok("Transfer dropped: nothing was moved.", "Scan the bin to take from.")

    def view(self) -> FloorView:
        """What is carried, from where, and what to scan next."""
        lines = self._lines()
        source = self._source
        return FloorView(
            title="Transfer",
            prompt=self._prompt(),
            lines=tuple(lines),
            recent=self._recent.lines(),
            current=f"From {source.code}" if source else "",
            done_lines=0,
            total_lines=len(lines),
            done_units=sum(ln.done for ln in lines),
            total_units=None,
            asking="lot" if self._choices else "",
            markers=(f"Quantity {self._typed_qty}",) if self._typed_qty else (),
        )

    # Scans --------------------------------------------------------------------------------

    def _dispatch(self, meaning: Meaning) -> Feedback:
        match meaning:
            case LocationScan():
                return self._to_bin(meaning)
            case CommandScan(command=command):
                return self._command(command.kind, command.quantity)
            case UnknownScan(reason=reason):
                return Feedback.error(reason, self._prompt())
        return Feedback.error(f"{meaning.describe()} means nothing in a transfer: scan a bin, "
                              "the items, then the bin they go to.", self._prompt())

    def _from_bin(self, session: Session, scan: LocationScan) -> Feedback:
        place = load_place(session, scan.location_id)
        assert place is not None
        if place.kind != LocationKind.BIN or place.type in VIRTUAL_TYPES:
            return Feedback.error(f"{place.code} holds no stock of its own: scan a bin.",
                                  self._prompt())
        if place.blocked:
            why = f" ({place.blocked_reason})" if place.blocked_reason else ""
            return Feedback.error(f"{place.code} is blocked{why}: nothing can be taken from it.",
                                  "Scan another bin.")
        self._source, self._choices, self._key = place, (), f"transfer:{uuid.uuid4().hex}"
        return Feedback.ok(f"Taking from {place.code}.", "Scan the items you take.")

    def _item(self, session: Session, scan: ProductScan) -> Feedback:
        source = self._source
        if source is None:
            return Feedback.error(f"Scan the bin you take {scan.sku} from first.",
                                  "Scan the bin to take from.")
        if scan.tracking == Tracking.SERIAL:
            return Feedback.error(f"{scan.sku} is serial-tracked: transfers by scanner move "
                                  "lot and plain items only for now.", self._prompt())
        here = self._free_here(session, scan, source)
        if scan.lot:
            lot_id = lot_id_of(session, scan.product_id, scan.lot)
            here = [c for c in here if lot_id is not None and c.lot_id == lot_id]
            if not here:
                return Feedback.error(f"There is no lot {scan.lot} of {scan.sku} free in "
                                      f"{source.code}.", "Scan another item.")
        if not here:
            return Feedback.error(f"There is no {scan.sku} free to take in {source.code}.",
                                  "Scan another item.")
        qty = self._typed_qty or scan.quantity
        if len(here) > 1:
            self._choices = tuple(replace(c, qty=qty) for c in here)
            lots = ", ".join(c.lot_number or "no lot" for c in here)
            return Feedback.warning(f"{source.code} holds {scan.sku} in several lots ({lots}).",
                                    "Type or scan the lot on the item.")
        return self._carry(replace(here[0], qty=qty))

    def _free_here(self, session: Session, scan: ProductScan, source: Place) -> list[_Carried]:
        free = Quant.on_hand - Quant.reserved
        rows = session.execute(
            select(Quant.lot_id, Lot.number, free)
            .outerjoin(Lot, Lot.id == Quant.lot_id)
            .where(Quant.product_id == scan.product_id, Quant.location_id == source.id,
                   free > 0)
            .order_by(Lot.expiry, Lot.number))
        return [_Carried(scan.product_id, scan.sku, scan.name, lot_id, number, 0, qty)
                for lot_id, number, qty in rows]

    def _carry(self, item: _Carried) -> Feedback:
        assert self._source is not None
        carried = sum(c.qty for c in self._carried if c.key == item.key)
        if carried + item.qty > item.available:
            left = item.available - carried
            return Feedback.error(f"Only {item.available} of {item.label} are free in "
                                  f"{self._source.code}; you carry {carried}, so {left} more "
                                  "at most.", self._prompt())
        self._carried.append(item)
        self._choices, self._typed_qty = (), None
        total = carried + item.qty
        return Feedback.ok(f"{item.label} × {item.qty} (carrying {total}).",
                           "Scan more items, or the bin they go to.")

    def _choose_lot(self, text: str) -> Feedback:
        wanted = text.strip().casefold()
        chosen = [c for c in self._choices if (c.lot_number or "").casefold() == wanted]
        if not chosen:
            lots = ", ".join(c.lot_number or "no lot" for c in self._choices)
            return Feedback.error(f"Lot {text.strip()} is not free in this bin: it is one of "
                                  f"{lots}.", "Type the lot again.")
        return self._carry(chosen[0])

    def _command(self, kind: CommandKind, quantity: int) -> Feedback:
        if kind is CommandKind.CANCEL:
            return self.cancel()
        if kind is CommandKind.ADD_QUANTITY:
            if not self._carried:
                return Feedback.error("Scan an item first; then +n adds to it.", self._prompt())
            last = self._carried[-1]
            return self._carry(replace(last, qty=quantity))
        if kind is CommandKind.UNDO:
            if not self._carried:
                return Feedback.error("Nothing carried to undo.", self._prompt())
            last = self._carried.pop()
            return Feedback.ok(f"Removed {last.label} × {last.qty}.", self._prompt())
        if kind is CommandKind.DONE:
            if self._carried:
                return Feedback.error("Scan the bin the items go to: that finishes the "
                                      "transfer.", self._prompt())
            return Feedback.ok("Nothing carried.", self._prompt())
        return Feedback.error("That command is not used in a transfer.", self._prompt())

    # Posting ------------------------------------------------------------------------------

    def _to_bin(self, scan: LocationScan) -> Feedback:
        source = self._source
        assert source is not None and self._carried
        if scan.location_id == source.id:
            return Feedback.error(f"{source.code} is where the items come from: scan the bin "
                                  "they go to.", self._prompt())
        lines = self._move_lines(scan.location_id)
        units = sum(ln.qty for ln in lines)

        def work(session: Session) -> Place:
            place = load_place(session, scan.location_id)
            assert place is not None
            problem = refusal(place, units, storage_only=False)
            if problem:
                raise InputError(problem)
            post_moves(session, self._actor, lines, reason=Reason.TRANSFER,
                       reference=f"{source.code} → {place.code}", idempotency_key=self._key)
            return place

        try:
            target = self._db.transact(work)
        except WareDeskError as exc:
            return Feedback.error(str(exc), self._prompt())
        products = frozenset(f"product:{ln.product_id}" for ln in lines)
        self._source, self._carried, self._typed_qty = None, [], None
        what = f"{units} unit{plural_s(units)} ({len(lines)} line{plural_s(len(lines))})"
        if target.is_pick_face and not source.is_pick_face:
            message = f"Replenished pick face {target.code} from {source.code}: {what}."
        else:
            message = f"Moved {what} from {source.code} to {target.code}."
        return Feedback.ok(message, "Scan the next bin to take from.",
                           changed=frozenset({"stock"}) | products)

    def _move_lines(self, to_id: int) -> list[MoveLine]:
        """One line per product and lot carried, in the order first scanned."""
        assert self._source is not None
        totals: dict[tuple[int, int | None], int] = {}
        for item in self._carried:
            totals[item.key] = totals.get(item.key, 0) + item.qty
        return [MoveLine(product_id, qty, self._source.id, to_id, lot_id=lot_id)
                for (product_id, lot_id), qty in totals.items()]

    # What the screen shows ----------------------------------------------------------------

    def _lines(self) -> list[FloorLine]:
        by_key: dict[tuple[int, int | None], list[_Carried]] = {}
        for item in self._carried:
            by_key.setdefault(item.key, []).append(item)
        last = self._carried[-1].key if self._carried else None
        source = self._source.code if self._source else ""
        lines = []
        for key, items in by_key.items():
            first = items[0]
            lot = f"lot {first.lot_number} · " if first.lot_number else ""
            lines.append(FloorLine(sku=first.sku, name=first.name, expected=None,
                                   done=sum(i.qty for i in items),
                                   detail=f"{lot}{first.available} free in {source}",
                                   current=key == last))
        return lines

    def _prompt(self) -> str:
        if self._choices:
            return f"Type or scan the lot of {self._choices[0].sku}"
        if self._source is None:
            return "Scan the bin to take from"
        if not self._carried:
            return f"Scan the items you take from {self._source.code}"
        return "Scan more items, or the bin they go to"
