"""Returns (退货入库): a Qt-free state machine a screen, a test or a batch file drives.

Scan the parcel's tracking number, or the order number (the shop's, or SO-… from the packing
slip): the order must be shipped. The screen lists what was shipped and what came back. Scan
each item: a product or pack barcode (a GS1 code with its lot) counts its units against what
was shipped and not yet returned; an item not shipped on the order, or one more than the
customer has, is refused (put it aside). An accepted scan posts customer -> the warehouse's
returns location at once, under the scan's key, so a retried scan counts once.

Then the units scanned are disposed of, a product (and lot) at a time: F2 restock to a
storage bin or pick face (scan it; Enter takes the suggested one: where the unit was picked
from), F3 quarantine, F4 scrap (to inventory loss; a supervisor approves with F9 unless the
clerk may scrap). Each asks why: a reason from the list (1-5) or typed words. CMD-UNDO
(Ctrl+Z) reverses the last step. The order becomes `returned` when everything shipped is back.
"""

from __future__ import annotations

import uuid
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.actor import Actor
from models.db import Database
from models.entities import (
    Location,
    LocationType,
    ReturnStep,
    ReturnStepKind,
    SalesOrder,
    Shop,
)
from models.errors import InputError
from models.feedback import Feedback, Level
from models.floor import (
    MAX_TYPED_QTY,
    FloorView,
    Outcome,
    ScanRetry,
    typed_quantity,
)
from models.permissions import Perm
from models.plural import plural_s
from models.returns import orders, places, steps
from models.returns.orders import RETURNABLE, ReturnItem
from models.returns.reasons import describe_reason, parse_reason
from models.returns.screen import (
    CHOICE_TEXTS,
    SERIAL_PROMPT,
    ReturnState,
    bin_prompt,
    prompt_for,
    returns_view,
    undo_prompt,
)
from models.returns.units import (
    item_of,
    needs_serial,
    parcel_refusals,
    returned_unit,
)
from models.scanning import (
    CommandKind,
    CommandScan,
    DocumentKind,
    DocumentScan,
    LocationScan,
    Meaning,
    ProductScan,
    ScanOptions,
    interpret,
)
from models.users import authenticate

_CHANGED = frozenset({"stock", "orders"})
DONE_TEXTS = {ReturnStepKind.RESTOCK: "restocked to", ReturnStepKind.QUARANTINE:
              "quarantined at", ReturnStepKind.SCRAP: "scrapped to"}
STEP_TEXTS = {ReturnStepKind.RECEIVE: "received", ReturnStepKind.RESTOCK: "restocked",
              ReturnStepKind.QUARANTINE: "quarantined", ReturnStepKind.SCRAP: "scrapped"}


@dataclass(frozen=True)
class _Choice:
    kind: ReturnStepKind
    key: str  # the disposition's key, kept while asked so a retry posts once
    reason: str = ""
    note: str = ""
    bin: str = ""  # the suggested bin (restock)


