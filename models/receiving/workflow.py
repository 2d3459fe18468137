"""The receiving workflow: a Qt-free state machine a screen, a test or a batch file drives.

Scan a purchase order (or start an unplanned receipt), then the goods. Every accepted scan is
posted at once, supplier -> dock, with an idempotency key, so a crash loses at most the scan in
flight and reopening the order resumes the receipt. Lots, expiry dates and serial numbers come
from GS1 barcodes or are asked for; units beyond the over-receipt tolerance wait for a
supervisor; damaged units go to quarantine; the last scan can be undone by a reversing posting.
"""

from __future__ import annotations

import uuid
from collections import deque
from collections.abc import Callable
from dataclasses import replace
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.actor import Actor
from models.db import Database
from models.entities import Lot, Product, Tracking
from models.errors import WareDeskError
from models.feedback import Feedback, Level
from models.floor import MAX_TYPED_QTY, FloorView, Outcome, ScanRetry, typed_quantity
from models.permissions import Perm
from models.receiving import finishing
from models.receiving.arrivals import Arrival
from models.receiving.dates import parse_expiry
from models.receiving.order_checks import fit_to_order
from models.receiving.pending import Pending, describe_record
from models.receiving.posting import last_open_scan, post_arrival, undo_scan
from models.receiving.receipts import (
    ReceiptState,
    ScanRecord,
    load_state,
    open_for_order,
    received_on_line,
    start_unplanned,
)
from models.receiving.screen import ScanTotals, receiving_view
from models.receiving.tolerance import Verdict
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
from models.users import authenticate


