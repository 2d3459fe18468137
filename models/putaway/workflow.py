"""Putaway by scanner: scan an item waiting on a receiving dock, take it to the suggested bin,
scan the bin; each confirmed bin posts dock -> bin at once with an idempotency key."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.actor import Actor
from models.db import Database
from models.entities import SerialNumber, Tracking
from models.errors import InputError, WareDeskError
from models.feedback import Feedback, Level
from models.floor import FloorLine, FloorView, typed_quantity
from models.ledger import MoveLine, PostingResult, Reason, post_moves
from models.putaway.scanned import Recent, lot_id_of, quantity_problem
from models.putaway.suggestion import Place, Suggestion, load_place, refusal, suggest_bin
from models.putaway.tasks import DockStock, PutawayTask, dock_stock, putaway_tasks, task_for
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

TaskKey = tuple[int, int | None, int]


@dataclass(frozen=True)
class _Pending:
    """The item in the worker's hands, where it should go, and the key its posting uses."""

    stock: DockStock
    qty: int
    suggestion: Suggestion | None
    key: str
    serial: str | None = None
    wrong: Place | None = None  # the other bin scanned, which override() would use


@dataclass
class _Done:
    stock: DockStock
    qty: int
    bin_code: str


def _lot_text(stock: DockStock) -> str:
    return f" lot {stock.lot_number}" if stock.lot_number else ""


