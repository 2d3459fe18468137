"""One location of a count, round by round: starting a round blocks the location and
snapshots what the ledger says is in it; finishing it unblocks the location and decides by the
variance whether somebody else must count it again."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from models.actor import Actor
from models.entities import (
    BinStatus,
    CountBin,
    CountLine,
    CountStatus,
    Location,
    Lot,
    Product,
    Quant,
    SerialNumber,
    StockCount,
    Tracking,
    User,
    utcnow,
)
from models.errors import InputError, NotFound
from models.permissions import Perm

#: The blocked reason a count writes on a location (posting refusals quote it).
BLOCK_REASON = "being counted ({code})"
_BLOCK_PREFIX = "being counted ("


@dataclass(frozen=True)
class CountInfo:
    """An open count as a counter needs it."""

    id: int
    title: str
    blind: bool
    warehouse_id: int
    recount_pct: int
    recount_units: int

    @property
    def code(self) -> str:
        """The barcode data of the count."""
        return f"COUNT-{self.id}"


@dataclass(frozen=True)
class RoundLine:
    """One product, lot or serial of a bin's round: the snapshot and what was counted."""

    line_id: int
    product_id: int
    sku: str
    name: str
    lot_id: int | None
    lot: str | None
    serial_id: int | None
    serial: str | None
    expected: int
    counted: int

    @property
    def key(self) -> tuple[int, int | None, int | None]:
        """Product, lot and serial: what makes a line of a round."""
        return (self.product_id, self.lot_id, self.serial_id)


@dataclass(frozen=True)
class BinRound:
    """A bin's round a counter is on."""

    bin_id: int
    location_id: int
    code: str
    round: int
    resumed: bool
    lines: tuple[RoundLine, ...]


@dataclass(frozen=True)
class RoundResult:
    """How a finished round came out."""

    code: str
    status: str
    round: int
    units: int
    variances: tuple[RoundLine, ...]  # lines past the recount threshold
    already: bool = False  # the round had been finished before (a retried call)


def load_count(session: Session, count_id: int) -> CountInfo:
    """The open count `count_id`; refused when it does not exist or is no longer open."""
    count = session.get(StockCount, count_id)
    if count is None:
        raise NotFound(f"There is no count COUNT-{count_id}: scan the barcode on the count "
                       "sheet.")
    if count.status != CountStatus.OPEN:
        raise InputError(f"COUNT-{count_id} is {count.status}: there is nothing more to count "
                         "in it.")
    return CountInfo(count.id, count.title, bool(count.blind), count.warehouse_id,
                     count.recount_pct, count.recount_units)


def passes_threshold(expected: int, counted: int, *, pct: int, units: int) -> bool:
    """True when a line's variance asks for a recount: at least `units` units and at least
    `pct` % of what was expected (anything found where nothing was expected passes the %)."""
    diff = abs(counted - expected)
    if diff == 0 or diff < units:
        return False
    return expected == 0 or diff * 100 >= pct * expected


def why_not_counter(status: str, first_counter_id: int | None, counter_id: int | None,
                    user_id: int) -> str | None:
    """Why this user may not count the bin now (None: they may); `{code}` and `{who}` are
    filled in by the caller."""
    if status == BinStatus.COUNTED:
        return "{code} is counted already: scan another location of the count."
    if status == BinStatus.COUNTING and counter_id != user_id:
        return "{code} is being counted by {who}: scan another location."
    if status == BinStatus.RECOUNT and first_counter_id == user_id:
        return ("{code} needs a recount by another person: you counted it first. Scan "
                "another location.")
    return None


def counting_bin_of(session: Session, count: CountInfo, user_id: int) -> int | None:
    """The location this user is counting in this count (to resume after a restart)."""
    return session.scalar(select(CountBin.location_id).where(
        CountBin.count_id == count.id, CountBin.status == BinStatus.COUNTING,
        CountBin.counter_id == user_id).limit(1))


def start_round(session: Session, actor: Actor, count: CountInfo, location_id: int
                ) -> BinRound:
    """Start (or resume) this counter's round of a location of the count: block the location
    and snapshot its stock into the round's lines."""
    actor.require(Perm.STOCK_MOVE)
    row = session.execute(
        select(CountBin.id, CountBin.status, CountBin.round, CountBin.first_counter_id,
               CountBin.counter_id, Location.code)
        .join(Location, Location.id == CountBin.location_id)
        .where(CountBin.count_id == count.id, CountBin.location_id == location_id)).first()
    if row is None:
        code = session.scalar(select(Location.code).where(Location.id == location_id))
        raise InputError(f"{code} is not in {count.code}: scan a location of this count.")
    refusal = why_not_counter(row.status, row.first_counter_id, row.counter_id, actor.user_id)
    if refusal is not None:
        who = session.scalar(select(User.username).where(User.id == row.counter_id)) or "?"
        raise InputError(refusal.format(code=row.code, who=who))
    if row.status == BinStatus.COUNTING:
        return BinRound(row.id, location_id, row.code, row.round, True,
                        tuple(round_lines(session, row.id, row.round)))
    location = session.get(Location, location_id, with_for_update=True)
    assert location is not None
    if location.blocked and location.blocked_reason == BLOCK_REASON.format(code=count.code):
        raise InputError(f"{row.code} was just taken by another counter: scan another "
                         "location.")
    if location.blocked and location.blocked_reason.startswith(_BLOCK_PREFIX):
        raise InputError(f"{row.code} is {location.blocked_reason}: another count has it now. "
                         "Scan another location.")
    new_round = row.round + 1
    now = utcnow()
    # Conditional on what was read: of two counters scanning the bin at once, one wins.
    taken = session.execute(
        update(CountBin).where(CountBin.id == row.id, CountBin.status == row.status,
                               CountBin.round == row.round)
        .values(status=BinStatus.COUNTING, round=new_round, counter_id=actor.user_id,
                first_counter_id=row.first_counter_id or actor.user_id,
                was_blocked=bool(location.blocked), started_at=now, counted_at=None)
        .execution_options(synchronize_session=False))
    if taken.rowcount != 1:
        raise InputError(f"{row.code} was just taken by another counter: scan another "
                         "location.")
    if not location.blocked:
        location.blocked = True
        location.blocked_reason = BLOCK_REASON.format(code=count.code)
    _snapshot(session, row.id, new_round, location_id)
    session.flush()
    return BinRound(row.id, location_id, row.code, new_round, False,
                    tuple(round_lines(session, row.id, new_round)))


