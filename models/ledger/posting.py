"""`post_moves`: the one function that changes stock.

A posting writes its moves and updates the quants they touch in the same transaction, all or
nothing. Stock never goes negative and reservations never exceed on hand: every decrease is a
conditional UPDATE whose row count is checked (and the schema's CHECK constraints stand behind
it), which holds under concurrency on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import and_, bindparam, func, literal_column, select, update
from sqlalchemy.orm import Session

from models.actor import Actor
from models.db.dialect import executemany, insert_for
from models.entities import Quant, Reservation, SerialNumber, StockMove, StockPosting, utcnow
from models.errors import IdempotencyConflict, InputError, InsufficientStock
from models.ledger.context import PostingContext, check_lines
from models.ledger.lines import MoveLine, PostingResult, request_hash

QuantKey = tuple[int, int, int | None]  # product, location, lot

_quant = Quant.__table__
_posting = StockPosting.__table__


class _ShortStock(Exception):
    """Raised inside the savepoint when a conditional update did not match every quant."""


class _Replay(Exception):
    """Raised inside the savepoint when a concurrent posting took the idempotency key."""


def post_moves(
    session: Session,
    actor: Actor,
    lines: Sequence[MoveLine],
    *,
    reason: str,
    reference: str = "",
    note: str = "",
    idempotency_key: str | None = None,
    reverses_id: int | None = None,
    allow_blocked: bool = False,
) -> PostingResult:
    """Post `lines` as one posting, or raise and change nothing.

    With an `idempotency_key` that was posted before, the first posting is returned and
    nothing is written. `allow_blocked` lets a count post into the bins it has blocked.
    """
    lines = list(lines)
    if not lines:
        raise InputError("Nothing to post: the posting has no lines.")
    if not reason or len(reason) > 32:
        raise InputError("A posting needs a reason of at most 32 characters.")
    fingerprint = request_hash(reason, reference, lines)
    if idempotency_key is not None:
        prior = _prior_posting(session, idempotency_key, fingerprint)
        if prior is not None:
            return prior

    ctx = PostingContext.load(session, lines)
    check_lines(ctx, lines, actor, allow_blocked=allow_blocked)
    deltas = _quant_deltas(ctx, lines)
    try:
        with session.begin_nested():
            posting_id = _insert_posting(session, actor, reason, reference, note,
                                         idempotency_key, fingerprint, reverses_id)
            if posting_id is None:
                # Another transaction committed the same key while we were validating.
                raise _Replay
            _insert_moves(session, posting_id, lines)
            _apply_deltas(session, deltas)
            _move_serials(session, ctx, lines)
            _consume_reservations(session, lines)
    except _Replay:
        prior = _prior_posting(session, idempotency_key or "", fingerprint)
        assert prior is not None
        return prior
    except _ShortStock:
        raise InsufficientStock(_diagnose_shortage(session, ctx, deltas)) from None
    return PostingResult(posting_id=posting_id, move_count=len(lines))


def _prior_posting(session: Session, key: str, fingerprint: str) -> PostingResult | None:
    row = session.execute(
        select(_posting.c.id, _posting.c.request_hash).where(_posting.c.idempotency_key == key)
    ).first()
    if row is None:
        return None
    if row.request_hash != fingerprint:
        raise IdempotencyConflict(
            f"The request key {key} was already used for a different posting "
            f"(#{row.id}); nothing was posted."
        )
    count = session.scalar(select(func.count()).where(StockMove.posting_id == row.id))
    return PostingResult(posting_id=row.id, move_count=count or 0, replayed=True)


def _insert_posting(session: Session, actor: Actor, reason: str, reference: str, note: str,
                    key: str | None, fingerprint: str, reverses_id: int | None) -> int | None:
    values = dict(idempotency_key=key, request_hash=fingerprint, reason=reason,
                  reference=reference, note=note, user_id=actor.user_id,
                  workstation=actor.workstation, created_at=utcnow(), reverses_id=reverses_id)
    stmt = insert_for(session, _posting).values(**values)
    if key is not None:
        stmt = stmt.on_conflict_do_nothing(index_elements=[_posting.c.idempotency_key])
    return session.execute(stmt.returning(_posting.c.id)).scalar()


_INSERT_MOVE = (
    "INSERT INTO stock_move (posting_id, product_id, lot_id, serial_id, qty, "
    "from_location_id, to_location_id, unit_cost) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
)


def _insert_moves(session: Session, posting_id: int, lines: list[MoveLine]) -> None:
    executemany(session, _INSERT_MOVE, [
        (posting_id, ln.product_id, ln.lot_id, ln.serial_id, ln.qty, ln.from_location_id,
         ln.to_location_id, ln.unit_cost)
        for ln in lines
    ])


def _quant_deltas(ctx: PostingContext, lines: list[MoveLine]) -> dict[QuantKey, list[int]]:
    """Net change of [on hand, reserved] per quant; virtual locations keep no quants."""
    deltas: dict[QuantKey, list[int]] = {}
    get = deltas.get
    virtual = ctx.virtual_ids
    for ln in lines:
        qty, product, lot = ln.qty, ln.product_id, ln.lot_id
        if ln.from_location_id not in virtual:
            key = (product, ln.from_location_id, lot)
            taken = qty if ln.reservation_id is not None else 0
            delta = get(key)
            if delta is None:
                deltas[key] = [-qty, -taken]
            else:
                delta[0] -= qty
                delta[1] -= taken
        if ln.to_location_id not in virtual:
            key = (product, ln.to_location_id, lot)
            delta = get(key)
            if delta is None:
                deltas[key] = [qty, 0]
            else:
                delta[0] += qty
    return {key: d for key, d in deltas.items() if d[0] or d[1]}


def _key_params(key: QuantKey) -> dict[str, Any]:
    return {"k_product": key[0], "k_location": key[1], "k_lot": key[2] or 0}


def _quant_key_clause() -> Any:
    # Matches the unique index uq_quant_key exactly, so the lookup is an index seek.
    return and_(
        _quant.c.product_id == bindparam("k_product"),
        _quant.c.location_id == bindparam("k_location"),
        func.coalesce(_quant.c.lot_id, literal_column("0")) == bindparam("k_lot"),
    )


# The key columns match the unique index uq_quant_key exactly, so lookups are index seeks.
_GUARDED_UPDATE = (
    "UPDATE quant SET on_hand = on_hand + ?, reserved = reserved + ? "
    "WHERE product_id = ? AND location_id = ? AND coalesce(lot_id, 0) = ? "
    "AND on_hand + ? >= reserved + ? AND reserved + ? >= 0"
)
_UPSERT_INCREASE = (
    "INSERT INTO quant (product_id, location_id, lot_id, on_hand, reserved) "
    "VALUES (?, ?, ?, ?, 0) "
    "ON CONFLICT (product_id, location_id, coalesce(lot_id, 0)) "
    "DO UPDATE SET on_hand = quant.on_hand + excluded.on_hand"
)


def _apply_deltas(session: Session, deltas: dict[QuantKey, list[int]]) -> None:
    # Sorted, so concurrent postings lock quants in the same order.
    ordered = sorted(deltas.items(), key=lambda item: (item[0][0], item[0][1], item[0][2] or 0))
    guarded = [(product, location, lot or 0, d_on_hand, d_reserved)
               for (product, location, lot), (d_on_hand, d_reserved) in ordered
               if not (d_on_hand > 0 and d_reserved == 0)]
    increases = [(product, location, lot, d_on_hand)
                 for (product, location, lot), (d_on_hand, d_reserved) in ordered
                 if d_on_hand > 0 and d_reserved == 0]
    if guarded:
        # A decrease that would take stock below what is reserved (or below zero) matches no
        # row; the shortfall is then explained by _diagnose_shortage.
        matched = executemany(session, _GUARDED_UPDATE, [
            (d_on, d_res, product, location, lot, d_on, d_res, d_res)
            for product, location, lot, d_on, d_res in guarded
        ])
        if matched != len(guarded):
            raise _ShortStock
    executemany(session, _UPSERT_INCREASE, increases)


def _move_serials(session: Session, ctx: PostingContext, lines: list[MoveLine]) -> None:
    moves = [ln for ln in lines if ln.serial_id is not None]
    if not moves:
        return
    table = SerialNumber.__table__
    stmt = (
        update(table)
        .where(table.c.id == bindparam("s_id"))
        .where(table.c.location_id.is_not_distinct_from(bindparam("s_here")))
        .values(location_id=bindparam("s_to"))
    )
    params = [{"s_id": ln.serial_id, "s_to": ln.to_location_id,
               "s_here": ctx.serials[ln.serial_id].location_id} for ln in moves]
    if session.connection().execute(stmt, params).rowcount != len(moves):
        raise InputError("A serial number moved on another workstation meanwhile; "
                         "scan it again.")


def _consume_reservations(session: Session, lines: list[MoveLine]) -> None:
    taken: dict[int, int] = defaultdict(int)
    for ln in lines:
        if ln.reservation_id is not None:
            taken[ln.reservation_id] += ln.qty
    if not taken:
        return
    table = Reservation.__table__
    stmt = (
        update(table)
        .where(table.c.id == bindparam("r_id"))
        .where(table.c.qty >= bindparam("r_qty"))
        .values(qty=table.c.qty - bindparam("r_qty"))
    )
    params = [{"r_id": rid, "r_qty": qty} for rid, qty in sorted(taken.items())]
    if session.connection().execute(stmt, params).rowcount != len(params):
        raise _ShortStock


def _diagnose_shortage(session: Session, ctx: PostingContext,
                       deltas: dict[QuantKey, list[int]]) -> str:
    """Explain which quant was short, from the state before the posting (savepoint undone)."""
    for key, (d_on_hand, d_reserved) in deltas.items():
        if d_on_hand > 0 and d_reserved == 0:
            continue
        row = session.execute(
            select(_quant.c.on_hand, _quant.c.reserved).where(_quant_key_clause()),
            _key_params(key),
        ).first()
        on_hand, reserved = (row.on_hand, row.reserved) if row else (0, 0)
        if reserved + d_reserved < 0:
            return (f"Only {reserved} of {ctx.place(*key)} are reserved; {-d_reserved} were "
                    "to be taken from reservations.")
        if on_hand + d_on_hand < reserved + d_reserved:
            return (f"Not enough stock of {ctx.place(*key)}: {on_hand - reserved} available, "
                    f"{d_reserved - d_on_hand} needed.")
    return "Stock changed on another workstation while posting; try again."