class PutawayWorkflow:
    """Put away what waits on the receiving docks, one scanned item and bin at a time."""

    def __init__(self, db: Database, actor: Actor, *, options: ScanOptions | None = None,
                 warehouse_id: int | None = None) -> None:
        self._db = db
        self._actor = actor
        self._options = options
        self._warehouse_id = warehouse_id
        self._pending: _Pending | None = None
        self._choices: tuple[DockStock, ...] = ()  # lots to choose from for the scanned item
        self._typed_qty: int | None = None
        self._done: dict[TaskKey, _Done] = {}
        self._recent = Recent()
        self._finished = False
        with db.read() as session:
            self._tasks = putaway_tasks(session, warehouse_id=warehouse_id)

    # The floor workflow calls -------------------------------------------------------------

    def scan(self, raw: str, *, symbology: str | None = None) -> Feedback:
        """Handle one scan: an item on a dock, a bin, or a command."""
        try:
            with self._db.read() as session:
                meaning = interpret(session, raw, symbology=symbology, options=self._options)
                if isinstance(meaning, ProductScan):
                    feedback = self._item(session, meaning)
                    self._note(meaning, feedback)
                    return feedback
            feedback = self._dispatch(meaning)
        except WareDeskError as exc:
            return Feedback.error(str(exc), self._prompt())
        if not isinstance(meaning, CommandScan):
            self._note(meaning, feedback)
        return feedback

    def enter(self, text: str) -> Feedback:
        """A lot or override reason when asked; else a quantity, or a barcode typed by hand."""
        if self._choices:
            return self._choose_lot(text)
        if self._pending is not None and self._pending.wrong is not None \
                and typed_quantity(text) is None:
            return self.override(text)
        qty = typed_quantity(text)
        if qty is None:
            return self.scan(text)
        return self._set_quantity(qty)

    def cancel(self) -> Feedback:
        """Drop the pending item, lot question and typed quantity; no stock changes."""
        if self._pending is None and not self._choices and self._typed_qty is None:
            return Feedback.ok("Nothing to cancel.", "Scan an item on the dock.")
        self._pending, self._choices, self._typed_qty = None, (), None
        return Feedback.ok("Dropped: nothing was put away.", "Scan an item on the dock.")

    def override(self, reason: str) -> Feedback:
        """Put the pending item in the bin scanned instead of the suggested one, for `reason`
        (kept in the posting's note)."""
        pending = self._pending
        if pending is None or pending.wrong is None:
            return Feedback.error("Nothing to override: scan an item, then the bin you want "
                                  "to use.", self._prompt())
        reason = " ".join(reason.split())
        if not reason:
            return Feedback.error(f"Say why {pending.stock.sku} goes to {pending.wrong.code}: "
                                  "type the reason.", self._prompt())
        expected = pending.suggestion.code if pending.suggestion else "none"
        note = f"Override: {pending.wrong.code} instead of {expected}: {reason}"[:500]
        feedback = self._put(pending, pending.wrong.id, note=note)
        self._recent.add(f"Override {pending.wrong.code}: {reason}")
        return feedback

    def view(self) -> FloorView:
        """Tasks on the docks, what was put away, and the bin to go to in large type."""
        lines = self._lines()
        pending = self._pending
        current = ""
        if pending is not None:
            current = (f"{pending.suggestion.code} · {pending.suggestion.reason}"
                       if pending.suggestion else "No bin suggested: scan any bin")
        return FloorView(
            title="Putaway",
            prompt=self._prompt(),
            lines=tuple(lines),
            recent=self._recent.lines(),
            current=current,
            done_lines=sum(1 for ln in lines if ln.done and ln.expected == 0),
            total_lines=len(lines),
            done_units=sum(ln.done for ln in lines),
            total_units=sum(ln.done + (ln.expected or 0) for ln in lines),
            asking=("lot" if self._choices else
                    "reason" if pending is not None and pending.wrong is not None else ""),
            markers=(f"Quantity {self._typed_qty}",) if self._typed_qty else (),
            finished=self._finished,
        )

    def tasks(self) -> list[PutawayTask]:
        """Reload and return what waits on the docks, with suggested bins."""
        with self._db.read() as session:
            self._tasks = putaway_tasks(session, warehouse_id=self._warehouse_id)
        return list(self._tasks)

    # Scans --------------------------------------------------------------------------------

    def _dispatch(self, meaning: Meaning) -> Feedback:
        self._finished = False
        match meaning:
            case LocationScan():
                return self._bin(meaning)
            case CommandScan(command=command):
                return self._command(command.kind, command.quantity)
            case UnknownScan(reason=reason):
                return Feedback.error(reason, self._prompt())
        return Feedback.error(f"{meaning.describe()} means nothing in putaway: scan an item "
                              "on the dock, then its bin.", self._prompt())

    def _item(self, session: Session, scan: ProductScan) -> Feedback:
        self._finished = False
        stocks = dock_stock(session, warehouse_id=self._warehouse_id,
                            product_id=scan.product_id)
        if not stocks:
            return Feedback.error(f"{scan.sku} is not waiting on any receiving dock: nothing "
                                  "to put away.", "Scan another item.")
        if scan.lot:
            lot_id = lot_id_of(session, scan.product_id, scan.lot)
            matching = [s for s in stocks if lot_id is not None and s.lot_id == lot_id]
            if not matching:
                there = ", ".join(sorted({s.lot_number or "no lot" for s in stocks}))
                return Feedback.error(f"Lot {scan.lot} of {scan.sku} is not on the docks "
                                      f"(there: {there}).", "Scan the item's label again.")
            stocks = matching
        elif len({s.lot_id for s in stocks}) > 1:
            self._pending, self._choices = None, tuple(stocks)
            lots = ", ".join(dict.fromkeys(s.lot_number or "no lot" for s in stocks))
            return Feedback.warning(f"{scan.sku} waits on the docks in several lots ({lots}).",
                                    "Type or scan the lot on the item.")
        return self._take(session, stocks[0], serial=scan.serial)

    def _take(self, session: Session, stock: DockStock, *, serial: str | None = None
              ) -> Feedback:
        qty = 1 if serial else (self._typed_qty or stock.qty)
        if qty > stock.qty:
            return Feedback.error(f"Only {stock.qty} of {stock.sku}{_lot_text(stock)} wait on "
                                  f"{stock.dock_code}: type {stock.qty} or less.",
                                  "Type the quantity again.")
        suggestion = suggest_bin(session, product_id=stock.product_id, lot_id=stock.lot_id,
                                 qty=qty, warehouse_id=stock.warehouse_id)
        self._pending = _Pending(stock, qty, suggestion, f"putaway:{uuid.uuid4().hex}",
                                 serial=serial)
        self._choices, self._typed_qty = (), None
        what = f"{stock.sku}{_lot_text(stock)} × {qty} from {stock.dock_code}"
        if suggestion is None:
            return Feedback.ok(f"{what}: no bin suggested.", "Scan the bin you put it in.")
        return Feedback.ok(f"{what}: put it in {suggestion.code} ({suggestion.reason}).",
                           f"Scan bin {suggestion.code}.")

    def _choose_lot(self, text: str) -> Feedback:
        wanted = text.strip().casefold()
        chosen = [s for s in self._choices if (s.lot_number or "").casefold() == wanted]
        if not chosen:
            lots = ", ".join(dict.fromkeys(s.lot_number or "no lot" for s in self._choices))
            return Feedback.error(f"Lot {text.strip()} of {self._choices[0].sku} is not on the "
                                  f"docks: it is one of {lots}.", "Type the lot again.")
        try:
            with self._db.read() as session:
                return self._take(session, chosen[0])
        except WareDeskError as exc:
            return Feedback.error(str(exc), self._prompt())

    def _set_quantity(self, qty: int) -> Feedback:
        problem = quantity_problem(qty)
        if problem:
            return Feedback.error(problem, self._prompt())
        pending = self._pending
        if pending is None:
            self._typed_qty = qty
            return Feedback.ok(f"Quantity {qty} for the next item.", "Scan the item.")
        if pending.serial:
            return Feedback.error("A serial number is one unit.", self._prompt())
        if qty > pending.stock.qty:
            return Feedback.error(f"Only {pending.stock.qty} of {pending.stock.sku} wait on "
                                  f"{pending.stock.dock_code}: type {pending.stock.qty} or "
                                  "less.", self._prompt())
        try:
            with self._db.read() as session:
                suggestion = suggest_bin(session, product_id=pending.stock.product_id,
                                         lot_id=pending.stock.lot_id, qty=qty,
                                         warehouse_id=pending.stock.warehouse_id)
        except WareDeskError as exc:
            return Feedback.error(str(exc), self._prompt())
        self._pending = replace(pending, qty=qty, suggestion=suggestion, wrong=None)
        return Feedback.ok(f"Putting away {qty} of {pending.stock.sku}.", self._prompt())

    def _command(self, kind: CommandKind, quantity: int) -> Feedback:
        if kind is CommandKind.CANCEL:
            return self.cancel()
        if kind is CommandKind.ADD_QUANTITY:
            return self._set_quantity(quantity)
        if kind is CommandKind.DONE:
            if self._pending is not None:
                return Feedback.error(f"{self._pending.stock.sku} is still in your hands.",
                                      self._prompt())
            self._finished = True
            units = sum(d.qty for d in self._done.values())
            return Feedback.ok(f"Putaway done: {units} units put away.", "")
        return Feedback.error("That command is not used in putaway: scan an item, then its "
                              "bin.", self._prompt())

    def _bin(self, scan: LocationScan) -> Feedback:
        pending = self._pending
        if pending is None:
            if self._choices:
                return Feedback.error("Type or scan the lot of the item first.", self._prompt())
            return Feedback.error(f"Scan an item first, then bin {scan.code}.",
                                  "Scan an item on the dock.")
        suggestion = pending.suggestion
        if suggestion is None or suggestion.location_id == scan.location_id:
            return self._put(pending, scan.location_id)
        with self._db.read() as session:
            place = load_place(session, scan.location_id)
        assert place is not None
        problem = refusal(place, pending.qty, storage_only=True,
                          warehouse_id=pending.stock.warehouse_id)
        if problem:
            self._pending = replace(pending, wrong=None)
            return Feedback.error(f"Wrong bin, expected {suggestion.code}: {problem}",
                                  f"Scan bin {suggestion.code}.")
        self._pending = replace(pending, wrong=place)
        return Feedback.error(
            f"{place.code} is the wrong bin, expected {suggestion.code}.",
            f"Scan {suggestion.code}, or give a reason to put it in {place.code}.")

    # Posting ------------------------------------------------------------------------------

    def _put(self, pending: _Pending, location_id: int, *, note: str = "") -> Feedback:
        stock = pending.stock

        def work(session: Session) -> tuple[PostingResult, Place, list[PutawayTask]]:
            place = load_place(session, location_id)
            assert place is not None
            problem = refusal(place, pending.qty, storage_only=True,
                              warehouse_id=stock.warehouse_id)
            if problem:
                raise InputError(problem)
            result = post_moves(session, self._actor, self._move_lines(session, pending, place),
                                reason=Reason.PUTAWAY, reference=stock.dock_code, note=note,
                                idempotency_key=pending.key)
            return result, place, self._refreshed(session, place.id)

        try:
            _result, place, tasks = self._db.transact(work)
        except WareDeskError as exc:
            return Feedback.error(str(exc), self._prompt())
        done = self._done.get(stock.key)
        if done is None:
            self._done[stock.key] = _Done(stock, pending.qty, place.code)
        else:
            done.qty += pending.qty
            done.bin_code = place.code
        self._tasks = tasks
        self._pending = None
        left = next((t.qty for t in tasks if t.key == stock.key), 0)
        more = f"; {left} more wait on {stock.dock_code}" if left else ""
        return Feedback.ok(f"Put away {pending.qty} × {stock.sku}{_lot_text(stock)} in "
                           f"{place.code}{more}.", "Scan the next item.",
                           changed=frozenset({"stock", f"product:{stock.product_id}"}))

    def _move_lines(self, session: Session, pending: _Pending, place: Place) -> list[MoveLine]:
        stock = pending.stock
        if stock.tracking != Tracking.SERIAL:
            return [MoveLine(stock.product_id, pending.qty, stock.dock_id, place.id,
                             lot_id=stock.lot_id)]
        # Serial-tracked units move one by one: the scanned serial, or the first on the dock.
        stmt = (select(SerialNumber.id).where(SerialNumber.product_id == stock.product_id,
                                              SerialNumber.location_id == stock.dock_id)
                .order_by(SerialNumber.serial).limit(pending.qty))
        if pending.serial:
            stmt = stmt.where(SerialNumber.serial == pending.serial)
        stmt = stmt.where(SerialNumber.lot_id.is_(None) if stock.lot_id is None
                          else SerialNumber.lot_id == stock.lot_id)
        serials = list(session.scalars(stmt))
        if len(serials) < pending.qty:
            raise InputError(f"Serial {pending.serial or ''} of {stock.sku} is not on "
                             f"{stock.dock_code}: scan the unit's own label.")
        return [MoveLine(stock.product_id, 1, stock.dock_id, place.id, lot_id=stock.lot_id,
                         serial_id=serial_id) for serial_id in serials]

    def _refreshed(self, session: Session, filled_bin_id: int) -> list[PutawayTask]:
        """The task list after a posting: quantities reread for the docks on the list; a
        suggestion recomputed only where it may have changed (its quantity, or its bin filled)."""
        docks = {t.dock_id for t in self._tasks}
        if self._pending is not None:
            docks.add(self._pending.stock.dock_id)
        before = {t.key: t for t in self._tasks}
        tasks = []
        for stock in dock_stock(session, warehouse_id=self._warehouse_id, dock_ids=docks):
            old = before.get(stock.key)
            if (old is not None and old.qty == stock.qty and old.suggestion is not None
                    and old.suggestion.location_id != filled_bin_id):
                tasks.append(old)
            else:
                tasks.append(task_for(session, stock))
        return tasks

    # What the screen shows ----------------------------------------------------------------

    def _lines(self) -> list[FloorLine]:
        current = self._pending.stock.key if self._pending else None
        lines = []
        seen = set()
        for task in self._tasks:
            seen.add(task.key)
            done = self._done.get(task.key)
            lines.append(self._line(task, task.qty, done.qty if done else 0,
                                    task.suggested_code or "?", task.key == current))
        for key, done in self._done.items():
            if key not in seen:
                lines.append(self._line(done.stock, 0, done.qty, done.bin_code, key == current))
        return lines

    @staticmethod
    def _line(stock: DockStock, on_dock: int, done: int, bin_code: str,
              current: bool) -> FloorLine:
        # The bin first: it is what the worker walks to, and a narrow column cuts the end.
        lot = f" · lot {stock.lot_number}" if stock.lot_number else ""
        return FloorLine(sku=stock.sku, name=stock.name, expected=on_dock, done=done,
                         detail=f"→ {bin_code}{lot} · from {stock.dock_code}", current=current)

    def _prompt(self) -> str:
        if self._choices:
            return f"Type or scan the lot of {self._choices[0].sku}"
        pending = self._pending
        if pending is None:
            return "Scan an item on the dock"
        if pending.wrong is not None and pending.suggestion is not None:
            return f"Scan {pending.suggestion.code}, or type why {pending.wrong.code}"
        if pending.suggestion is None:
            return "Scan the bin you put it in"
        return f"Scan bin {pending.suggestion.code}"

    def _note(self, meaning: Meaning, feedback: Feedback) -> None:
        mark = "✗ " if feedback.level is Level.ERROR else ""
        self._recent.add(f"{mark}{meaning.describe()}")