def _snapshot(session: Session, bin_id: int, round_no: int, location_id: int) -> None:
    """The round's lines with `expected` = on hand now: per product and lot, and one line per
    serial number for serial-tracked products."""
    # Locking the quants makes a posting still in flight on them finish first.
    quants = session.execute(
        select(Quant.product_id, Quant.lot_id, Quant.on_hand)
        .join(Product, Product.id == Quant.product_id)
        .where(Quant.location_id == location_id, Quant.on_hand > 0,
               Product.tracking != Tracking.SERIAL)
        .order_by(Product.sku, Quant.lot_id).with_for_update(of=Quant)).all()
    serials = session.execute(
        select(SerialNumber.product_id, SerialNumber.lot_id, SerialNumber.id)
        .join(Product, Product.id == SerialNumber.product_id)
        .where(SerialNumber.location_id == location_id, Product.tracking == Tracking.SERIAL)
        .order_by(Product.sku, SerialNumber.serial)).all()
    rows = [dict(count_bin_id=bin_id, round=round_no, product_id=q.product_id, lot_id=q.lot_id,
                 serial_id=None, expected=q.on_hand, counted=0) for q in quants]
    rows += [dict(count_bin_id=bin_id, round=round_no, product_id=s.product_id,
                  lot_id=s.lot_id, serial_id=s.id, expected=1, counted=0) for s in serials]
    if rows:
        session.execute(insert(CountLine), rows)


def round_lines(session: Session, bin_id: int, round_no: int) -> list[RoundLine]:
    """The lines of one round of a bin, snapshot first, then what was found besides."""
    rows = session.execute(
        select(CountLine.id, CountLine.product_id, Product.sku, Product.name,
               CountLine.lot_id, Lot.number, CountLine.serial_id, SerialNumber.serial,
               CountLine.expected, CountLine.counted)
        .join(Product, Product.id == CountLine.product_id)
        .outerjoin(Lot, Lot.id == CountLine.lot_id)
        .outerjoin(SerialNumber, SerialNumber.id == CountLine.serial_id)
        .where(CountLine.count_bin_id == bin_id, CountLine.round == round_no)
        .order_by(CountLine.id)).all()
    return [RoundLine(*row) for row in rows]


def finish_round(session: Session, actor: Actor, count: CountInfo, bin_id: int
                 ) -> RoundResult:
    """End this counter's round: unblock the location (unless it was blocked before), and set
    the bin counted, or recount when a first round's variance passes the threshold."""
    counted_bin = session.get(CountBin, bin_id, with_for_update=True)
    if counted_bin is None:
        raise NotFound(f"There is no bin {bin_id} in {count.code}.")
    location = session.get(Location, counted_bin.location_id)
    assert location is not None
    lines = round_lines(session, bin_id, counted_bin.round)
    variances = tuple(ln for ln in lines if passes_threshold(
        ln.expected, ln.counted, pct=count.recount_pct, units=count.recount_units))
    units = sum(ln.counted for ln in lines)
    if counted_bin.status != BinStatus.COUNTING or counted_bin.counter_id != actor.user_id:
        # Finished before (an answer lost on the way back, then the call retried).
        return RoundResult(location.code, counted_bin.status, counted_bin.round, units,
                           variances, already=True)
    status = (BinStatus.RECOUNT if variances and counted_bin.round == 1
              else BinStatus.COUNTED)
    if not counted_bin.was_blocked:
        location.blocked = False
        location.blocked_reason = ""
    counted_bin.status = status
    counted_bin.counted_at = utcnow()
    counted_bin.counter_id = actor.user_id
    if counted_bin.first_counter_id is None:
        counted_bin.first_counter_id = actor.user_id
    session.flush()
    return RoundResult(location.code, status, counted_bin.round, units, variances)


def progress(session: Session, count_id: int) -> tuple[int, int]:
    """Bins counted and bins in the count."""
    rows = session.execute(select(CountBin.status, func.count()).where(
        CountBin.count_id == count_id).group_by(CountBin.status)).all()
    return (sum(n for status, n in rows if status == BinStatus.COUNTED),
            sum(n for _, n in rows))
