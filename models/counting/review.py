"""Reviewing a count: the variance list of each bin's last round with its value impact,
recount requests, and the count's accuracy figures."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models import audit
from models.actor import Actor
from models.counting.plans import find_count
from models.counting.short_holds import settle_holds
from models.db.dialect import insert_for
from models.entities import (
    BinStatus,
    CountBin,
    CountLine,
    CountStatus,
    LastCount,
    Location,
    LocationType,
    Lot,
    Product,
    Quant,
    Reservation,
    SerialNumber,
    StockCount,
    StockMove,
    utcnow,
)
from models.errors import InputError, InsufficientStock
from models.ledger import MoveLine, Reason, post_moves
from models.permissions import Perm
from models.reference_data import virtual_location_id


@dataclass(frozen=True)
class VarianceRow:
    """One line of a bin's last round: what was expected, what was found, what it is worth."""

    location: str
    sku: str
    name: str
    lot: str | None
    serial: str | None
    expected: int
    counted: int
    unit_cost: Decimal | None
    bin_status: str
    round: int

    @property
    def variance(self) -> int:
        """Counted minus expected: positive found more, negative found less."""
        return self.counted - self.expected

    @property
    def value_impact(self) -> Decimal | None:
        """The variance at the product's standard cost (None without a cost)."""
        return None if self.unit_cost is None else self.unit_cost * self.variance


def last_round_lines(session: Session, count_id: int):
    """Rows of every line of each bin's last round, with the ids approval needs, in walk
    order of the bins."""
    stmt = (
        select(Location.code.label("location"), Location.walk_seq, Product.sku, Product.name,
               Lot.number.label("lot"), SerialNumber.serial, CountLine.expected,
               CountLine.counted, Product.standard_cost, CountBin.status.label("bin_status"),
               CountBin.round, CountBin.location_id, CountBin.counted_at, CountLine.product_id,
               CountLine.lot_id, CountLine.serial_id,
               SerialNumber.location_id.label("serial_location_id"),
               SerialNumber.lot_id.label("serial_lot_id"))
        .join(CountBin, (CountBin.id == CountLine.count_bin_id)
              & (CountLine.round == CountBin.round))
        .join(Location, Location.id == CountBin.location_id)
        .join(Product, Product.id == CountLine.product_id)
        .outerjoin(Lot, Lot.id == CountLine.lot_id)
        .outerjoin(SerialNumber, SerialNumber.id == CountLine.serial_id)
        .where(CountBin.count_id == count_id, CountBin.round >= 1)
    )
    rows = session.execute(stmt).all()
    rows.sort(key=lambda r: (r.walk_seq, r.location, r.sku, r.lot or "", r.serial or ""))
    return rows


def variances(session: Session, count_id: int, *, only_variances: bool = False,
              location_prefix: str | None = None, sku: str | None = None) -> list[VarianceRow]:
    """The lines of each bin's last round, optionally only those with a variance, of
    locations starting with a prefix, or of one SKU."""
    find_count(session, count_id)
    result = []
    for r in last_round_lines(session, count_id):
        if only_variances and r.counted == r.expected:
            continue
        if location_prefix and not r.location.startswith(location_prefix):
            continue
        if sku and r.sku != sku:
            continue
        result.append(VarianceRow(r.location, r.sku, r.name, r.lot, r.serial, r.expected,
                                  r.counted, r.standard_cost, r.bin_status, r.round))
    return result


