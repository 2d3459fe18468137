"""The counting workflow: a Qt-free state machine a screen, a test or a batch file drives.

Scan the count sheet (COUNT-<id>), then a location of the count: its round starts (the
location is blocked and its stock snapshotted), and every item scan is written to the round's
count lines at once. The next location (or CMD-DONE) finishes the bin: it is unblocked, and a
variance past the count's threshold sends it to a recount by somebody else.

Counted units are relative updates (counted = counted + n). A scan whose answer was lost (the
commit may or may not have happened) is retried by scanning it again: the retry compares the
line in the database with what this workflow last saw, so it is counted once either way. Lines
of a batch file carry keys, remembered for the bin's round, so a file replayed twice into the
same round counts nothing twice.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import replace
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.actor import Actor
from models.counting import bins, tally
from models.counting.bins import BinRound, CountInfo, RoundLine, RoundResult
from models.counting.count_view import counting_view
from models.counting.tally import Item, LineKey, Placed
from models.db import Database
from models.entities import BinStatus, CountStatus, Lot, Product, StockCount, Tracking
from models.feedback import Feedback, Level
from models.floor import MAX_TYPED_QTY, FloorView, Outcome, ScanRetry, typed_quantity
from models.permissions import Perm
from models.receiving.dates import parse_expiry
from models.scanning import (
    CommandKind,
    CommandScan,
    DocumentKind,
    DocumentScan,
    LocationScan,
    Meaning,
    ProductScan,
    ScanOptions,
    UnknownScan,
    interpret,
)

_CHANGED = frozenset({"counts"})


class CountingWorkflow:
    """Counting at one workstation; see the module docstring."""

    def __init__(self, db: Database, actor: Actor, *, options: ScanOptions | None = None,
                 today: Callable[[], date] = date.today) -> None:
        self.db = db
        self.actor = actor
        self.options = options
        self._today = today
        self._count: CountInfo | None = None
        self._round: BinRound | None = None
        self._lines: dict[LineKey, RoundLine] = {}
        self._history: list[tuple[LineKey, int, str]] = []  # this round's scans, for undo
        self._keys: set[str] = set()  # keys counted in this round
        self._last_item: Item | None = None
        self._last_key: LineKey | None = None
        self._pending: Item | None = None
        self._asking = ""
        self._pending_qty: int | None = None
        self._progress = (0, 0)
        self._retry = ScanRetry()
        self._recent: deque[str] = deque(maxlen=8)
        self._last_result = ""

    # --- the calls a screen makes ----------------------------------------------------------

    def scan(self, raw: str, *, symbology: str | None = None, key: str | None = None
             ) -> Feedback:
        """Handle one scan from a device (or a line of a batch-scanner file, whose `key`
        keeps a second replay into the same round from counting twice)."""
        request = f"scan:{raw}"
        key = self._retry.key(request, key)

        def work(session: Session) -> Outcome:
            meaning = interpret(session, raw, symbology=symbology, options=self.options)
            return self._on_meaning(session, meaning, raw, key)
        return self._retry.run(self.db, work, self._next_step, raw=request, key=key)

    def enter(self, text: str) -> Feedback:
        """Typed input: the lot or serial asked for, else a quantity for the next scan
        (digits), else a barcode typed by hand."""
        text = text.strip()
        if not text:
            return Feedback.warning("Nothing was typed.")
        if self._asking:
            return self._retry.run(self.db, lambda s: self._answer(s, text), self._next_step,
                                   raw=f"enter:{text}")
        qty = typed_quantity(text)
        if qty is not None:
            if not 0 < qty <= MAX_TYPED_QTY:
                return Feedback.error(f"A quantity is 1 to {MAX_TYPED_QTY}.")
            if self._round is None:
                return Feedback.error("Scan a location of the count first, then the "
                                      "quantity and the item.")
            self._pending_qty = qty
            return Feedback.ok(f"Quantity {qty}: now scan the item.")
        return self.scan(text)

    def cancel(self) -> Feedback:
        """Drop the typed quantity or the question; counts nothing and takes nothing back."""
        dropped = [what for what, there in (
            ("the quantity", self._pending_qty is not None),
            (f"the scan of {self._pending.sku}" if self._pending else "", self._pending))
            if there]
        self._clear_pending()
        if not dropped:
            return Feedback.ok("Nothing to cancel.", self._next_step())
        return Feedback.ok(f"Cancelled {', '.join(dropped)}.", self._next_step())

    def view(self) -> FloorView:
        """The state to show now."""
        return counting_view(self)

    # --- counting's own calls ----------------------------------------------------------------

    def open_count(self, count_id: int) -> Feedback:
        """Open an open count, as if its sheet's barcode COUNT-<id> was scanned."""
        return self.scan(f"COUNT-{count_id}")

    def bin_empty(self) -> Feedback:
        """The bin being counted holds nothing (as CMD-EMPTY)."""
        return self.scan("CMD-EMPTY")

    def finish_bin(self) -> Feedback:
        """Finish the bin being counted (as CMD-DONE)."""
        return self.scan("CMD-DONE")

    def undo_last(self) -> Feedback:
        """Take the last scan of this bin back (as CMD-UNDO)."""
        return self.scan("CMD-UNDO")

    # --- what the screen reads ---------------------------------------------------------------

    @property
    def count(self) -> CountInfo | None:
        """The open count, or None."""
        return self._count

    @property
    def current_bin(self) -> BinRound | None:
        """The bin being counted, or None."""
        return self._round

    @property
    def lines(self) -> list[RoundLine]:
        """The lines of the bin being counted: the snapshot's first, then what was found."""
        return list(self._lines.values())

    @property
    def last_line(self) -> LineKey | None:
        """The line the last scan touched."""
        return self._last_key

    @property
    def asking(self) -> str:
        """What typed input is for now: "", "lot" or "serial"."""
        return self._asking

    @property
    def pending(self) -> Item | None:
        """The item scan waiting for its lot or serial."""
        return self._pending

    @property
    def pending_qty(self) -> int | None:
        """A quantity typed for the next scan."""
        return self._pending_qty

    @property
    def progress(self) -> tuple[int, int]:
        """Bins counted and bins in the count."""
        return self._progress

    @property
    def recent(self) -> list[str]:
        """The last scans, newest first."""
        return list(self._recent)

    @property
    def last_result(self) -> str:
        """How the bin finished last came out."""
        return self._last_result

    def _next_step(self) -> str:
        return counting_view(self).prompt

    def _on_meaning(self, session: Session, meaning: Meaning, raw: str, key: str) -> Outcome:
        if isinstance(meaning, CommandScan):
            return self._command(session, meaning, key)
        if isinstance(meaning, DocumentScan):
            if meaning.document.kind is not DocumentKind.COUNT:
                return Outcome(Feedback.error(
                    f"{meaning.describe()} is not a count: scan the count sheet (COUNT-…)."))
            number = meaning.document.number
            if not number.isdigit():
                return Outcome(Feedback.error(f"COUNT-{number} is not a count number."))
            return self._open(session, int(number))
        if self._asking and isinstance(meaning, UnknownScan):
            return self._answer(session, meaning.scan.plain)
        if isinstance(meaning, LocationScan):
            return self._location(session, meaning)
        if isinstance(meaning, ProductScan):
            return self._product(session, meaning, raw, key)
        if isinstance(meaning, UnknownScan):
            return Outcome(Feedback.error(meaning.reason, self._next_step()))
        return Outcome(Feedback.error(f"{meaning.describe()}: count the items on it one by "
                                       "one.", self._next_step()))

    def _command(self, session: Session, meaning: CommandScan, key: str) -> Outcome:
        kind = meaning.command.kind
        if kind is CommandKind.CANCEL:
            return Outcome(self.cancel())
        if kind is CommandKind.UNDO:
            return self._undo(session)
        if kind is CommandKind.DONE:
            return self._finish(session, empty=False)
        if kind is CommandKind.BIN_EMPTY:
            return self._finish(session, empty=True)
        if kind is CommandKind.ADD_QUANTITY:
            last = self._last_item
            if last is None or self._round is None:
                return Outcome(Feedback.error("Scan an item first, then the quantity."))
            if last.tracking == Tracking.SERIAL:
                return Outcome(Feedback.error(
                    f"{last.sku} is serial-tracked: scan each unit's serial number."))
            more = replace(last, key=key, qty=meaning.command.quantity,
                           raw=meaning.command.code)
            return self._advance(session, more)
        return Outcome(Feedback.error(
            f"{meaning.describe()} is not used in counting: count every unit in the bin, "
            "damaged ones too, and tell a supervisor about the damage."))

    # --- the count and its bins ------------------------------------------------------------

    def _open(self, session: Session, count_id: int) -> Outcome:
        current = self._round
        if current is not None and self._count is not None:
            if self._count.id == count_id:
                return Outcome(Feedback.ok(f"{self._count.code} is open: keep counting "
                                            f"{current.code}.", self._next_step()))
            return Outcome(Feedback.error(
                f"Finish {current.code} first (CMD-DONE), then open another count."))
        self.actor.require(Perm.STOCK_MOVE)
        count = bins.load_count(session, count_id)
        resume_at = bins.counting_bin_of(session, count, self.actor.user_id)
        resumed = (bins.start_round(session, self.actor, count, resume_at)
                   if resume_at is not None else None)
        done, total = bins.progress(session, count.id)
        message = f"{count.code} · {count.title}: {done} of {total} locations counted."
        if resumed is not None:
            message += f" Resumed {resumed.code}."

        def after() -> None:
            self._count = count
            self._progress = (done, total)
            self._recent.clear()
            self._last_result = ""
            self._set_round(resumed)
        return Outcome(Feedback.ok(message, self._prompt_for(resumed)), after)

    def _location(self, session: Session, meaning: LocationScan) -> Outcome:
        count = self._count
        if count is None:
            return Outcome(Feedback.error(
                f"{meaning.code}: scan the count sheet (COUNT-…) first, then the location."))
        if self._asking and self._pending is not None:
            return Outcome(Feedback.error(
                f"Scan or type the {self._asking} of {self._pending.sku} first, or cancel "
                "(Esc)."))
        current = self._round
        if current is not None and current.location_id == meaning.location_id:
            return Outcome(Feedback.ok(f"Already counting {current.code}: scan the items.",
                                        self._next_step()))
        finished = (bins.finish_round(session, self.actor, count, current.bin_id)
                    if current is not None else None)
        status = session.scalar(select(StockCount.status).where(StockCount.id == count.id))
        if status != CountStatus.OPEN:
            # Approved or cancelled meanwhile: the bin in hand is finished (and unblocked),
            # no new one starts.
            text = f"{count.code} is {status} now: no more locations are counted in it."
            if finished is not None:
                text = f"{self._finished_text(finished)} {text}"

            def closed() -> None:
                if finished is not None:
                    self._bin_finished(finished)
                self._set_round(None)
            return Outcome(Feedback.error(text), closed)
        started = bins.start_round(session, self.actor, count, meaning.location_id)
        done, total = bins.progress(session, count.id)
        parts = [self._finished_text(finished)] if finished else []
        if started.resumed:
            units = sum(ln.counted for ln in started.lines)
            parts.append(f"Resumed {started.code}: {units} units counted so far.")
        elif started.round > 1:
            parts.append(f"Recounting {started.code} (round {started.round}): scan the items.")
        else:
            parts.append(f"Counting {started.code}: scan the items.")
        level = (Level.WARNING if finished and finished.status == BinStatus.RECOUNT
                 else Level.OK)

        def after() -> None:
            if finished is not None:
                self._bin_finished(finished)
            self._progress = (done, total)
            self._set_round(started)
            self._recent.appendleft(f"location {started.code}")
        return Outcome(Feedback(level, " ".join(parts), self._prompt_for(started), _CHANGED),
                        after)

    def _finish(self, session: Session, *, empty: bool) -> Outcome:
        count, current = self._count, self._round
        command = "CMD-EMPTY" if empty else "CMD-DONE"
        if count is None or current is None:
            return Outcome(Feedback.error(
                f"No location is being counted: scan a location of the count, then {command}."))
        if self._asking and self._pending is not None:
            return Outcome(Feedback.error(
                f"Scan or type the {self._asking} of {self._pending.sku} first, or cancel "
                "(Esc)."))
        units = sum(ln.counted for ln in self._lines.values())
        if empty and units:
            return Outcome(Feedback.error(
                f"{units} units are counted in {current.code}: take them back (CMD-UNDO) or "
                "finish the bin with CMD-DONE."))
        # An empty bin: every line of the snapshot stays at 0 counted.
        result = bins.finish_round(session, self.actor, count, current.bin_id)
        done, total = bins.progress(session, count.id)
        text = self._finished_text(result)
        if empty:
            text = f"{current.code} is empty. {text}"
        level = Level.WARNING if result.status == BinStatus.RECOUNT else Level.OK

        def after() -> None:
            self._bin_finished(result)
            self._progress = (done, total)
            self._set_round(None)
        return Outcome(Feedback(level, text, "Scan the next location of the count.",
                                 _CHANGED), after)

    def _finished_text(self, result: RoundResult) -> str:
        if result.status != BinStatus.RECOUNT:
            return f"{result.code} counted: {result.units} units."
        text = f"{result.code} counted: recount needed by another person."
        count = self._count
        if count is not None and not count.blind:
            # Non-blind counters see the numbers anyway; blind ones must not learn them.
            text += " " + "; ".join(f"{ln.sku}{f' lot {ln.lot}' if ln.lot else ''}"
                                    f"{f' SN {ln.serial}' if ln.serial else ''}: expected "
                                    f"{ln.expected}, counted {ln.counted}"
                                    for ln in result.variances[:3]) + "."
        return text

    # --- items -----------------------------------------------------------------------------

    def _product(self, session: Session, meaning: ProductScan, raw: str, key: str) -> Outcome:
        if self._count is None:
            return Outcome(Feedback.error(
                f"{meaning.sku}: scan the count sheet (COUNT-…) first, then a location."))
        if self._round is None:
            return Outcome(Feedback.error(
                f"{meaning.sku}: scan the location first; items count in the bin they lie in."))
        pending = self._pending
        if self._asking and pending is not None:
            if meaning.product_id != pending.product_id:
                return Outcome(Feedback.error(
                    f"Scan or type the {self._asking} of {pending.sku} first, or cancel (Esc)."))
            merged = replace(pending, lot=pending.lot or meaning.lot,
                             expiry=pending.expiry or meaning.expiry,
                             serial=pending.serial or meaning.serial)
            return self._advance(session, merged)
        typed = self._pending_qty
        if meaning.tracking == Tracking.SERIAL and (meaning.quantity != 1 or (typed or 1) != 1):
            return Outcome(Feedback.error(
                f"{meaning.sku} is serial-tracked: scan each unit's own label, one at a time.",
                "Scan one unit."), self._clear_pending)
        expiry_tracked = bool(session.scalar(select(Product.expiry_tracked).where(
            Product.id == meaning.product_id)))
        needs_lot = meaning.tracking == Tracking.LOT or expiry_tracked
        item = Item(key=key, product_id=meaning.product_id, sku=meaning.sku, name=meaning.name,
                    tracking=meaning.tracking, needs_lot=needs_lot,
                    qty=meaning.quantity * typed if typed else meaning.quantity, raw=raw,
                    lot=meaning.lot if needs_lot else None,
                    expiry=meaning.expiry if needs_lot else None,
                    serial=meaning.serial if meaning.tracking == Tracking.SERIAL else None,
                    expiry_tracked=expiry_tracked)
        return self._advance(session, item)

    def _answer(self, session: Session, text: str) -> Outcome:
        pending = self._pending
        if pending is None:
            return Outcome(Feedback.error("Nothing was asked for."))
        if self._asking == "lot":
            if len(text) > 64:
                return Outcome(Feedback.error("A lot number has at most 64 characters."))
            return self._advance(session, replace(pending, lot=text))
        if self._asking == "expiry":
            expiry = parse_expiry(text)
            if expiry is None:
                return Outcome(Feedback.error(
                    f"'{text}' is not a date: type it as 2027-03-31 or 270331.",
                    "Type the expiry date."))
            return self._advance(session, replace(pending, expiry=expiry))
        if len(text) > 128:
            return Outcome(Feedback.error("A serial number has at most 128 characters."))
        return self._advance(session, replace(pending, serial=text))

    def _advance(self, session: Session, item: Item) -> Outcome:
        missing = item.missing()
        if missing == "expiry":
            # A lot on record brings its expiry; only a lot found for the first time asks.
            known = session.scalar(select(Lot.expiry).where(
                Lot.product_id == item.product_id, Lot.number == item.lot))
            if known is not None:
                item = replace(item, expiry=known)
                missing = item.missing()
        if missing:
            questions = {"lot": f"{item.sku} is lot-tracked: scan or type the lot number.",
                         "expiry": f"{item.sku} lot {item.lot} is new here: type its expiry "
                                   "date.",
                         "serial": f"{item.sku}: scan the unit's serial number."}
            question = questions[missing]

            def ask() -> None:
                self._pending = item
                self._asking = missing
            return Outcome(Feedback.warning(question), ask)
        current, count = self._round, self._count
        assert current is not None and count is not None
        if item.key in self._keys:
            return Outcome(Feedback.ok(f"{item.describe()}: counted before, not again.",
                                        "Scan the next item."), self._clear_pending)
        placed = tally.place_item(session, count.id, current, item)
        line = self._lines.get(placed.key)
        if self._retry.retrying:
            stored = tally.stored_line(session, current, placed)
            if stored is not None and stored.counted == (line.counted if line else 0) + item.qty:
                # The lost answer had been committed: count nothing more.
                return Outcome(Feedback.ok(f"{item.describe()}: counted before, not again.",
                                            "Scan the next item."),
                                self._counted(item, placed, stored, recent=True))
            line = stored
        if placed.counted_in:
            return Outcome(Feedback.error(
                f"Serial {item.serial} of {item.sku} is counted already in "
                f"{placed.counted_in}: each unit counts once.", "Scan the next item."),
                self._clear_pending)
        new = tally.add_counted(session, current, placed, line, item.qty)
        warnings = [placed.note] if placed.note else []
        if item.lot:
            expiry = session.scalar(select(Lot.expiry).where(Lot.id == placed.key[1]))
            if expiry is not None and expiry < self._today():
                warnings.append(f"lot {item.lot} expired on {expiry}")
        text = f"{item.describe()} in {current.code}"
        after = self._counted(item, placed, new, recent=True)
        if warnings:
            return Outcome(Feedback(Level.WARNING, f"{text}: " + "; ".join(warnings),
                                     "Scan the next item.", _CHANGED), after)
        return Outcome(Feedback.ok(text, "Scan the next item.", _CHANGED), after)

    def _counted(self, item: Item, placed: Placed, line: RoundLine, *, recent: bool
                 ) -> Callable[[], None]:
        def after() -> None:
            self._lines[placed.key] = line
            self._history.append((placed.key, item.qty, item.describe()))
            self._keys.add(item.key)
            self._last_item = replace(item, qty=1)
            self._last_key = placed.key
            self._clear_pending()
            if recent:
                self._recent.appendleft(item.describe())
        return after

    def _undo(self, session: Session) -> Outcome:
        current = self._round
        if current is None or not self._history:
            return Outcome(Feedback.warning("Nothing to undo in this bin.", self._next_step()))
        key, qty, text = self._history[-1]
        line = self._lines[key]
        placed = Placed(key, line.sku, line.name, line.lot, line.serial)
        if self._retry.retrying:
            stored = tally.stored_line(session, current, placed)
            if stored is not None and stored.counted == line.counted - qty:
                return Outcome(Feedback.ok(f"Undone: {text} (taken back before)."),
                                self._undone(key, stored, text))
        new = tally.add_counted(session, current, placed, line, -qty)
        return Outcome(Feedback.ok(f"Undone: {text} is no longer counted in {current.code}.",
                                    self._next_step(), _CHANGED), self._undone(key, new, text))

    def _undone(self, key: LineKey, line: RoundLine, text: str) -> Callable[[], None]:
        def after() -> None:
            self._lines[key] = line
            self._history.pop()
            self._last_key = self._history[-1][0] if self._history else None
            self._last_item = None
            self._clear_pending()
            self._recent.appendleft(f"undone: {text}")
        return after

    # --- state -----------------------------------------------------------------------------

    def _prompt_for(self, current: BinRound | None) -> str:
        if current is None:
            return "Scan a location of the count"
        return f"Counting {current.code}: scan the items, then the next location (CMD-DONE " \
               "when done)"

    def _set_round(self, current: BinRound | None) -> None:
        self._round = current
        self._lines = {ln.key: ln for ln in current.lines} if current else {}
        self._history = []
        self._keys = set()
        self._last_item = None
        self._last_key = None
        self._clear_pending()

    def _bin_finished(self, result: RoundResult) -> None:
        self._last_result = self._finished_text(result)
        self._recent.appendleft(f"{result.code}: {result.status}")

    def _clear_pending(self) -> None:
        self._pending = None
        self._asking = ""
        self._pending_qty = None
