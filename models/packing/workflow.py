"""The packing workflow (扫描验货): a Qt-free state machine a screen, a test or a batch file
drives.

Scan the order's tote (TOTE-…) or its number (SO-… or the shop's order number, from the
packing slip): the order must be picked, its units at the packing table. Scan every item: a
product or pack barcode counts its units; an item not in the order, one more than the order
has, or a GS1 code whose lot (10) or serial (21) is not one picked for the order, is refused
(put it aside); so is a serial scanned for the order already (until that scan is undone): the
same unit's label twice is one unit. A code without them is taken as it is. Each accepted
scan is saved at once with its key, so a restart goes on where the packer was and a scan
retried after a lost answer counts once. CMD-UNDO (Ctrl+Z) takes the last item scan back.

When every unit is scanned, the parcel is weighed: `weigh(kg)` with the scale's stable weight
(or a typed one). It is compared with the products' weights plus the packaging allowance,
within the tolerance (see weights.py). Outside it the order stops: weigh again after checking
the parcel, or a supervisor approves (F9). When a product has no weight the check cannot be
made: the packer is told which and confirms (CMD-DONE or Enter).

Then the tracking number: a number-pool carrier gives the next one; for a manual carrier the
packer scans the number of the carrier's waybill. With the number the order ships in the same
transaction: one posting packing -> customer of all its units, the order `shipped`, the
weight, the packer and the time kept in its shipment. The screen prints the waybill and the
packing slip afterwards.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.actor import Actor
from models.carriers.tracking import give_tracking
from models.db import Database
from models.entities import Carrier, CarrierKind, SalesOrder, SalesOrderStatus, Shipment
from models.errors import InputError
from models.feedback import Feedback, Level
from models.figures import plain
from models.floor import FloorLine, FloorView, Outcome, ScanRetry
from models.packing import parcel
from models.packing.parcel import ParcelItem
from models.packing.weights import Expected, expected_weight, parse_kg, weight_rule
from models.permissions import Perm
from models.plural import plural_s
from models.scanning import (
    CommandKind,
    CommandScan,
    DocumentKind,
    DocumentScan,
    Meaning,
    ProductScan,
    ScanOptions,
    UnknownScan,
    interpret,
)
from models.users import authenticate

_CHANGED = frozenset({"stock", "orders"})


@dataclass(frozen=True)
class ParcelState:
    """The order on the packing table after the last call."""

    id: int
    number: str
    carrier: str
    manual_carrier: bool
    tracking: str
    packing: str
    items: tuple[ParcelItem, ...]
    expected: Expected

    @property
    def left(self) -> int:
        """Units still to scan."""
        return sum(i.left for i in self.items)


@dataclass(frozen=True)
class Shipped:
    """The order the last call shipped: what the screen prints."""

    order_id: int
    number: str
    carrier: str
    tracking: str
    weight_kg: Decimal | None


@dataclass(frozen=True)
class _Weighing:
    kg: Decimal
    accepted: bool  # within the tolerance, approved or confirmed
    approver: str = ""
    approved_by: int | None = None


class PackingWorkflow:
    """Packing at one workstation; see the module docstring."""

    def __init__(self, db: Database, actor: Actor, *, options: ScanOptions | None = None
                 ) -> None:
        self.db = db
        self.actor = actor
        self.options = options
        self._order: ParcelState | None = None
        self._weighing: _Weighing | None = None
        self._asking = ""
        self._shipped: Shipped | None = None
        self._retry = ScanRetry()
        self._recent: deque[str] = deque(maxlen=8)

    # --- the calls a screen makes ----------------------------------------------------------

    def scan(self, raw: str, *, symbology: str | None = None, key: str | None = None
             ) -> Feedback:
        """Handle one scan from a device (or a batch file's line, whose `key` keeps a replay
        of the same file from counting twice)."""
        key = self._retry.key(raw, key)
        if self._asking == "tracking" and not raw.upper().startswith(("CMD-", "TOTE-")):
            weighing = self._weighing
            assert weighing is not None
            return self._run(lambda s: self._forward(s, weighing, typed=raw), raw, key)

        def work(session: Session) -> Outcome:
            meaning = interpret(session, raw, symbology=symbology, options=self.options)
            return self._on_meaning(session, meaning, raw, key)
        return self._run(work, raw, key)

    def enter(self, text: str) -> Feedback:
        """Typed input: the weight in kg once every item is scanned, the tracking number
        when asked for it, a confirmation, else a barcode or order number typed by hand."""
        text = text.strip()
        if self._asking == "confirm" and text.lower() in ("", "y", "yes", "ok"):
            return self.confirm()
        if not text:
            return Feedback.warning("Nothing was typed.")
        if self._asking == "tracking":
            return self.scan(text)
        order = self._order
        if order is not None and order.left == 0 and _looks_like_weight(text):
            return self.weigh(text)
        return self.scan(text)

    def weigh(self, kg: str | Decimal | float) -> Feedback:
        """The parcel's weight (the scale's stable weight, or typed), checked against the
        expected weight once every item is scanned."""
        order = self._order
        if order is None:
            return Feedback.error("Scan the order's tote or number first.")
        if order.left:
            return Feedback.error(f"Order {order.number} has {order.left} "
                                  f"unit{plural_s(order.left)} still to scan: scan every item "
                                  "before weighing.", self.view().prompt)
        try:
            weight = parse_kg(kg)
        except InputError as exc:
            return Feedback.error(str(exc), self.view().prompt)
        expected = order.expected
        if expected.unweighed:
            self._weighing = _Weighing(weight, accepted=False)
            self._asking = "confirm"
            self._recent.appendleft(f"{plain(weight)} kg, not checked")
            return Feedback.warning(
                f"{', '.join(expected.unweighed)} has no weight in the product list, so "
                f"{plain(weight)} kg cannot be checked: look over the parcel and confirm "
                "(Enter), or weigh again.", "Confirm the parcel (Enter) or weigh again (F5)")
        if not expected.fits(weight):
            self._weighing = _Weighing(weight, accepted=False)
            self._asking = "approval"
            self._recent.appendleft(f"{plain(weight)} kg, outside")
            return Feedback.error(
                f"{plain(weight)} kg is outside the expected {expected.describe()}: check the "
                "items and weigh again (F5), or a supervisor approves (F9).",
                "Weigh again (F5) or supervisor approval (F9)")
        self._recent.appendleft(f"{plain(weight)} kg")
        accepted = _Weighing(weight, accepted=True)
        return self._run(lambda s: self._forward(s, accepted, typed=None))

    def approve(self, *, username: str, password: str) -> Feedback:
        """A supervisor lets a weight outside the tolerance go."""
        weighing = self._weighing
        if self._asking != "approval" or weighing is None:
            return Feedback.error("Nothing is waiting for a supervisor's approval.")

        def work(session: Session) -> Outcome:
            approver = authenticate(session, username, password, self.actor.workstation)
            approver.require(Perm.PACK_OVERRIDE)
            approved = replace(weighing, accepted=True, approver=approver.username,
                               approved_by=approver.user_id)
            return self._forward(session, approved, typed=None)
        return self._run(work)

    def confirm(self) -> Feedback:
        """The packer confirms a parcel whose weight could not be checked."""
        weighing = self._weighing
        if self._asking != "confirm" or weighing is None:
            return Feedback.error("Nothing is waiting for a confirmation.")
        accepted = replace(weighing, accepted=True)
        return self._run(lambda s: self._forward(s, accepted, typed=None))

    def undo_last(self) -> Feedback:
        """Take the last item scan back (as CMD-UNDO)."""
        return self.scan("CMD-UNDO")

    def cancel(self) -> Feedback:
        """Drop a weight waiting for approval or confirmation; the item scans stay."""
        if self._weighing is None and not self._asking:
            return Feedback.ok("Nothing to cancel.", self.view().prompt)
        self._weighing = None
        self._asking = ""
        return Feedback.ok("Cancelled the weight: weigh the parcel again.", self.view().prompt)

    def view(self) -> FloorView:
        """The state to show now."""
        return _view(self)

    # --- what the screen reads ---------------------------------------------------------------

    @property
    def order(self) -> ParcelState | None:
        """The order on the packing table, or None."""
        return self._order

    @property
    def weighed_kg(self) -> Decimal | None:
        """The weight last read or typed for the open order."""
        return self._weighing.kg if self._weighing else None

    @property
    def asking(self) -> str:
        """What typed input is for: "", "weight", "approval", "confirm" or "tracking"."""
        if self._asking:
            return self._asking
        if self._order is not None and self._order.left == 0:
            return "weight"
        return ""

    @property
    def shipped(self) -> Shipped | None:
        """The order shipped by the last call that shipped one (for printing)."""
        return self._shipped

    @property
    def recent(self) -> list[str]:
        """The last scans, newest first."""
        return list(self._recent)

    # --- internals ---------------------------------------------------------------------------

    def _run(self, work: Callable[[Session], Outcome], raw: str | None = None, key: str = ""
             ) -> Feedback:
        return self._retry.run(self.db, work, lambda: self.view().prompt, raw=raw, key=key)

    def _on_meaning(self, session: Session, meaning: Meaning, raw: str, key: str
                    ) -> Outcome:
        if isinstance(meaning, CommandScan):
            return self._command(session, meaning, key)
        if isinstance(meaning, DocumentScan):
            kind, number = meaning.document.kind, meaning.document.number
            if kind is DocumentKind.TOTE:
                return self._open(session, parcel.order_for_tote(session, f"TOTE-{number}"))
            if kind is DocumentKind.SALES_ORDER:
                return self._open(session, parcel.order_for_number(session, number))
            return Outcome(Feedback.error(f"{meaning.describe()} is not an order: scan the "
                                           "tote (TOTE-…) or the order number."))
        if isinstance(meaning, ProductScan):
            if self._order is None:
                return Outcome(Feedback.error("Scan the order's tote or number first, then "
                                               "its items."))
            return self._item(session, meaning, key)
        if isinstance(meaning, UnknownScan):
            # A shop's own order number (a Taobao number is 19 digits) is no WareDesk code.
            found = session.scalar(select(SalesOrder.id)
                                   .where(SalesOrder.number == raw.strip()).limit(1))
            if found is not None:
                return self._open(session, parcel.order_for_number(session, raw.strip()))
            return Outcome(Feedback.error(meaning.reason, self.view().prompt))
        return Outcome(Feedback.error(f"{meaning.describe()} is not used in packing: scan "
                                       "the order's tote or number, then its items.",
                                       self.view().prompt))

    def _command(self, session: Session, meaning: CommandScan, key: str) -> Outcome:
        kind = meaning.command.kind
        if kind is CommandKind.CANCEL:
            return Outcome(self.cancel())
        if kind is CommandKind.DONE and self._asking == "confirm":
            weighing = self._weighing
            assert weighing is not None
            return self._forward(session, replace(weighing, accepted=True), typed=None)
        if self._order is None:
            return Outcome(Feedback.error("Scan the order's tote or number first."))
        if kind is CommandKind.UNDO:
            return self._undo(session, key)
        return Outcome(Feedback.error(f"{meaning.describe()} is not used in packing: scan "
                                       "the items, then weigh the parcel (F5)."))

    def _open(self, session: Session, order: SalesOrder) -> Outcome:
        self.actor.require(Perm.STOCK_MOVE)
        state = _load(session, order)
        if not state.items:
            raise InputError(f"Nothing of order {order.number} was picked to packing: pick "
                             "it first.")
        scanned = sum(i.scanned for i in state.items)
        units = sum(i.qty for i in state.items)
        ending = plural_s(units)
        text = (f"Order {order.number}: {units} unit{ending} to scan at {state.packing} ({scanned} "
                "scanned before)." if scanned
                else f"Order {order.number}: {units} unit{ending} to scan at {state.packing}.")

        def after() -> None:
            self._order = state
            self._weighing = None
            self._asking = ""
            self._shipped = None
            self._recent.appendleft(f"order {order.number}")
        return Outcome(Feedback.ok(text, _prompt(state)), after)

    def _item(self, session: Session, meaning: ProductScan, key: str) -> Outcome:
        known = self._order
        assert known is not None
        # The items read again under the order's lock: another packer may have scanned into
        # it. The rest (carrier, packing place, expected weight) stays as read when the order
        # was opened: a picked order's units do not change, and a scan waits on fewer reads.
        order = session.get(SalesOrder, known.id, with_for_update=True)
        assert order is not None
        if order.status != SalesOrderStatus.PICKED:
            raise InputError(parcel.describe_status(order))
        state = replace(known, items=tuple(parcel.parcel_items(session, order.id)))
        item = next((i for i in state.items if i.product_id == meaning.product_id), None)
        if item is None:
            return Outcome(Feedback.error(
                f"Wrong item: {meaning.sku} is not in order {state.number}; put it aside.",
                _prompt(state)))
        if meaning.lot or meaning.serial:
            lots, serials = parcel.picked_marks(session, state.id, item.product_id)
            refusal = ""
            if meaning.lot and lots and meaning.lot not in lots:
                refusal = (f"Wrong lot: {meaning.sku} lot {meaning.lot} was not picked for "
                           f"order {state.number} (picked: lot {', '.join(lots)}); put it "
                           "aside.")
            elif meaning.serial and serials and meaning.serial not in serials:
                refusal = (f"Wrong unit: {meaning.sku} serial {meaning.serial} was not picked "
                           f"for order {state.number}; put it aside.")
            if refusal:
                return Outcome(Feedback.error(refusal, _prompt(state)),
                               lambda: self._set(state))
        if parcel.already_scanned(session, key):  # then `state` counts it already
            return Outcome(Feedback.ok(f"{meaning.sku}: counted before, not again.",
                                        _prompt(state)), lambda: self._set(state))
        if meaning.serial and parcel.serial_scanned(session, state.id, item.product_id,
                                                    meaning.serial):
            return Outcome(Feedback.error(
                f"Serial {meaning.serial} of {meaning.sku} is scanned already for this order: "
                "scan the next unit.", _prompt(state)), lambda: self._set(state))
        qty = meaning.quantity
        if qty > item.left:
            refusal = (f"Extra item: order {state.number} has {item.qty} {item.sku}, all "
                       "scanned; put it aside." if item.left == 0 else
                       f"Extra item: only {item.left} more {item.sku} for order {state.number}, "
                       f"this code counts {qty}; scan the units one at a time.")
            return Outcome(Feedback.error(refusal, _prompt(state)),
                            lambda: self._set(state))
        parcel.add_scan(session, self.actor, state.id, item.product_id, qty, key=key,
                        serial=meaning.serial)
        fresh = replace(state, items=tuple(replace(i, scanned=i.scanned + qty) if i is item
                                           else i for i in state.items))
        text = f"{item.sku} ×{qty}: {item.scanned + qty} of {item.qty}."
        if fresh.left == 0:
            text += f" Every item of order {state.number} is scanned: weigh the parcel."

        def after() -> None:
            self._set(fresh)
            self._recent.appendleft(f"{item.sku} ×{qty}")
        return Outcome(Feedback.ok(text, _prompt(fresh)), after)

    def _undo(self, session: Session, key: str) -> Outcome:
        state = self._order
        assert state is not None
        undone = parcel.undo_scan(session, state.id, key=key)
        if undone is None:
            return Outcome(Feedback.warning(f"Nothing of order {state.number} to undo."))
        scan, before = undone
        fresh = _reload(session, state)
        sku = next((i.sku for i in fresh.items if i.product_id == scan.product_id), "")
        text = (f"Undone before, not again: {sku} ×{scan.qty}." if before
                else f"Undone: {sku} ×{scan.qty} is off the parcel.")

        def after() -> None:
            self._set(fresh)
            self._weighing = None
            self._asking = ""
            self._recent.appendleft(f"undone: {sku} ×{scan.qty}")
        return Outcome(Feedback.ok(text, _prompt(fresh)), after)

    def _forward(self, session: Session, weighing: _Weighing | None, *, typed: str | None
                 ) -> Outcome:
        """With the weight accepted: the tracking number, then ship."""
        state = self._order
        if state is None:
            return Outcome(Feedback.error("Scan the order's tote or number first."))
        if weighing is None or not weighing.accepted:
            return Outcome(Feedback.error("Weigh the parcel first (F5).", _prompt(state)))
        order = session.get(SalesOrder, state.id, with_for_update=True)
        assert order is not None
        if not order.tracking_number and state.manual_carrier and not typed:
            def ask() -> None:
                self._weighing = weighing
                self._asking = "tracking"
            return Outcome(Feedback.ok(
                f"{plain(weighing.kg)} kg: scan the tracking number of the {state.carrier} "
                "waybill.",
                f"Scan the {state.carrier} waybill's number"), ask)
        number = give_tracking(session, self.actor, order, typed=typed)
        shipment = parcel.ship(session, self.actor, order, weight_kg=weighing.kg,
                               expected_kg=state.expected.kg,
                               approved_by=weighing.approved_by)
        done = Shipped(order.id, order.number, state.carrier, number, shipment.weight_kg)
        approved = f", approved by {weighing.approver}" if weighing.approver else ""

        def after() -> None:
            self._order = None
            self._weighing = None
            self._asking = ""
            self._shipped = done
            self._recent.appendleft(f"{order.number} shipped {state.carrier} {number}")
        kg = plain(shipment.weight_kg or weighing.kg)
        return Outcome(Feedback(Level.OK, f"Order {order.number} shipped: {state.carrier} "
                                 f"{number}, {kg} kg{approved}.",
                                 "Put the waybill on the parcel; scan the next tote",
                                 _CHANGED), after)

    def _set(self, state: ParcelState) -> None:
        self._order = state


def _looks_like_weight(text: str) -> bool:
    try:
        parse_kg(text)
    except InputError:
        return False
    return len(text) <= 8


def _load(session: Session, order: SalesOrder) -> ParcelState:
    items = tuple(parcel.parcel_items(session, order.id))
    kind = session.scalar(select(Carrier.kind).where(Carrier.code == order.carrier))
    rule = weight_rule(session)
    expected = expected_weight(rule, [(i.sku, i.weight_g, i.qty) for i in items])
    return ParcelState(order.id, order.number, order.carrier or "", kind == CarrierKind.MANUAL,
                       order.tracking_number or "", parcel.packing_place(session, order.id),
                       items, expected)


def _reload(session: Session, state: ParcelState) -> ParcelState:
    order = session.get(SalesOrder, state.id)
    assert order is not None
    return _load(session, order)


def shipment_of(session: Session, order_id: int) -> Shipment | None:
    """The order's shipment, if it was shipped."""
    return session.scalar(select(Shipment).where(Shipment.order_id == order_id))