def request_recount(session: Session, actor: Actor, count_id: int,
                    location_codes: Sequence[str]) -> list[str]:
    """Send counted bins back for a recount by another person; returns their codes."""
    actor.require(Perm.STOCK_ADJUST)
    count = find_count(session, count_id)
    if count.status != CountStatus.OPEN:
        raise InputError(f"{count.code} is {count.status}; only an open count is recounted.")
    codes = list(dict.fromkeys(c.strip() for c in location_codes if c.strip()))
    if not codes:
        raise InputError("Say which locations to recount.")
    bins = {code: b for b, code in session.execute(
        select(CountBin, Location.code).join(Location, Location.id == CountBin.location_id)
        .where(CountBin.count_id == count.id, Location.code.in_(codes))
        .with_for_update(of=CountBin))}
    unknown = [c for c in codes if c not in bins]
    if unknown:
        raise InputError(f"{', '.join(unknown)} not in {count.code}.")
    for code in codes:
        status = bins[code].status
        if status == BinStatus.PENDING:
            raise InputError(f"{code} has not been counted yet; count it first.")
        if status == BinStatus.COUNTING:
            raise InputError(f"{code} is being counted right now; wait until it is done.")
    for code in codes:
        bins[code].status = BinStatus.RECOUNT
    session.flush()
    audit.record(session, actor, "count.recount", entity="stock_count", entity_id=count.id,
                 locations=codes)
    return codes


@dataclass(frozen=True)
class CountAccuracy:
    """How right the books were, over the counted bins of a count."""

    bins_counted: int
    lines: int
    lines_without_variance: int
    units_gained: int
    units_lost: int
    value_gained: Decimal
    value_lost: Decimal  # the shrinkage value

    @property
    def accuracy_pct(self) -> Decimal | None:
        """Lines without variance as a percentage of the lines (None before any count)."""
        if not self.lines:
            return None
        return (Decimal(100) * self.lines_without_variance / self.lines).quantize(
            Decimal("0.1"))

    @property
    def net_value(self) -> Decimal:
        """Value gained minus value lost."""
        return self.value_gained - self.value_lost


def accuracy(session: Session, count_id: int) -> CountAccuracy:
    """Accuracy figures of the bins counted so far (all of them once approved); lines of
    products without a standard cost add units but no value."""
    find_count(session, count_id)
    rows = [r for r in last_round_lines(session, count_id)
            if r.bin_status == BinStatus.COUNTED]
    gained = lost = 0
    value_gained = value_lost = Decimal(0)
    for r in rows:
        variance = r.counted - r.expected
        cost = r.standard_cost or Decimal(0)
        if variance > 0:
            gained += variance
            value_gained += cost * variance
        elif variance < 0:
            lost -= variance
            value_lost -= cost * variance
    bins_counted = session.scalar(select(func.count()).where(
        CountBin.count_id == count_id, CountBin.status == BinStatus.COUNTED,
        CountBin.round >= 1))
    return CountAccuracy(
        bins_counted=int(bins_counted or 0),
        lines=len(rows),
        lines_without_variance=sum(1 for r in rows if r.counted == r.expected),
        units_gained=gained, units_lost=lost,
        value_gained=value_gained, value_lost=value_lost)


@dataclass(frozen=True)
class ApprovalResult:
    """What approving a count posted, and which bins it left out."""

    count: str
    posting_id: int | None  # None when every counted line matched
    moves: int
    bins_approved: int
    units_gained: int
    units_lost: int
    left_out: tuple[str, ...]  # pending bins nobody counted: not adjusted, not marked counted
    replayed: bool = False  # the count had been approved before; nothing changed now

    @property
    def message(self) -> str:
        """One line for the screen and the command line."""
        if self.replayed:
            return f"{self.count} was already approved."
        text = (f"{self.count} approved: {self.bins_approved} bins, {self.moves} adjustments "
                f"(+{self.units_gained} / -{self.units_lost} units)")
        if self.left_out:
            text += f"; {len(self.left_out)} bins not counted were left out"
        return text + "."