class ReturnsWorkflow:
    """Returns at one workstation; see the module docstring."""

    def __init__(self, db: Database, actor: Actor, *, options: ScanOptions | None = None
                 ) -> None:
        self.db = db
        self.actor = actor
        self.options = options
        self._state: ReturnState | None = None
        self._choice: _Choice | None = None
        self._asking = ""
        self._qty: int | None = None
        self._serial_for: ProductScan | None = None  # the unit whose serial is asked
        self._undo_key = ""  # an undo of a scrap waiting for a supervisor
        self._undo_what = ""  # what that undo gives back (`TEA ×1`)
        self._retry = ScanRetry()
        self._opened: dict[int, str] = {}  # order id -> its tracking (or order) number
        self._recent: deque[str] = deque(maxlen=8)

    # --- the calls a screen makes ----------------------------------------------------------

    def scan(self, raw: str, *, symbology: str | None = None, key: str | None = None
             ) -> Feedback:
        """Handle one scan from a device (or a batch file's line, whose `key` keeps a replay
        of the same file from counting twice)."""
        key = self._retry.key(raw, key)

        def work(session: Session) -> Outcome:
            meaning = interpret(session, raw, symbology=symbology, options=self.options)
            return self._on_meaning(session, meaning, raw, key)
        return self._run(work, raw, key)

    def open(self, text: str) -> Feedback:
        """Open the shipped order a tracking number or an order number (SO-… or the shop's)
        names, as if its parcel was scanned."""
        def work(session: Session) -> Outcome:
            found = orders.find_order(session, text.strip().removeprefix("SO-"))
            if found is None:
                raise InputError(f"No shipped order has the tracking number or order number "
                                 f"{text.strip()}.")
            return self._open(session, found, text)
        return self._run(work)

    def enter(self, text: str) -> Feedback:
        """Typed input: the reason or the bin when asked, else a quantity for the next item
        scan, or a barcode or number typed by hand."""
        text = text.strip()
        if self._asking == "serial":
            return self.scan(text) if text else Feedback.warning("Nothing was typed.")
        if self._asking == "reason":
            return self.give_reason(text)
        if self._asking == "bin":
            choice = self._choice
            assert choice is not None
            code = text or choice.bin
            if not code:
                return Feedback.error("Scan the bin to restock to.", self.view().prompt)
            return self._run(lambda s: self._restock_to_code(s, code))
        if self._asking == "approval":
            if self._undo_key:
                return Feedback.error("A supervisor must approve the undo of the scrap (F9), "
                                      "or cancel (Esc).")
            return Feedback.error("A supervisor must approve the scrap (F9), or cancel (Esc).")
        if not text:
            return Feedback.warning("Nothing was typed.")
        qty = typed_quantity(text)
        if qty is not None and self._state is not None:
            if not 0 < qty <= MAX_TYPED_QTY:
                return Feedback.error(f"{text} is no quantity: type 1 to {MAX_TYPED_QTY}.")
            self._qty = qty
            return Feedback.ok(f"Quantity {qty} for the next item scan.", self.view().prompt)
        return self.scan(text)

    def restock(self) -> Feedback:
        """F2: the units waiting go back to a shelf."""
        return self.choose(ReturnStepKind.RESTOCK)

    def quarantine(self) -> Feedback:
        """F3: the units waiting go to the quarantine location."""
        return self.choose(ReturnStepKind.QUARANTINE)

    def scrap(self) -> Feedback:
        """F4: the units waiting are scrapped (to inventory loss)."""
        return self.choose(ReturnStepKind.SCRAP)

    def choose(self, kind: ReturnStepKind) -> Feedback:
        """What happens to the units waiting; the reason is asked next."""
        state = self._state
        group = state.waiting if state is not None else None
        if state is None or group is None:
            return Feedback.error("Nothing is waiting for a disposition: scan the returned "
                                  "items first.", self.view().prompt)
        self._choice = _Choice(kind, uuid.uuid4().hex)
        self._asking = "reason"
        return Feedback.ok(f"{CHOICE_TEXTS[kind]} {group.label} ×{group.qty}: why?",
                           self.view().prompt)

    def give_reason(self, text: str) -> Feedback:
        """The reason for the chosen disposition: its number in the list, or words."""
        choice = self._choice
        if self._asking != "reason" or choice is None:
            return Feedback.error("Choose first: F2 restock, F3 quarantine or F4 scrap.")
        try:
            reason, note = parse_reason(text)
        except InputError as exc:
            return Feedback.error(str(exc), self.view().prompt)
        choice = replace(choice, reason=reason, note=note)
        if choice.kind is ReturnStepKind.RESTOCK:
            return self._run(lambda s: self._ask_bin(s, choice))
        if choice.kind is ReturnStepKind.SCRAP and not self.actor.can(Perm.RETURNS_SCRAP):
            self._choice = choice
            self._asking = "approval"
            return Feedback.warning("Scrapping needs a supervisor: approval (F9), or cancel "
                                    "(Esc).", self.view().prompt)
        return self._run(lambda s: self._dispose(s, choice, self.actor))

    def approve(self, *, username: str, password: str) -> Feedback:
        """A supervisor lets the scrap (or the undo of one) go; the posting is theirs."""
        choice, undo_key = self._choice, self._undo_key
        if self._asking != "approval" or (choice is None and not undo_key):
            return Feedback.error("Nothing is waiting for a supervisor's approval.")

        def work(session: Session) -> Outcome:
            approver = authenticate(session, username, password, self.actor.workstation)
            approver.require(Perm.RETURNS_SCRAP)
            if undo_key:
                return self._undo(session, undo_key, approver)
            assert choice is not None
            return self._dispose(session, choice, approver, approved_by=approver.user_id)
        return self._run(work)

    def undo_last(self) -> Feedback:
        """Reverse the return's last step (as CMD-UNDO)."""
        return self.scan("CMD-UNDO")

    def cancel(self) -> Feedback:
        """Drop a quantity, a disposition or a reason being asked; posts nothing."""
        if self._choice is None and self._qty is None and not self._asking:
            return Feedback.ok("Nothing to cancel.", self.view().prompt)
        self._clear()
        self._qty = None
        return Feedback.ok("Cancelled.", self.view().prompt)

    def view(self) -> FloorView:
        """The state to show now."""
        return returns_view(self)

    def check(self, items: Sequence[tuple[str, int]]) -> list[str]:
        """Why any of the open parcel's items (a code and the units typed, or 1) would be
        refused, every one checked before anything is posted (the command line's parcel is
        received whole or not at all)."""
        state = self._state
        if state is None:
            raise InputError("Open the parcel's order first.")
        with self.db.read() as session:
            fresh = _reload(session, state)
            scans = [(code, interpret(session, code, options=self.options), qty)
                     for code, qty in items]
            return parcel_refusals(session, fresh.number, fresh.items, scans)

    # --- what the screen and the batch read --------------------------------------------------

    @property
    def state(self) -> ReturnState | None:
        """The order on the returns table, or None."""
        return self._state

    @property
    def asking(self) -> str:
        """What typed input is for: "", "serial", "reason", "bin" or "approval"."""
        return self._asking

    @property
    def pending_qty(self) -> int | None:
        """A quantity typed for the next item scan."""
        return self._qty

    @property
    def choice(self) -> str:
        """The disposition being asked about: "", "restock", "quarantine" or "scrap"."""
        return self._choice.kind.value if self._choice else ""

    @property
    def reason(self) -> str:
        """The reason given for the disposition being asked about, as the clerk gave it."""
        choice = self._choice
        return describe_reason(choice.reason, choice.note) if choice and choice.reason else ""

    @property
    def suggested_bin(self) -> str:
        """The bin Enter restocks to."""
        return self._choice.bin if self._choice else ""

    @property
    def undo_what(self) -> str:
        """The scrap whose undo waits for a supervisor (`TEA ×1`), or ""."""
        return self._undo_what

    @property
    def opened(self) -> list[str]:
        """The tracking (or order) numbers of the orders opened so far, oldest first."""
        return list(self._opened.values())

    @property
    def recent(self) -> list[str]:
        """The last steps, newest first."""
        return list(self._recent)

    # --- internals ---------------------------------------------------------------------------

    def _run(self, work: Callable[[Session], Outcome], raw: str | None = None, key: str = ""
             ) -> Feedback:
        return self._retry.run(self.db, work, lambda: self.view().prompt, raw=raw, key=key)

    def _on_meaning(self, session: Session, meaning: Meaning, raw: str, key: str
                    ) -> Outcome:
        if isinstance(meaning, CommandScan):
            return self._command(session, meaning, key)
        if self._asking == "bin":
            if isinstance(meaning, LocationScan):
                state = self._state
                assert state is not None
                shelf = places.shelf_of_scan(session, meaning, state.warehouse_id)
                choice = self._choice
                assert choice is not None
                return self._dispose(session, choice, self.actor, to=shelf)
            return Outcome(Feedback.error(f"{meaning.describe()} is no bin: scan the bin to "
                                           "restock to.", self.view().prompt))
        if self._asking == "serial":
            return self._serial_answer(session, meaning, key)
        if self._asking:
            return Outcome(Feedback.error("Answer the question first, or cancel (Esc).",
                                           self.view().prompt))
        if isinstance(meaning, DocumentScan):
            if meaning.document.kind is DocumentKind.SALES_ORDER:
                found = orders.order_for_number(session, meaning.document.number)
                assert found is not None
                return self._open(session, found, raw)
            return Outcome(Feedback.error(f"{meaning.describe()} is not an order: scan the "
                                           "parcel's tracking number or the order number."))
        if isinstance(meaning, ProductScan):
            if self._state is None:
                return Outcome(Feedback.error("Scan the parcel's tracking number or the order "
                                               "number first, then its items."))
            return self._item(session, meaning, key)
        if isinstance(meaning, LocationScan) and self._state and self._state.waiting:
            return Outcome(Feedback.error("Choose first: F2 restock, F3 quarantine or F4 "
                                          "scrap.", self.view().prompt))
        found = orders.find_order(session, raw)
        if found is not None:
            return self._open(session, found, raw)
        why = getattr(meaning, "reason", "") or f"{meaning.describe()} is not used in returns."
        return Outcome(Feedback.error(f"{why} Scan the parcel's tracking number, the order "
                                       "number or an item.", self.view().prompt))

    def _command(self, session: Session, meaning: CommandScan, key: str) -> Outcome:
        kind = meaning.command.kind
        if kind is CommandKind.CANCEL:
            return Outcome(self.cancel())
        if self._state is None:
            return Outcome(Feedback.error("Scan the parcel's tracking number or the order "
                                           "number first."))
        if kind is CommandKind.UNDO:
            return self._undo(session, key, self.actor)
        return Outcome(Feedback.error(f"{meaning.describe()} is not used in returns.",
                                       self.view().prompt))

    def _open(self, session: Session, order: SalesOrder, raw: str) -> Outcome:
        self.actor.require(Perm.STOCK_MOVE)
        warehouse = places.warehouse_of(session, order)
        returns = places.area(session, warehouse, LocationType.RETURNS)
        return_id = orders.latest_open_return(session, order.id)
        state = _load(session, order, warehouse, returns.code, return_id)
        shipped = sum(i.shipped for i in state.items)
        back = sum(i.returned for i in state.items)
        ending = plural_s(shipped)
        text = (f"Order {order.number}: {shipped} unit{ending} shipped, {back} returned before."
                if back else f"Order {order.number}: {shipped} unit{ending} shipped.")
        if state.all_back and state.waiting is None:
            text = f"Every unit of order {order.number} has come back already."

        def after() -> None:
            self._state = state
            self._opened.setdefault(order.id, order.tracking_number or order.number)
            self._clear()
            self._qty = None
            self._recent.appendleft(f"order {order.number} ({raw.strip()})")
        return Outcome(Feedback(Level.WARNING if state.all_back and state.waiting is None
                                else Level.OK, text, prompt_for(state)), after)

    def _item(self, session: Session, meaning: ProductScan, key: str,
              serial: str | None = None) -> Outcome:
        known = self._state
        assert known is not None
        order = session.get(SalesOrder, known.order_id, with_for_update=True)
        assert order is not None
        if order.status not in RETURNABLE:
            raise InputError(orders.describe_status(order))
        state = _reload(session, known)
        done = steps.step_by_key(session, key)
        if done is not None:
            fresh = replace(_reload(session, known, done.return_id), focus=done.product_id)
            return Outcome(Feedback.ok(f"{meaning.sku}: received before, not again.",
                                        prompt_for(fresh)), lambda: self._set(fresh))
        qty = self._qty or meaning.quantity
        item = item_of(state.items, meaning)
        if item is not None and serial is None and needs_serial(item, meaning) and qty == 1:
            return self._ask_serial(meaning, item)
        unit = returned_unit(session, state.number, state.items, meaning, qty, serial=serial)
        if isinstance(unit, str):
            return Outcome(Feedback.error(unit, prompt_for(state)), self._drop_qty)
        return_id = state.return_id
        if return_id is None:
            return_id = steps.open_return(session, self.actor, order.id, state.tracking)
        returns = places.area(session, state.warehouse_id, LocationType.RETURNS)
        steps.post_step(session, self.actor, order, return_id, kind=ReturnStepKind.RECEIVE,
                        product_id=unit.item.product_id, lot_id=unit.lot_id, qty=qty,
                        from_id=steps.customer_id(session), to_id=returns.id, key=key,
                        serial_id=unit.serial_id)
        fresh = replace(_reload(session, state, return_id), focus=unit.item.product_id)
        now = next(i for i in fresh.items if i.product_id == unit.item.product_id)
        lot = f" lot {meaning.lot}" if unit.lot_id is not None and meaning.lot else ""
        text = (f"{unit.label}{lot} ×{qty} received to {returns.code}: {now.returned} of "
                f"{now.shipped} back.")
        if order.status == "returned":
            text += f" Every unit of order {state.number} is back."

        def after() -> None:
            self._set(fresh)
            self._qty = None
            self._serial_for = None
            self._asking = ""
            self._recent.appendleft(f"{unit.label} ×{qty} → {returns.code}")
        return Outcome(Feedback(Level.OK, text, prompt_for(fresh), _CHANGED), after)

    def _ask_serial(self, meaning: ProductScan, item: ReturnItem) -> Outcome:
        def after() -> None:
            self._serial_for = meaning
            self._asking = "serial"
        return Outcome(Feedback.warning(f"{item.sku} is serial-tracked: scan or type the "
                                        "unit's serial number.", SERIAL_PROMPT), after)

    def _serial_answer(self, session: Session, meaning: Meaning, key: str) -> Outcome:
        """The serial asked for: a GS1 label of the same product with its serial (21), or
        the serial typed or scanned on its own."""
        asked = self._serial_for
        assert asked is not None
        if isinstance(meaning, ProductScan):
            if meaning.product_id != asked.product_id or not meaning.serial:
                return Outcome(Feedback.error(f"Scan or type the serial number of {asked.sku} "
                                              "first, or cancel (Esc).", SERIAL_PROMPT))
            return self._item(session, meaning, key)
        serial = meaning.scan.plain.strip()
        if not serial or len(serial) > 128:
            return Outcome(Feedback.error("A serial number has 1 to 128 characters.",
                                          SERIAL_PROMPT))
        return self._item(session, asked, key, serial=serial)

    def _ask_bin(self, session: Session, choice: _Choice) -> Outcome:
        state = self._state
        group = state.waiting if state is not None else None
        if state is None or group is None:
            return Outcome(Feedback.error("Nothing is waiting for a disposition."))
        suggested = places.suggested_bin(session, state.order_id, state.warehouse_id,
                                         group.item.product_id)
        asked = replace(choice, bin=suggested)
        label, qty = group.label, group.qty
        text = (f"Scan the bin for {label} ×{qty} (suggested {suggested}; Enter takes it)."
                if suggested else f"Scan the bin for {label} ×{qty}.")

        def after() -> None:
            self._choice = asked
            self._asking = "bin"
        return Outcome(Feedback.ok(text, bin_prompt(suggested)), after)

    def _restock_to_code(self, session: Session, code: str) -> Outcome:
        state, choice = self._state, self._choice
        assert state is not None and choice is not None
        shelf = places.shelf_by_code(session, state.warehouse_id, code)
        return self._dispose(session, choice, self.actor, to=shelf)

    def _dispose(self, session: Session, choice: _Choice, actor: Actor, *,
                 to: Location | None = None, approved_by: int | None = None) -> Outcome:
        known = self._state
        assert known is not None
        order = session.get(SalesOrder, known.order_id, with_for_update=True)
        assert order is not None
        done = steps.step_by_key(session, choice.key)
        state = _reload(session, known)
        group = state.waiting
        if done is None and (group is None or state.return_id is None):
            return Outcome(Feedback.error("Nothing is waiting for a disposition."),
                           self._clear)
        if done is None:
            assert group is not None and state.return_id is not None
            if to is None:
                to_id = (steps.loss_id(session) if choice.kind is ReturnStepKind.SCRAP else
                         places.area(session, state.warehouse_id, LocationType.QUARANTINE).id)
            else:
                to_id = to.id
            returns = places.area(session, state.warehouse_id, LocationType.RETURNS)
            done = steps.post_step(
                session, actor, order, state.return_id, kind=choice.kind,
                product_id=group.item.product_id, lot_id=group.lot_id, qty=group.qty,
                from_id=returns.id, to_id=to_id, key=choice.key, reason=choice.reason,
                note=choice.note, approved_by=approved_by, serial_id=group.serial_id)
        fresh = _reload(session, state)
        sku = _label(fresh, session, done)
        place = session.get(Location, done.to_location_id)
        assert place is not None
        why = describe_reason(done.reason, done.note)
        approved = f", approved by {actor.username}" if approved_by is not None else ""
        text = f"{sku} ×{done.qty} {DONE_TEXTS[ReturnStepKind(done.kind)]} {place.code} ({why}" \
               f"{approved})."

        def after() -> None:
            self._set(fresh)
            self._clear()
            self._recent.appendleft(f"{sku} ×{done.qty} → {place.code}")
        return Outcome(Feedback(Level.OK, text, prompt_for(fresh), _CHANGED), after)

    def _undo(self, session: Session, key: str, actor: Actor) -> Outcome:
        state = self._state
        assert state is not None
        if state.return_id is None:
            return Outcome(Feedback.warning(f"Nothing of order {state.number} to undo."))
        order = session.get(SalesOrder, state.order_id, with_for_update=True)
        assert order is not None
        last = steps.last_step(session, state.return_id)
        if (last is not None and last.kind == ReturnStepKind.SCRAP
                and not actor.can(Perm.RETURNS_SCRAP)):
            return self._ask_undo_approval(session, state, last, key)
        undone = steps.undo_last(session, actor, order, state.return_id, key=key)
        if undone is None:
            return Outcome(Feedback.warning(f"Nothing of order {state.number} to undo."))
        step, before = undone
        fresh = _reload(session, state)
        sku = _label(fresh, session, step)
        what = STEP_TEXTS[ReturnStepKind(step.kind)]
        if before:
            text = f"Undone before, not again: {sku} ×{step.qty} {what}."
        elif actor is not self.actor:
            text = f"Undone: {sku} ×{step.qty} {what} (approved by {actor.username})."
        else:
            text = f"Undone: {sku} ×{step.qty} {what}."

        def after() -> None:
            self._set(fresh)
            self._clear()
            self._recent.appendleft(f"undone: {sku} ×{step.qty} {what}")
        return Outcome(Feedback(Level.OK, text, prompt_for(fresh), _CHANGED), after)

    def _ask_undo_approval(self, session: Session, state: ReturnState, last: ReturnStep,
                           key: str) -> Outcome:
        """Undoing a scrap takes the units back from inventory loss: as the scrap itself,
        a supervisor approves it when the clerk may not scrap."""
        what = f"{_label(state, session, last)} ×{last.qty}"

        def after() -> None:
            self._clear()
            self._undo_key = key
            self._undo_what = what
            self._asking = "approval"
        return Outcome(Feedback.warning(f"Undoing the scrap of {what} needs a supervisor: "
                                        "approval (F9), or cancel (Esc).",
                                        undo_prompt(what)), after)

    def _set(self, state: ReturnState) -> None:
        self._state = state

    def _clear(self) -> None:
        self._choice = None
        self._asking = ""
        self._serial_for = None
        self._undo_key = ""
        self._undo_what = ""

    def _drop_qty(self) -> None:
        self._qty = None


def _load(session: Session, order: SalesOrder, warehouse_id: int, returns_code: str,
          return_id: int | None) -> ReturnState:
    shop = session.scalar(select(Shop.code).where(Shop.id == order.shop_id)) or ""
    items = tuple(orders.return_items(session, order.id, return_id))
    return ReturnState(order.id, order.number, shop, order.tracking_number or "", warehouse_id,
                       returns_code, return_id, items)


def _reload(session: Session, state: ReturnState, return_id: int | None = None
            ) -> ReturnState:
    order = session.get(SalesOrder, state.order_id)
    assert order is not None
    fresh = _load(session, order, state.warehouse_id, state.returns_code,
                  return_id if return_id is not None else state.return_id)
    return replace(fresh, focus=state.focus)


def _label(state: ReturnState, session: Session, step: ReturnStep) -> str:
    """The step's units as the clerk knows them: the SKU, with the serial when it has one."""
    sku = next((i.sku for i in state.items if i.product_id == step.product_id), "")
    serial = steps.serial_of(session, step)
    return f"{sku} {serial}" if serial else sku
