"""The picking workflow: a Qt-free state machine a screen, a test or a batch file drives.

Scan the wave (WAVE-<n>, the pick list's barcode), then a tote for each order in turn
(TOTE-…; a single-order wave takes one). The next stop is the first bin in walk order with
units left; scan it (another bin is refused), then the item: each scan takes one unit, a pack
barcode its pack's units, a typed quantity that many, CMD-QTY+n n more of the last item. Each
pick posts at once, bin -> packing location (see picks.py), and the screen says which tote it
goes into. CMD-EMPTY (F8) says the bin holds no more: pick what is there first, then F8; the
rest is reserved in other bins as new stops, or the order is backordered, and the bin's
products are not reserved there again until a count (planned at once) is approved.
CMD-UNDO takes the last pick back with a reversing posting.

The lot: an item scanned with a lot (a GS1 label) must carry the reserved lot; another lot is
refused, even of the same product, because the reservation chose the lot (first expiry first
out) and stock of another lot may be promised to other orders. When the reserved lot is not in
the bin, the picker reports the bin short and the units are reserved again where they are. A
scan without a lot (a plain EAN) is taken as the lot shown on the screen. A serial-tracked
item needs its serial, which must be in the bin.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.actor import Actor
from models.db import Database
from models.entities import (
    Location,
    SalesOrder,
    SerialNumber,
    Tracking,
    Wave,
    WaveOrder,
    WaveStatus,
)
from models.feedback import Feedback, Level
from models.floor import MAX_TYPED_QTY, FloorLine, FloorView, Outcome, ScanRetry, typed_quantity
from models.permissions import Perm
from models.picking import picks
from models.picking.picklist import PickRow, PickShare, pick_rows, share_text
from models.picking.waves import find_wave
from models.plural import plural_s
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

_CHANGED = frozenset({"stock", "orders"})
_ACTIVE = (WaveStatus.OPEN, WaveStatus.PICKING)


@dataclass(frozen=True)
class _Item:
    product_id: int
    sku: str
    tracking: str
    lot: str | None
    serial: str | None
    qty: int


@dataclass(frozen=True)
class WaveState:
    """What the workflow knows of its wave after the last call."""

    id: int
    code: str
    packing: str
    rows: tuple[PickRow, ...]
    totes_wanted: tuple[tuple[int, str], ...]  # (seq, order number) still without a tote


class PickingWorkflow:
    """Picking at one workstation; see the module docstring."""

    def __init__(self, db: Database, actor: Actor, *, options: ScanOptions | None = None,
                 today: Callable[[], date] = date.today) -> None:
        self.db = db
        self.actor = actor
        self.options = options
        self._today = today
        self._wave: WaveState | None = None
        self._at: tuple[int, str] | None = None  # the bin scanned, (id, code)
        self._last: _Item | None = None
        self._pending_qty: int | None = None
        self._retry = ScanRetry(twice="picked")
        self._recent: deque[str] = deque(maxlen=8)

    # --- the calls a screen makes ----------------------------------------------------------

    def scan(self, raw: str, *, symbology: str | None = None, key: str | None = None
             ) -> Feedback:
        """Handle one scan from a device (or a line of a batch-scanner file, whose `key`
        keeps a replay of the same file from picking twice)."""
        key = self._retry.key(raw, key)

        def work(session: Session) -> Outcome:
            meaning = interpret(session, raw, symbology=symbology, options=self.options)
            return self._on_meaning(session, meaning, key)
        return self._retry.run(self.db, work, lambda: self.view().prompt, raw=raw, key=key)

    def enter(self, text: str) -> Feedback:
        """Typed input: a quantity for the next item scan (digits), else a barcode typed by
        hand (WAVE-12 opens a wave)."""
        text = text.strip()
        if not text:
            return Feedback.warning("Nothing was typed.")
        qty = typed_quantity(text)
        if qty is None:
            return self.scan(text)
        if not 0 < qty <= MAX_TYPED_QTY:
            return Feedback.error(f"A quantity is 1 to {MAX_TYPED_QTY}.")
        if self._at is None:
            return Feedback.error("Scan the bin first, then type the quantity and scan the "
                                  "item.")
        self._pending_qty = qty
        return Feedback.ok(f"Quantity {qty}: now scan the item.")

    def cancel(self) -> Feedback:
        """Drop a typed quantity; picks nothing and takes nothing back."""
        if self._pending_qty is None:
            return Feedback.ok("Nothing to cancel.", self.view().prompt)
        self._pending_qty = None
        return Feedback.ok("Cancelled the quantity.", self.view().prompt)

    def view(self) -> FloorView:
        """The state to show now."""
        return _view(self)

    def open_wave(self, ref: str) -> Feedback:
        """Open a wave by its number, as if its pick list was scanned."""
        number = ref.strip().upper().removeprefix("WAVE-")
        return self.scan(f"WAVE-{number}")

    def bin_short(self) -> Feedback:
        """The bin holds no more of what is left to pick in it (as CMD-EMPTY)."""
        return self.scan("CMD-EMPTY")

    def undo_last(self) -> Feedback:
        """Take the last pick back (as CMD-UNDO)."""
        return self.scan("CMD-UNDO")

    def finish(self) -> Feedback:
        """Close the wave when everything is picked (as CMD-DONE)."""
        return self.scan("CMD-DONE")

    # --- what the screen reads ---------------------------------------------------------------

    @property
    def wave(self) -> WaveState | None:
        """The open wave, or None."""
        return self._wave

    @property
    def at_bin(self) -> str | None:
        """The code of the bin scanned, or None."""
        return self._at[1] if self._at else None

    @property
    def at(self) -> tuple[int, str] | None:
        """The bin scanned, as (id, code), or None."""
        return self._at

    @property
    def asking(self) -> str:
        """What typed input is for: always "" (picking asks no question; a lot or serial
        comes with the item's label)."""
        return ""

    @property
    def pending_qty(self) -> int | None:
        """A quantity typed for the next scan."""
        return self._pending_qty

    @property
    def recent(self) -> list[str]:
        """The last scans, newest first."""
        return list(self._recent)

    def next_row(self) -> PickRow | None:
        """The stop to pick next: at the scanned bin while it has units left, else the first
        in walk order."""
        rows = self._wave.rows if self._wave else ()
        if self._at is not None:
            here = next((r for r in rows if r.open and r.location_id == self._at[0]), None)
            if here is not None:
                return here
        return next((r for r in rows if r.open), None)

    # --- scans ---------------------------------------------------------------------------

    def _on_meaning(self, session: Session, meaning: Meaning, key: str) -> Outcome:
        if isinstance(meaning, CommandScan):
            return self._command(session, meaning, key)
        if isinstance(meaning, DocumentScan):
            kind, number = meaning.document.kind, meaning.document.number
            if kind is DocumentKind.WAVE:
                return self._open(session, number)
            if kind is DocumentKind.TOTE:
                return self._tote(session, f"TOTE-{number}")
            return Outcome(Feedback.error(
                f"{meaning.describe()} is not a wave: scan the pick list (WAVE-…)."))
        if self._wave is None:
            return Outcome(Feedback.error("Scan the wave's pick list (WAVE-…) first."))
        if self._wave.totes_wanted:
            seq, number = self._wave.totes_wanted[0]
            return Outcome(Feedback.error(f"Scan a tote (TOTE-…) for order #{seq} {number} "
                                           "first."))
        if isinstance(meaning, LocationScan):
            return self._bin(session, meaning)
        if isinstance(meaning, ProductScan):
            if meaning.tracking == Tracking.SERIAL and meaning.quantity != 1:
                return Outcome(Feedback.error(
                    f"{meaning.sku} is serial-tracked: scan each unit's own label."))
            qty = meaning.quantity * (self._pending_qty or 1)
            item = _Item(meaning.product_id, meaning.sku, meaning.tracking, meaning.lot,
                         meaning.serial, qty)
            return self._item(session, item, key)
        if isinstance(meaning, UnknownScan):
            return Outcome(Feedback.error(meaning.reason, self.view().prompt))
        return Outcome(Feedback.error(f"{meaning.describe()} is not used in picking: scan "
                                       "the bin, then the item.", self.view().prompt))

    def _command(self, session: Session, meaning: CommandScan, key: str) -> Outcome:
        kind = meaning.command.kind
        if kind is CommandKind.CANCEL:
            return Outcome(self.cancel())
        if self._wave is None:
            return Outcome(Feedback.error("Scan the wave's pick list (WAVE-…) first."))
        if kind is CommandKind.UNDO:
            return self._undo(session, key)
        if kind is CommandKind.BIN_EMPTY:
            return self._short(session)
        if kind is CommandKind.DONE:
            return self._done(session)
        if kind is CommandKind.ADD_QUANTITY:
            last = self._last
            if last is None or self._at is None:
                return Outcome(Feedback.error("Scan an item first, then the quantity."))
            if last.tracking == Tracking.SERIAL:
                return Outcome(Feedback.error(
                    f"{last.sku} is serial-tracked: scan each unit's own label."))
            more = _Item(last.product_id, last.sku, last.tracking, last.lot, None,
                         meaning.command.quantity)
            return self._item(session, more, key)
        return Outcome(Feedback.error(f"{meaning.describe()} is not used in picking: a "
                                       "damaged unit stays in the bin; report the bin short "
                                       "(F8) and tell a supervisor."))

    def _open(self, session: Session, number: str) -> Outcome:
        self.actor.require(Perm.STOCK_MOVE)
        wave = find_wave(session, number)
        if wave.status not in _ACTIVE:
            return Outcome(Feedback.error(f"{wave.code} is {wave.status}: there is nothing "
                                           "to pick in it."))
        state = _load(session, wave)
        left = sum(r.qty - r.picked for r in state.rows if r.open)
        orders = len(_orders(state))
        text = (f"{wave.code}: {orders} order{plural_s(orders)}, {left} unit{plural_s(left)} "
                f"left to pick into packing {state.packing}.")

        def after() -> None:
            self._wave = state
            self._at = None
            self._last = None
            self._pending_qty = None
            self._recent.clear()
            self._recent.appendleft(wave.code)
        return Outcome(Feedback.ok(text, _prompt(state, None, None)), after)

    def _tote(self, session: Session, tote: str) -> Outcome:
        state = self._wave
        if state is None:
            return Outcome(Feedback.error("Scan the wave's pick list (WAVE-…) first, then "
                                           "the totes."))
        if not state.totes_wanted:
            return Outcome(Feedback.error(f"Every order of {state.code} has its tote "
                                           "already: go on picking."))
        taken = session.execute(
            select(Wave.id, WaveOrder.seq)
            .join(Wave, Wave.id == WaveOrder.wave_id)
            .where(WaveOrder.tote == tote, Wave.status.in_(_ACTIVE))).first()
        if taken is not None and (taken.id, taken.seq) == (state.id, state.totes_wanted[0][0]):
            # The answer to this very scan was lost: the tote is the order's already.
            wave = session.get(Wave, state.id)
            assert wave is not None
            again = _load(session, wave)
            return Outcome(Feedback.ok(f"{tote} for order #{taken.seq}.",
                                        _prompt(again, None, None)),
                            lambda: setattr(self, "_wave", again))
        if taken is not None:
            where = (f"order #{taken.seq}" if taken.id == state.id
                     else f"WAVE-{taken.id}")
            return Outcome(Feedback.error(f"{tote} is in use for {where}: take an empty "
                                           "tote."))
        seq, number = state.totes_wanted[0]
        session.execute(WaveOrder.__table__.update()
                        .where(WaveOrder.wave_id == state.id, WaveOrder.seq == seq)
                        .values(tote=tote))
        wave = session.get(Wave, state.id)
        assert wave is not None
        fresh = _load(session, wave)

        def after() -> None:
            self._wave = fresh
            self._recent.appendleft(f"{tote} ← #{seq}")
        return Outcome(Feedback.ok(f"{tote} for order #{seq} {number}.",
                                    _prompt(fresh, None, None)), after)

    def _bin(self, session: Session, meaning: LocationScan) -> Outcome:
        state = self._wave
        assert state is not None
        row = self.next_row()
        if row is None:
            return Outcome(Feedback.error(f"Everything of {state.code} is picked: scan "
                                           "CMD-DONE (F10)."))
        if meaning.location_id != row.location_id:
            return Outcome(Feedback.error(f"Wrong bin {meaning.code}: go to {row.location}.",
                                           _prompt(state, None, row)))
        at = (meaning.location_id, meaning.code)

        def after() -> None:
            self._at = at
            self._recent.appendleft(meaning.code)
        return Outcome(Feedback.ok(f"At {meaning.code}: {_take(row)}.",
                                    _prompt(state, at, row)), after)

    def _item(self, session: Session, item: _Item, key: str) -> Outcome:
        state, at = self._wave, self._at
        assert state is not None
        expected = self.next_row()
        if expected is None:
            return Outcome(Feedback.error(f"Everything of {state.code} is picked: scan "
                                           "CMD-DONE (F10)."))
        if at is None or expected.location_id != at[0]:
            return Outcome(Feedback.error(f"Scan the bin {expected.location} first, then the "
                                           "item."))
        here = [r for r in state.rows if r.open and r.location_id == at[0]]
        mine = [r for r in here if r.product_id == item.product_id]
        if not mine:
            return Outcome(Feedback.error(
                f"Wrong item: {item.sku} is not to be picked from {at[1]}; take "
                f"{expected.sku}.", _prompt(state, at, expected)))
        if item.lot is not None:
            lots = [r for r in mine if r.lot == item.lot]
            if not lots:
                wanted = ", ".join(sorted({r.lot or "-" for r in mine}))
                return Outcome(Feedback.error(
                    f"Lot {item.lot} of {item.sku} is not the one reserved: take lot "
                    f"{wanted} (or report the bin short, F8).", _prompt(state, at, expected)))
            mine = lots
        row = mine[0]
        share = next(s for s in row.shares if s.status == "open")
        left = share.qty - share.picked
        if item.qty > left:
            return Outcome(Feedback.error(
                f"Only {left} more of {item.sku} for order #{share.seq}: scan them one at a "
                f"time, or type {left} first.", _prompt(state, at, row)), self._drop_qty)
        if picks.already_picked(session, key):
            return Outcome(Feedback.ok(f"{item.sku}: picked before, not again.",
                                        _prompt(state, at, row)), self._drop_qty)
        serial_id = None
        if item.tracking == Tracking.SERIAL:
            if not item.serial:
                return Outcome(Feedback.error(f"{item.sku} is serial-tracked: scan the label "
                                               "with the unit's serial number."))
            serial_id = session.scalar(select(SerialNumber.id).where(
                SerialNumber.product_id == item.product_id, SerialNumber.serial == item.serial,
                SerialNumber.location_id == at[0]))
            if serial_id is None:
                return Outcome(Feedback.error(f"Serial {item.serial} of {item.sku} is not in "
                                               f"{at[1]}: pick a unit from this bin."))
        wave = session.get(Wave, state.id, with_for_update=True)
        assert wave is not None
        settled = picks.post_pick(session, self.actor, wave, share.task_id, item.qty, key=key,
                                  serial_id=serial_id)
        fresh = _load(session, wave)
        text = f"{item.sku} ×{item.qty} → {_into(share, state.packing)}."
        if settled.order_picked:
            text += f" Order {settled.order_picked} is picked."
        if settled.wave_done:
            text += f" {wave.code} is picked: take it to packing {state.packing}."

        def after() -> None:
            self._wave = fresh
            self._last = _Item(item.product_id, item.sku, item.tracking, row.lot, None, 1)
            self._pending_qty = None
            self._recent.appendleft(f"{item.sku} ×{item.qty} → {_into(share, state.packing)}")
        return Outcome(Feedback.ok(text, _prompt(fresh, at, None), _CHANGED), after)

    def _short(self, session: Session) -> Outcome:
        state, at = self._wave, self._at
        assert state is not None
        if at is None:
            return Outcome(Feedback.error("Scan the bin that is short first, then CMD-EMPTY "
                                           "(F8)."))
        wave = session.get(Wave, state.id, with_for_update=True)
        assert wave is not None
        short = picks.short_bin(session, self.actor, wave, at[0], today=self._today())
        if short is None:
            again = _load(session, wave)
            return Outcome(Feedback.warning(f"Nothing is left to pick in {at[1]}.",
                                             _prompt(again, None, None)),
                            lambda: setattr(self, "_wave", again))
        parts = []
        for s in short.shortages:
            if s.moved_to:
                parts.append(f"{s.sku} for {s.order}: {s.missing - s.left} reserved in "
                             f"{', '.join(s.moved_to)}")
            if s.left:
                parts.append(f"{s.sku} for {s.order}: {s.left} missing, the order waits "
                             "in the exceptions queue")
        skus = ", ".join(sorted({s.sku for s in short.shortages}))
        blocked = f"{at[1]} is blocked for {skus} until it is counted ({short.count} planned)."
        fresh = _load(session, wave)

        def after() -> None:
            self._wave = fresh
            self._at = None
            self._last = None
            self._recent.appendleft(f"{at[1]} short")
        return Outcome(Feedback(Level.WARNING, f"{at[1]} short: " + "; ".join(parts) + ". "
                                + blocked, _prompt(fresh, None, None), _CHANGED), after)

    def _undo(self, session: Session, key: str) -> Outcome:
        state = self._wave
        assert state is not None
        wave = session.get(Wave, state.id, with_for_update=True)
        assert wave is not None
        if picks.already_undone(session, key):
            fresh = _load(session, wave)
            return Outcome(Feedback.ok("Undone before, not again.", _prompt(fresh, None, None)),
                            lambda: setattr(self, "_wave", fresh))
        undone = picks.undo_pick(session, self.actor, wave, key=key)
        if undone is None:
            return Outcome(Feedback.warning("Nothing to undo in this wave."))
        event, task = undone
        code = session.scalar(select(Location.code).where(Location.id == task.location_id))
        fresh = _load(session, wave)
        row = next(r for r in fresh.rows if any(s.task_id == task.id for s in r.shares))
        text = f"Undone: {row.sku} ×{event.qty} goes back to {code}."

        def after() -> None:
            self._wave = fresh
            self._at = None
            self._last = None
            self._recent.appendleft(f"undone: {row.sku} ×{event.qty}")
        return Outcome(Feedback.ok(text, _prompt(fresh, None, None), _CHANGED), after)

    def _done(self, session: Session) -> Outcome:
        state = self._wave
        assert state is not None
        wave = session.get(Wave, state.id)
        assert wave is not None
        fresh = _load(session, wave)
        left = sum(r.qty - r.picked for r in fresh.rows if r.open)
        if left:
            return Outcome(Feedback.error(f"{wave.code} still has {left} unit{plural_s(left)} "
                                           "to pick: pick the rest, or report a short bin "
                                           "(F8)."),
                            lambda: setattr(self, "_wave", fresh))

        def after() -> None:
            self._wave = None
            self._at = None
            self._last = None
            self._recent.appendleft(f"{wave.code} done")
        return Outcome(Feedback.ok(f"{wave.code} is picked: take the totes to packing "
                                    f"{state.packing}.", "Scan the next wave (WAVE-…)."),
                        after)

    def _drop_qty(self) -> None:
        self._pending_qty = None


# --- state and view --------------------------------------------------------------------------

def _load(session: Session, wave: Wave) -> WaveState:
    packing = session.scalar(select(Location.code)
                             .where(Location.id == wave.packing_location_id)) or ""
    wanted = session.execute(
        select(WaveOrder.seq, SalesOrder.number)
        .join(SalesOrder, SalesOrder.id == WaveOrder.order_id)
        .where(WaveOrder.wave_id == wave.id, WaveOrder.tote.is_(None))
        .order_by(WaveOrder.seq)).all()
    return WaveState(wave.id, wave.code, packing, tuple(pick_rows(session, wave.id)),
                     tuple((seq, number) for seq, number in wanted))


def _orders(state: WaveState) -> set[int]:
    return {s.seq for r in state.rows for s in r.shares}


def _into(share: PickShare, packing: str) -> str:
    return share.tote or f"order #{share.seq} (to {packing})"


def _take(row: PickRow) -> str:
    lot = f" lot {row.lot}" if row.lot else ""
    shares = [s for s in row.shares if s.status == "open"]
    into = ", ".join(f"{s.qty - s.picked} → {s.tote or '#' + str(s.seq)}" for s in shares)
    return f"take {row.sku}{lot} ×{row.qty - row.picked} ({into})"


def _prompt(state: WaveState, at: tuple[int, str] | None, row: PickRow | None) -> str:
    if state.totes_wanted:
        seq, number = state.totes_wanted[0]
        return f"Scan a tote for order #{seq} {number}"
    if row is None:
        here = [r for r in state.rows if r.open and at is not None and r.location_id == at[0]]
        row = here[0] if here else next((r for r in state.rows if r.open), None)
    if row is None:
        return "Everything is picked: CMD-DONE (F10)"
    if at is None or at[0] != row.location_id:
        return f"Go to {row.location} and scan it"
    return f"At {row.location}: {_take(row)}"


def _view(flow: PickingWorkflow) -> FloorView:
    state = flow.wave
    markers = (f"Quantity {flow.pending_qty}",) if flow.pending_qty else ()
    if state is None:
        return FloorView(title="Picking", prompt="Scan a wave's pick list (F2 type its "
                         "number)", recent=tuple(flow.recent), markers=markers)
    at = flow.at
    row = flow.next_row()
    lines = tuple(FloorLine(
        sku=r.sku, name=r.name, expected=r.qty, done=r.picked,
        detail=" · ".join(p for p in (r.location, f"lot {r.lot}" if r.lot else "",
                                      ", ".join(share_text(s) for s in r.shares)) if p),
        current=r is row) for r in state.rows)
    current = f"{row.location}: {_take(row)}" if row is not None else ""
    return FloorView(
        title=f"Picking {state.code}", prompt=_prompt(state, at, row),
        lines=lines, recent=tuple(flow.recent), current=current,
        done_lines=sum(not r.open for r in state.rows), total_lines=len(state.rows),
        done_units=sum(r.picked for r in state.rows),
        total_units=sum(r.qty for r in state.rows), markers=markers,
        finished=bool(state.rows) and row is None)