def approve_count(session: Session, actor: Actor, count_id: int, *,
                  note: str = "") -> ApprovalResult:
    """Post every variance of the counted bins as one adjustment to or from inventory loss,
    mark the count approved and its locations counted; a second call changes nothing."""
    actor.require(Perm.STOCK_ADJUST)
    count = session.execute(
        select(StockCount).where(StockCount.id == find_count(session, count_id).id)
        .with_for_update().execution_options(populate_existing=True)).scalar_one()
    bins = session.execute(
        select(CountBin.location_id, CountBin.status, CountBin.counted_at, Location.code)
        .join(Location, Location.id == CountBin.location_id)
        .where(CountBin.count_id == count.id)).all()
    bins.sort(key=lambda b: b.code)
    left_out = tuple(b.code for b in bins if b.status == BinStatus.PENDING)
    if count.status == CountStatus.APPROVED:
        return _earlier_approval(session, count, bins, left_out)
    if count.status != CountStatus.OPEN:
        raise InputError(f"{count.code} is {count.status}; it cannot be approved.")
    _refuse_unfinished(count.code, bins)
    counted = [b for b in bins if b.status == BinStatus.COUNTED]
    if not counted:
        raise InputError(f"{count.code} has no counted bins yet; nothing to approve.")
    moves = adjustment_moves(session, count.id)
    _refuse_reserved_beyond_counted(session, count.code, moves)
    posting_id = None
    if moves:
        try:
            posting_id = post_moves(session, actor, moves, reason=Reason.COUNT,
                                    reference=count.code, note=note,
                                    idempotency_key=f"count:{count.id}",
                                    allow_blocked=True).posting_id
        except InsufficientStock as exc:
            raise InputError(f"{count.code} cannot be approved: {exc} Stock left that bin "
                             "after it was counted; recount it, then approve again.") from None
    now = utcnow()
    _mark_counted(session, count.id, [(b.location_id, b.counted_at or now) for b in counted])
    settle_holds(session, actor, count, [b.location_id for b in counted])
    count.status = CountStatus.APPROVED
    count.approved_by = actor.user_id
    count.approved_at = now
    count.posting_id = posting_id
    session.flush()
    gained, lost = _units(moves, _loss_id(session))
    audit.record(session, actor, "count.approve", entity="stock_count", entity_id=count.id,
                 posting_id=posting_id, moves=len(moves), left_out=len(left_out))
    return ApprovalResult(count.code, posting_id, len(moves), len(counted), gained, lost,
                          left_out)


def _refuse_unfinished(code: str, bins) -> None:
    busy = [b for b in bins if b.status in (BinStatus.COUNTING, BinStatus.RECOUNT)]
    if not busy:
        return
    words = {BinStatus.COUNTING: "is being counted", BinStatus.RECOUNT: "waits for a recount"}
    shown = "; ".join(f"{b.code} {words[BinStatus(b.status)]}" for b in busy[:5])
    more = f"; and {len(busy) - 5} more" if len(busy) > 5 else ""
    raise InputError(f"{code} cannot be approved yet: {shown}{more}.")


def _refuse_reserved_beyond_counted(session: Session, code: str,
                                    moves: Sequence[MoveLine]) -> None:
    """Refuse, naming the orders, when a bin would be left holding fewer units than are
    reserved in it: reservations made before the count (a bin a picker reported short, say)
    that the count says are not there."""
    loss = _loss_id(session)
    for move in moves:
        if move.to_location_id != loss:
            continue
        row = session.execute(
            select(Quant.on_hand, Quant.reserved, Product.sku, Location.code)
            .join(Product, Product.id == Quant.product_id)
            .join(Location, Location.id == Quant.location_id)
            .where(Quant.product_id == move.product_id,
                   Quant.location_id == move.from_location_id,
                   func.coalesce(Quant.lot_id, 0) == (move.lot_id or 0))).first()
        if row is None or not move.qty <= row.on_hand < move.qty + row.reserved:
            continue  # nothing reserved beyond the count, or stock left the bin since
        holders = session.scalars(
            select(Reservation.reference)
            .where(Reservation.product_id == move.product_id,
                   Reservation.location_id == move.from_location_id,
                   func.coalesce(Reservation.lot_id, 0) == (move.lot_id or 0),
                   Reservation.qty > 0).order_by(Reservation.id)).all()
        raise InputError(
            f"{code} cannot be approved: {row.code} would keep {row.on_hand - move.qty} "
            f"{row.sku} but {row.reserved} are reserved there for {', '.join(holders)}. "
            "Pick those orders (report the bin short where it is empty) or hold them, then "
            "approve again.")