class ReceivingWorkflow:
    """Receiving at one workstation; see the module docstring."""

    def __init__(self, db: Database, actor: Actor, *, options: ScanOptions | None = None,
                 blind: bool = False, today: Callable[[], date] = date.today) -> None:
        self.db = db
        self.actor = actor
        self.options = options
        self.blind = blind
        self._today = today
        self._state: ReceiptState | None = None
        self._scans: dict[int, ScanRecord] = {}  # by id, oldest first
        self._totals = ScanTotals()
        self._last_record: ScanRecord | None = None
        self._before: dict[int, int] = {}  # order line -> units received by earlier receipts
        self._names: dict[int, str] = {}
        self._pending_qty: int | None = None
        self._damaged = False
        self._pending: Pending | None = None
        self._asking = ""
        self._last: Pending | None = None
        self._retry = ScanRetry()
        self._recent: deque[str] = deque(maxlen=8)
        self._summary: finishing.ReceiptSummary | None = None

    # --- the calls a screen makes ----------------------------------------------------------

    def scan(self, raw: str, *, symbology: str | None = None, key: str | None = None
             ) -> Feedback:
        """Handle one scan from a device (or a line of a batch-scanner file, whose `key`
        makes a second import of the same file count nothing twice)."""
        key = self._retry.key(raw, key)

        def work(session: Session) -> Outcome:
            meaning = interpret(session, raw, symbology=symbology, options=self.options)
            return self._on_meaning(session, meaning, raw, key)
        return self._run(work, raw=raw, key=key)

    def enter(self, text: str) -> Feedback:
        """Typed input: the lot, expiry or serial asked for, else a quantity for the next scan
        (digits), else a barcode typed by hand."""
        text = text.strip()
        if not text:
            return Feedback.warning("Nothing was typed.")
        if self._asking == "approval":
            return Feedback.error("A supervisor must approve this over-receipt first (F9), "
                                  "or cancel it (Esc).")
        if self._asking:
            return self._run(lambda s: self._answer(s, text))
        qty = typed_quantity(text)
        if qty is not None:
            if not 0 < qty <= MAX_TYPED_QTY:
                return Feedback.error(f"A quantity is 1 to {MAX_TYPED_QTY}.")
            self._pending_qty = qty
            return Feedback.ok(f"Quantity {qty}: now scan the item.")
        return self.scan(text)

    def cancel(self) -> Feedback:
        """Drop the pending quantity, damaged mark, question or over-receipt; no stock moves."""
        dropped = [what for what, there in (
            ("the quantity", self._pending_qty is not None), ("the damaged mark", self._damaged),
            (f"the scan of {self._pending.sku}" if self._pending else "", self._pending))
            if there]
        self._clear_pending()
        if not dropped:
            return Feedback.ok("Nothing to cancel.", self._next_step())
        return Feedback.ok(f"Cancelled {', '.join(dropped)}.", self._next_step())

    def view(self) -> FloorView:
        """The state to show now."""
        return receiving_view(self)

    # --- receiving's own calls ---------------------------------------------------------------

    def open_order(self, number: str) -> Feedback:
        """Open (or resume) the receipt of a purchase order, as if its barcode was scanned."""
        number = number.strip().upper().removeprefix("PO-")
        return self._run(lambda s: self._open_order(s, number))

    def start_unplanned(self, *, reason: str, supplier_code: str | None = None) -> Feedback:
        """Start a receipt without a purchase order (needs the permission and a reason)."""
        def work(session: Session) -> Outcome:
            receipt_id = start_unplanned(session, self.actor, reason=reason,
                                         supplier_code=supplier_code)
            return self._opened(session, receipt_id, resumed=False)
        return self._run(work)

    def mark_damaged(self) -> Feedback:
        """The next scan's units are damaged: they go to quarantine."""
        if self._state is None:
            return Feedback.error("Scan a purchase order first.")
        self._damaged = not self._damaged
        if not self._damaged:
            return Feedback.ok("Damaged mark removed: the next scan goes to the dock.")
        return Feedback.warning("Damaged: the next scan goes to quarantine.",
                                "Scan the damaged item.")

    def undo_last(self) -> Feedback:
        """Reverse the last scan still counted (a reversing posting, not a delete)."""
        state = self._state
        if state is None:
            return Feedback.error("No receipt is open: nothing to undo.")

        def work(session: Session) -> Outcome:
            scan_id = last_open_scan(session, state.receipt_id)
            if scan_id is None:
                return Outcome(Feedback.warning("Nothing to undo on this receipt."))
            undo_scan(session, self.actor, scan_id)
            record = self._scans.get(scan_id)
            text = (f"{record.qty} × {record.sku}" if record else f"scan {scan_id}")

            def after() -> None:
                if record is not None and not record.undone:
                    self._scans[scan_id] = replace(record, undone=True)
                    self._totals.add(record, sign=-1)
                self._last_record = next((r for r in reversed(self._scans.values())
                                          if not r.undone), None)
                self._recent.appendleft(f"undone: {text}")
            return Outcome(Feedback.ok(f"Undone: {text} went back off the receipt.",
                                        self._next_step(), frozenset({"stock"})), after)
        return self._run(work)

    def approve(self, *, username: str, password: str) -> Feedback:
        """A supervisor approves the over-receipt waiting for approval."""
        pending = self._pending
        if self._asking != "approval" or pending is None:
            return Feedback.error("Nothing is waiting for a supervisor's approval.")

        def work(session: Session) -> Outcome:
            approver = authenticate(session, username, password, self.actor.workstation)
            approver.require(Perm.RECEIVE_OVERRIDE)
            approved = replace(pending, approved_by=approver.user_id,
                               approver=approver.username)
            return self._advance(session, approved)
        return self._run(work)

    def finish(self) -> finishing.ReceiptSummary:
        """Finish the open receipt: its summary, and the purchase order's status updated.
        Raises a WareDeskError when there is none."""
        state = self._state
        if state is None:
            raise WareDeskError("No receipt is open: scan a purchase order first.")
        summary = self.db.transact(
            lambda s: finishing.finish_receipt(s, self.actor, state.receipt_id))
        self._finished(summary)
        return summary

    def summary(self) -> finishing.ReceiptSummary | None:
        """The open receipt's summary so far (or the one just finished)."""
        if self._state is None:
            return self._summary
        state = self._state
        with self.db.read() as session:
            return finishing.summarize(session, state.receipt_id)

    # --- what the screen reads ---------------------------------------------------------------

    @property
    def state(self) -> ReceiptState | None:
        """The open receipt, or None."""
        return self._state

    @property
    def scans(self) -> list[ScanRecord]:
        """This receipt's scans, oldest first."""
        return list(self._scans.values())

    @property
    def totals(self) -> ScanTotals:
        """Running totals of this receipt's scans."""
        return self._totals

    @property
    def last_record(self) -> ScanRecord | None:
        """The newest scan still counted."""
        return self._last_record

    @property
    def received_before(self) -> dict[int, int]:
        """Units received on each order line by earlier receipts."""
        return dict(self._before)

    @property
    def product_names(self) -> dict[int, str]:
        """Names of the products scanned, by id."""
        return dict(self._names)

    @property
    def asking(self) -> str:
        """What typed input is for now (see FloorView.asking)."""
        return self._asking

    @property
    def pending(self) -> Pending | None:
        """The scan waiting for an answer or an approval."""
        return self._pending

    @property
    def pending_qty(self) -> int | None:
        """A quantity typed for the next scan."""
        return self._pending_qty

    @property
    def damaged(self) -> bool:
        """True when the next scan is marked damaged."""
        return self._damaged

    @property
    def recent(self) -> list[str]:
        """The last scans, newest first."""
        return list(self._recent)

    @property
    def last_summary(self) -> finishing.ReceiptSummary | None:
        """The summary of the receipt finished last."""
        return self._summary

    def _next_step(self) -> str:
        return receiving_view(self).prompt

    # --- running ---------------------------------------------------------------------------

    def _run(self, work: Callable[[Session], Outcome], *, raw: str | None = None,
             key: str = "") -> Feedback:
        return self._retry.run(self.db, work, self._next_step, raw=raw, key=key)

    # --- scans -----------------------------------------------------------------------------

    def _on_meaning(self, session: Session, meaning: Meaning, raw: str, key: str) -> Outcome:
        if isinstance(meaning, CommandScan):
            return self._command(session, meaning)
        if isinstance(meaning, DocumentScan):
            if meaning.document.kind is not DocumentKind.PURCHASE_ORDER:
                return Outcome(Feedback.error(
                    f"{meaning.describe()} is not a purchase order: scan the purchase order "
                    "of this delivery."))
            return self._open_order(session, meaning.document.number)
        if self._asking in ("lot", "serial") and isinstance(meaning, UnknownScan):
            return self._answer(session, meaning.scan.plain)
        if self._asking == "approval":
            return Outcome(Feedback.error(
                "This over-receipt waits for a supervisor (F9) or Cancel (Esc) first."))
        if isinstance(meaning, ProductScan):
            return self._product(session, meaning, raw, key)
        if isinstance(meaning, LocationScan):
            return Outcome(Feedback.error(
                f"{meaning.describe()} is a location: in receiving, scan the items (put them "
                "away in Putaway)."))
        if isinstance(meaning, UnknownScan):
            return Outcome(Feedback.error(meaning.reason, self._next_step()))
        return Outcome(Feedback.error(f"{meaning.describe()}: scan the items on it one by one.",
                                       self._next_step()))

    def _command(self, session: Session, meaning: CommandScan) -> Outcome:
        kind = meaning.command.kind
        if kind is CommandKind.CANCEL:
            return Outcome(self.cancel())
        if kind is CommandKind.DAMAGED:
            return Outcome(self.mark_damaged())
        if kind is CommandKind.UNDO:
            return Outcome(self.undo_last())
        if kind is CommandKind.DONE:
            if self._state is None:
                return Outcome(Feedback.error("No receipt is open: nothing to finish."))
            if self._asking:
                return Outcome(Feedback.error(
                    f"Answer the question first ({self._asking}) or cancel it."))
            state = self._state
            summary = finishing.finish_receipt(session, self.actor, state.receipt_id)
            return Outcome(Feedback.ok(f"Receipt finished. {summary.message}.",
                                        "Scan the next purchase order."),
                            after=lambda: self._finished(summary))
        if kind is CommandKind.ADD_QUANTITY:
            last = self._last
            if last is None or self._state is None:
                return Outcome(Feedback.error("Scan an item first, then the quantity."))
            if last.tracking == Tracking.SERIAL:
                return Outcome(Feedback.error(
                    f"{last.sku} is serial-tracked: scan each unit's serial number."))
            more = replace(last, key=uuid.uuid4().hex, qty=meaning.command.quantity,
                           pack_qty=1, damaged=self._damaged, raw=meaning.command.code,
                           approved_by=None, approver="")
            return self._advance(session, more)
        return Outcome(Feedback.error(f"{meaning.describe()} is not used in receiving."))

    def _open_order(self, session: Session, number: str) -> Outcome:
        receipt_id = open_for_order(session, self.actor, number, blind=self.blind)
        resumed = bool(load_state(session, receipt_id).scans)
        return self._opened(session, receipt_id, resumed=resumed)

    def _opened(self, session: Session, receipt_id: int, *, resumed: bool) -> Outcome:
        state = load_state(session, receipt_id)
        this_receipt: dict[int, int] = {}
        for scan in state.scans:
            if scan.order_line_id is not None and not scan.undone:
                this_receipt[scan.order_line_id] = this_receipt.get(scan.order_line_id, 0) + \
                    scan.qty
        before = {line.id: received_on_line(session, line.id) - this_receipt.get(line.id, 0)
                  for line in state.lines}
        names = {line.product_id: line.name for line in state.lines}
        extra = {s.product_id for s in state.scans} - names.keys()
        if extra:
            names.update(session.execute(select(Product.id, Product.name).where(
                Product.id.in_(extra))).all())
        title = state.order_code or f"REC-{state.receipt_id}"
        counted = sum(s.qty for s in state.scans if not s.undone)
        message = (f"Resumed {title}: {counted} units already received." if resumed
                   else f"Receiving {title}" + (f" from {state.supplier}" if state.supplier
                                               else "") + ".")

        def after() -> None:
            self._state = state
            self._scans = {scan.id: scan for scan in state.scans}
            self._totals = ScanTotals(state.scans)
            self._last_record = next((r for r in reversed(state.scans) if not r.undone), None)
            self._before = before
            self._names = names
            self._clear_pending()
            self._last = None
            self._summary = None
            self._recent.clear()
            for scan in reversed(state.scans[-8:]):
                self._recent.append(describe_record(scan))
        return Outcome(Feedback.ok(message, "Scan the first item."), after)

    def _product(self, session: Session, meaning: ProductScan, raw: str, key: str) -> Outcome:
        if self._state is None:
            return Outcome(Feedback.error(
                f"{meaning.sku}: scan the purchase order first (F2 to type its number, F3 for "
                "a receipt without an order)."))
        if self._asking and self._pending is not None:
            if meaning.product_id != self._pending.product_id:
                return Outcome(Feedback.error(
                    f"Scan or type the {self._asking} of {self._pending.sku} first, or cancel "
                    "(Esc)."))
            merged = replace(self._pending, lot=self._pending.lot or meaning.lot,
                             expiry=self._pending.expiry or meaning.expiry,
                             serial=self._pending.serial or meaning.serial)
            return self._advance(session, merged)
        product = session.execute(select(
            Product.expiry_tracked, Product.min_remaining_days).where(
            Product.id == meaning.product_id)).one()
        typed = self._pending_qty
        if meaning.tracking == Tracking.SERIAL and (meaning.quantity != 1 or (typed or 1) != 1):
            return Outcome(Feedback.error(
                f"{meaning.sku} is serial-tracked: scan each unit's own label, one at a time.",
                "Scan one unit."))
        qty = meaning.quantity * typed if typed else meaning.quantity
        pending = Pending(
            key=key, product_id=meaning.product_id, sku=meaning.sku, name=meaning.name,
            tracking=meaning.tracking, expiry_tracked=bool(product.expiry_tracked),
            min_remaining_days=product.min_remaining_days, pack_qty=meaning.pack_qty, qty=qty,
            raw=raw, damaged=self._damaged, lot=meaning.lot, expiry=meaning.expiry,
            serial=meaning.serial)
        return self._advance(session, pending)

    def _answer(self, session: Session, text: str) -> Outcome:
        pending = self._pending
        if pending is None:
            return Outcome(Feedback.error("Nothing was asked for."))
        if self._asking == "lot":
            if len(text) > 64:
                return Outcome(Feedback.error("A lot number has at most 64 characters."))
            pending = replace(pending, lot=text)
        elif self._asking == "expiry":
            expiry = parse_expiry(text)
            if expiry is None:
                return Outcome(Feedback.error(
                    f"'{text}' is not a date: type it as 2027-03-31 or 270331.",
                    "Type the expiry date."))
            pending = replace(pending, expiry=expiry)
        elif self._asking == "serial":
            if len(text) > 128:
                return Outcome(Feedback.error("A serial number has at most 128 characters."))
            pending = replace(pending, serial=text)
        return self._advance(session, pending)

    # --- the checks, then the posting --------------------------------------------------------

    def _ask(self, pending: Pending, what: str) -> Outcome:
        questions = {"lot": f"{pending.sku} is lot-tracked: scan or type the lot number.",
                     "expiry": f"{pending.sku} lot {pending.lot}: type the expiry date.",
                     "serial": f"{pending.sku}: scan the unit's serial number."}

        def after() -> None:
            self._pending = pending
            self._asking = what
        return Outcome(Feedback.warning(questions[what]), after)

    def _advance(self, session: Session, pending: Pending) -> Outcome:
        missing = pending.missing()
        if missing == "expiry":
            # A lot already recorded brings its expiry along: one lot, one date.
            known = session.scalar(select(Lot.expiry).where(
                Lot.product_id == pending.product_id, Lot.number == pending.lot))
            if known is not None:
                pending = replace(pending, expiry=known)
                missing = pending.missing()
        if missing:
            return self._ask(pending, missing)
        state = self._state
        assert state is not None
        warnings: list[str] = []
        if pending.expiry is not None:
            left = (pending.expiry - self._today()).days
            if left < 0 and not pending.damaged:
                return self._refuse(
                    f"{pending.sku} lot {pending.lot} expired on {pending.expiry}: do not "
                    "receive it as good stock (mark it damaged for quarantine, or set it "
                    "aside for the supplier).")
            if left < 0:
                warnings.append(f"expired on {pending.expiry}")
            elif pending.min_remaining_days is not None and left < pending.min_remaining_days:
                warnings.append(f"only {left} days of shelf life left "
                                f"(at least {pending.min_remaining_days} wanted)")
        fit = fit_to_order(session, state, product_id=pending.product_id, sku=pending.sku,
                           qty=pending.qty)
        if fit.verdict is Verdict.BLOCK and pending.approved_by is None:
            def wait() -> None:
                self._pending = pending
                self._asking = "approval"
            return Outcome(Feedback.error(
                f"Over-receipt of {pending.sku}: {fit.detail}. A supervisor must approve (F9), "
                "or cancel (Esc)."), wait)
        if fit.verdict in (Verdict.TOLERATED, Verdict.WARN):
            warnings.append(fit.detail)
        note = f"over-receipt approved by {pending.approver}" if pending.approver else ""
        arrival = Arrival(
            product_id=pending.product_id, sku=pending.sku, qty=pending.qty,
            pack_qty=pending.pack_qty, lot=pending.lot, expiry=pending.expiry,
            serial=pending.serial, damaged=pending.damaged,
            order_line_id=fit.line.id if fit.line else None, unit_cost=fit.unit_cost,
            raw=pending.raw,
            approved_by=pending.approved_by, note=note)
        scan_id, replayed = post_arrival(session, self.actor, state, arrival, key=pending.key)
        record = ScanRecord(scan_id, pending.product_id, pending.sku, pending.qty,
                            pending.pack_qty, pending.damaged, pending.lot, pending.expiry,
                            pending.serial, arrival.order_line_id, False)
        text = describe_record(record)
        where = "quarantine" if pending.damaged else state.dock_code

        def after() -> None:
            if scan_id not in self._scans:
                self._scans[scan_id] = record
                self._totals.add(record)
                self._last_record = record
                self._recent.appendleft(text)
            self._names[pending.product_id] = pending.name
            self._last = replace(pending, damaged=False)
            self._clear_pending()
        if replayed:
            return Outcome(Feedback.ok(f"{text}: counted before, not again.",
                                        "Scan the next item."), after)
        message = f"{text} → {where}"
        changed = frozenset({"stock"})
        if warnings:
            return Outcome(Feedback(Level.WARNING, f"{message}: " + "; ".join(warnings),
                                     "Scan the next item.", changed), after)
        return Outcome(Feedback.ok(message, "Scan the next item.", changed), after)

    def _refuse(self, message: str) -> Outcome:
        return Outcome(Feedback.error(message, "Scan the next item."), self._clear_pending)

    # --- state -----------------------------------------------------------------------------

    def _clear_pending(self) -> None:
        self._pending = None
        self._asking = ""
        self._pending_qty = None
        self._damaged = False

    def _finished(self, summary: finishing.ReceiptSummary) -> None:
        self._summary = summary
        self._state = None
        self._scans = {}
        self._totals = ScanTotals()
        self._last_record = None
        self._before = {}
        self._clear_pending()
        self._last = None
        self._recent.appendleft(f"finished {summary.receipt}")