def _prompt(state: ParcelState) -> str:
    item = next((i for i in state.items if i.left), None)
    if item is not None:
        return (f"Scan {item.sku} ({item.left} more, {state.left} unit{plural_s(state.left)} "
                "left)")
    return "Weigh the parcel (F5) or type its weight in kg"


def _view(flow: PackingWorkflow) -> FloorView:
    state = flow.order
    if state is None:
        done = flow.shipped
        recent = tuple(flow.recent)
        if done is not None:
            return FloorView(title="Packing", prompt="Scan the next tote or order number",
                             current=f"Shipped {done.number}: {done.carrier} {done.tracking}",
                             recent=recent)
        return FloorView(title="Packing", prompt="Scan the order's tote or number (F2 type "
                         "it)", recent=recent)
    first = next((i for i in state.items if i.left), None)
    lines = tuple(FloorLine(
        sku=i.sku, name=i.name, expected=i.qty, done=i.scanned,
        detail=f"{plain(i.weight_g)} g each" if i.weight_g else "no weight",
        current=i is first) for i in state.items)
    weighed = flow.weighed_kg
    current = f"Expected {state.expected.describe()}"
    if weighed is not None:
        current += f" · weighed {plain(weighed)} kg"
    asking = flow.asking
    prompts = {"approval": "Weigh again (F5) or supervisor approval (F9)",
               "confirm": "Confirm the parcel (Enter) or weigh again (F5)",
               "tracking": f"Scan the {state.carrier} waybill's number"}
    markers = (f"Weighed {plain(weighed)} kg",) if weighed is not None else ()
    return FloorView(
        title=f"Packing order {state.number}", prompt=prompts.get(asking, _prompt(state)),
        lines=lines, recent=tuple(flow.recent), current=current,
        done_lines=sum(i.left == 0 for i in state.items), total_lines=len(state.items),
        done_units=sum(i.scanned for i in state.items),
        total_units=sum(i.qty for i in state.items), asking=asking, markers=markers,
        finished=state.left == 0)