def _loss_id(session: Session) -> int:
    return virtual_location_id(session, LocationType.INVENTORY_LOSS)


def adjustment_moves(session: Session, count_id: int) -> list[MoveLine]:
    """The moves that bring the books to what was counted: per line of each counted bin's
    last round, its variance to or from inventory loss; a serial found in another bin than
    the books say moves from there."""
    loss = _loss_id(session)
    moves: list[MoveLine] = []
    missing: dict[int, tuple[int, object]] = {}
    extra: dict[int, tuple[int, object]] = {}
    for r in last_round_lines(session, count_id):
        if r.bin_status != BinStatus.COUNTED or r.counted == r.expected:
            continue
        variance = r.counted - r.expected
        if r.serial_id is not None:
            (extra if variance > 0 else missing)[r.serial_id] = (r.location_id, r)
            continue
        cost = r.standard_cost
        if variance > 0:
            moves.append(MoveLine(r.product_id, variance, loss, r.location_id, lot_id=r.lot_id,
                                  unit_cost=cost))
        else:
            moves.append(MoveLine(r.product_id, -variance, r.location_id, loss,
                                  lot_id=r.lot_id, unit_cost=cost))
    for serial_id, (bin_id, r) in missing.items():
        if serial_id in extra:
            continue  # found in another bin of the count: one move between the two
        if r.serial_location_id != bin_id:
            continue  # it left the bin after the count; the books no longer claim it there
        moves.append(MoveLine(r.product_id, 1, bin_id, loss, lot_id=r.serial_lot_id,
                              serial_id=serial_id, unit_cost=r.standard_cost))
    for serial_id, (bin_id, r) in extra.items():
        source = r.serial_location_id
        if source == bin_id:
            continue  # moved in after the count: the books agree already
        if source is None:
            source = loss
        moves.append(MoveLine(r.product_id, 1, source, bin_id, lot_id=r.serial_lot_id,
                              serial_id=serial_id, unit_cost=r.standard_cost))
    return moves


def _units(moves: Sequence[MoveLine], loss: int) -> tuple[int, int]:
    gained = sum(m.qty for m in moves if m.from_location_id == loss)
    lost = sum(m.qty for m in moves if m.to_location_id == loss)
    return gained, lost


def _mark_counted(session: Session, count_id: int, located: list[tuple[int, object]]) -> None:
    """Upsert when each location was last counted (an older count approved later does not
    move the date back)."""
    table = LastCount.__table__
    for start in range(0, len(located), 2_000):
        stmt = insert_for(session, table).values([
            {"location_id": loc, "counted_at": at, "count_id": count_id}
            for loc, at in located[start:start + 2_000]])
        stmt = stmt.on_conflict_do_update(
            index_elements=[table.c.location_id],
            set_={"counted_at": stmt.excluded.counted_at, "count_id": stmt.excluded.count_id},
            where=stmt.excluded.counted_at >= table.c.counted_at)
        session.execute(stmt)


def _earlier_approval(session: Session, count: StockCount, bins,
                      left_out: tuple[str, ...]) -> ApprovalResult:
    gained = lost = moves = 0
    if count.posting_id is not None:
        loss = _loss_id(session)
        for from_id, to_id, qty in session.execute(
                select(StockMove.from_location_id, StockMove.to_location_id, StockMove.qty)
                .where(StockMove.posting_id == count.posting_id)):
            moves += 1
            gained += qty if from_id == loss else 0
            lost += qty if to_id == loss else 0
    approved = sum(1 for b in bins if b.status == BinStatus.COUNTED)
    return ApprovalResult(count.code, count.posting_id, moves, approved, gained, lost,
                          left_out, replayed=True)
