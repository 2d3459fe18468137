"""The stock ledger on SQLite and PostgreSQL: postings, guards, idempotency, verify."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select, update

from models.actor import Actor
from models.db import Database
from models.entities import LocationType, Quant, StockMove, StockPosting, Tracking
from models.errors import (
    BlockedLocation,
    IdempotencyConflict,
    InputError,
    InsufficientStock,
    PermissionDenied,
)
from models.ledger import (
    MoveLine,
    Reason,
    available,
    lot_trace,
    on_hand,
    post_moves,
    product_history,
    release,
    reserve,
    reverse_posting,
    verify,
)
from models.permissions import Perm
from models.reference_data import virtual_location_id
from tests import factories as f


@pytest.fixture
def site(db: Database) -> dict[str, int]:
    """A warehouse with a dock and three bins, a plain product and the virtual locations."""
    with db.write() as s:
        wh = f.warehouse(s)
        ids = {
            "dock": f.bin_(s, wh, "DOCK", LocationType.RECEIVING).id,
            "a1": f.bin_(s, wh, "A-01-1").id,
            "a2": f.bin_(s, wh, "A-01-2").id,
            "a3": f.bin_(s, wh, "A-01-3").id,
            "widget": f.product(s, "WID-1").id,
            "supplier": virtual_location_id(s, LocationType.SUPPLIER),
            "customer": virtual_location_id(s, LocationType.CUSTOMER),
            "loss": virtual_location_id(s, LocationType.INVENTORY_LOSS),
        }
    return ids


def receive(db: Database, actor: Actor, site: dict[str, int], qty: int, to: str = "a1",
            **kw: object):
    line = MoveLine(site["widget"], qty, site["supplier"], site[to])
    return db.transact(lambda s: post_moves(s, actor, [line], reason=Reason.RECEIPT, **kw))


def stock(db: Database, product_id: int, location_id: int | None = None) -> int:
    with db.read() as s:
        return on_hand(s, product_id, location_id=location_id)


def assert_verify_clean(db: Database) -> None:
    with db.read() as s:
        assert verify(s) == []


def test_receipt_puts_stock_in_the_bin_and_records_who_and_where(db, actor, site):
    result = receive(db, actor, site, 12, reference="PO-1")
    assert stock(db, site["widget"], site["a1"]) == 12
    with db.read() as s:
        posting = s.get(StockPosting, result.posting_id)
        assert (posting.reason, posting.reference, posting.workstation) == (
            "receipt", "PO-1", "test-ws")
        assert posting.user_id == actor.user_id
        history = product_history(s, site["widget"])
        assert [(h.qty, h.from_code, h.to_code, h.username) for h in history] == [
            (12, "SUPPLIER", "A-01-1", "system")]
    assert_verify_clean(db)


def test_taking_more_than_on_hand_is_refused_and_writes_nothing(db, actor, site):
    receive(db, actor, site, 5)
    ship = MoveLine(site["widget"], 6, site["a1"], site["customer"])
    with pytest.raises(InsufficientStock, match=r"WID-1 at A-01-1: 5 available, 6 needed"):
        db.transact(lambda s: post_moves(s, actor, [ship], reason=Reason.SHIPMENT))
    assert stock(db, site["widget"], site["a1"]) == 5
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(StockMove)) == 1
    assert_verify_clean(db)


def test_a_posting_is_all_or_nothing(db, actor, site):
    receive(db, actor, site, 4)
    lines = [MoveLine(site["widget"], 3, site["a1"], site["a2"]),
             MoveLine(site["widget"], 9, site["a1"], site["a3"])]
    with pytest.raises(InsufficientStock):
        db.transact(lambda s: post_moves(s, actor, lines, reason=Reason.TRANSFER))
    assert (stock(db, site["widget"], site["a1"]), stock(db, site["widget"], site["a2"])) == (4, 0)


def test_a_failed_posting_leaves_the_rest_of_the_transaction_usable(db, actor, site):
    receive(db, actor, site, 4)
    with db.write() as s:
        with pytest.raises(InsufficientStock):
            post_moves(s, actor, [MoveLine(site["widget"], 9, site["a1"], site["a2"])],
                       reason=Reason.TRANSFER)
        post_moves(s, actor, [MoveLine(site["widget"], 1, site["a1"], site["a2"])],
                   reason=Reason.TRANSFER)
    assert (stock(db, site["widget"], site["a1"]), stock(db, site["widget"], site["a2"])) == (3, 1)
    assert_verify_clean(db)


def test_moves_within_one_posting_count_by_their_net_effect(db, actor, site):
    receive(db, actor, site, 4)
    # A2 is empty before the posting: stock passes through it.
    lines = [MoveLine(site["widget"], 4, site["a1"], site["a2"]),
             MoveLine(site["widget"], 4, site["a2"], site["a3"])]
    db.transact(lambda s: post_moves(s, actor, lines, reason=Reason.TRANSFER))
    assert [stock(db, site["widget"], site[b]) for b in ("a1", "a2", "a3")] == [0, 0, 4]
    assert_verify_clean(db)


def test_repeated_idempotency_key_writes_nothing_and_returns_the_first_posting(db, actor, site):
    first = receive(db, actor, site, 7, idempotency_key="scan-42")
    again = receive(db, actor, site, 7, idempotency_key="scan-42")
    assert again.replayed and not first.replayed
    assert again.posting_id == first.posting_id
    assert stock(db, site["widget"]) == 7
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(StockPosting)) == 1
        assert s.scalar(select(func.count()).select_from(StockMove)) == 1


def test_idempotency_key_reused_for_another_request_is_refused(db, actor, site):
    receive(db, actor, site, 7, idempotency_key="scan-43")
    with pytest.raises(IdempotencyConflict, match="scan-43"):
        receive(db, actor, site, 8, idempotency_key="scan-43")
    assert stock(db, site["widget"]) == 7


def test_reserved_stock_cannot_be_taken_but_can_be_shipped_from_its_reservation(db, actor, site):
    receive(db, actor, site, 10)
    rid = db.transact(lambda s: reserve(s, actor, product_id=site["widget"],
                                        location_id=site["a1"], qty=8, reference="SO-9"))
    with pytest.raises(InsufficientStock, match="2 available, 3 needed"):
        db.transact(lambda s: post_moves(
            s, actor, [MoveLine(site["widget"], 3, site["a1"], site["a2"])],
            reason=Reason.TRANSFER))
    with pytest.raises(InsufficientStock, match="2 available"):
        db.transact(lambda s: reserve(s, actor, product_id=site["widget"],
                                      location_id=site["a1"], qty=3, reference="SO-10"))
    ship = MoveLine(site["widget"], 5, site["a1"], site["customer"], reservation_id=rid)
    db.transact(lambda s: post_moves(s, actor, [ship], reason=Reason.SHIPMENT))
    with db.read() as s:
        assert (on_hand(s, site["widget"]), available(s, site["widget"])) == (5, 2)
    assert_verify_clean(db)
    left = db.transact(lambda s: release(s, actor, rid))
    assert left == 0
    with db.read() as s:
        assert available(s, site["widget"]) == 5
    assert_verify_clean(db)


def test_lot_tracked_product_needs_a_lot_and_traces_where_it_went(db, actor, site):
    with db.write() as s:
        milk = f.product(s, "MILK", tracking=Tracking.LOT, expiry=True)
        lot = f.lot(s, milk, "L-7", date(2027, 1, 31))
        no_expiry = f.lot(s, milk, "L-8")
        ids = (milk.id, lot.id, no_expiry.id)
    milk_id, lot_id, no_expiry_id = ids
    with pytest.raises(InputError, match="MILK is lot-tracked"):
        db.transact(lambda s: post_moves(
            s, actor, [MoveLine(milk_id, 1, site["supplier"], site["a1"])], reason="receipt"))
    with pytest.raises(InputError, match="needs an expiry date"):
        db.transact(lambda s: post_moves(
            s, actor, [MoveLine(milk_id, 1, site["supplier"], site["a1"], lot_id=no_expiry_id)],
            reason="receipt"))
    db.transact(lambda s: post_moves(
        s, actor, [MoveLine(milk_id, 6, site["supplier"], site["a1"], lot_id=lot_id)],
        reason="receipt"))
    db.transact(lambda s: post_moves(
        s, actor, [MoveLine(milk_id, 2, site["a1"], site["customer"], lot_id=lot_id)],
        reason="shipment"))
    with db.read() as s:
        trace = lot_trace(s, lot_id)
    assert [(t.from_code, t.to_code, t.qty) for t in trace] == [
        ("SUPPLIER", "A-01-1", 6), ("A-01-1", "CUSTOMER", 2)]
    assert_verify_clean(db)


def test_a_serial_number_can_only_be_in_stock_once(db, actor, site):
    with db.write() as s:
        phone = f.product(s, "PHONE", tracking=Tracking.SERIAL)
        sn = f.serial(s, phone, "SN-0001")
        ids = (phone.id, sn.id)
    phone_id, sn_id = ids
    line = MoveLine(phone_id, 1, site["supplier"], site["a1"], serial_id=sn_id)
    db.transact(lambda s: post_moves(s, actor, [line], reason="receipt"))
    with pytest.raises(InputError, match="SN-0001 of PHONE is already in stock"):
        db.transact(lambda s: post_moves(s, actor, [line], reason="receipt"))
    with pytest.raises(InputError, match="appears 2 times"):
        db.transact(lambda s: post_moves(
            s, actor, [MoveLine(phone_id, 1, site["a1"], site["a2"], serial_id=sn_id)] * 2,
            reason="transfer"))
    with pytest.raises(InputError, match="one unit, not 2"):
        db.transact(lambda s: post_moves(
            s, actor, [MoveLine(phone_id, 2, site["a1"], site["a2"], serial_id=sn_id)],
            reason="transfer"))
    assert stock(db, phone_id) == 1
    assert_verify_clean(db)


def test_blocked_and_structural_locations_take_no_moves(db, actor, site):
    receive(db, actor, site, 3)
    with db.write() as s:
        s.execute(update(f.Location).where(f.Location.id == site["a2"]).values(
            blocked=True, blocked_reason="being counted"))
        rack = f.bin_(s, s.get(f.Warehouse, 1), "A-01", kind="rack")
        rack_id = rack.id
    with pytest.raises(BlockedLocation, match="A-01-2 is blocked: being counted"):
        db.transact(lambda s: post_moves(
            s, actor, [MoveLine(site["widget"], 1, site["a1"], site["a2"])], reason="transfer"))
    with pytest.raises(InputError, match="A-01 is a rack; stock is kept in its bins"):
        db.transact(lambda s: post_moves(
            s, actor, [MoveLine(site["widget"], 1, site["a1"], rack_id)], reason="transfer"))
    db.transact(lambda s: post_moves(
        s, actor, [MoveLine(site["widget"], 1, site["a1"], site["a2"])], reason="count",
        allow_blocked=True))
    assert stock(db, site["widget"], site["a2"]) == 1


@pytest.mark.parametrize("qty", [0, -3, 1.5, True])
def test_quantity_must_be_a_whole_number_above_zero(db, actor, site, qty):
    with pytest.raises(InputError, match="quantity"):
        db.transact(lambda s: post_moves(
            s, actor, [MoveLine(site["widget"], qty, site["supplier"], site["a1"])],
            reason="receipt"))


def test_permissions_are_enforced_by_the_ledger_not_the_screen(db, actor, site):
    receiver = Actor(user_id=actor.user_id, username="rita", workstation="ws",
                     permissions=frozenset({Perm.STOCK_VIEW, Perm.STOCK_MOVE}))
    receive(db, receiver, site, 2)
    with pytest.raises(PermissionDenied, match="rita may not do this"):
        db.transact(lambda s: post_moves(
            s, receiver, [MoveLine(site["widget"], 1, site["a1"], site["loss"])],
            reason=Reason.ADJUSTMENT))
    viewer = Actor(user_id=actor.user_id, username="vic", workstation="ws",
                   permissions=frozenset({Perm.STOCK_VIEW}))
    with pytest.raises(PermissionDenied):
        receive(db, viewer, site, 2)
    assert stock(db, site["widget"]) == 2


def test_reversal_puts_stock_back_once(db, actor, site):
    first = receive(db, actor, site, 6)
    db.transact(lambda s: reverse_posting(s, actor, first.posting_id))
    assert stock(db, site["widget"]) == 0
    with pytest.raises(InputError, match="already reversed"):
        db.transact(lambda s: reverse_posting(s, actor, first.posting_id))
    with db.read() as s:
        assert [h.reason for h in product_history(s, site["widget"])] == ["reversal", "receipt"]
    assert_verify_clean(db)


def test_verify_reports_a_quant_that_disagrees_with_the_ledger(db, actor, site):
    receive(db, actor, site, 5)
    with db.write() as s:
        s.execute(update(Quant).values(on_hand=7))
    with db.read() as s:
        problems = verify(s)
    assert [(p.check, p.sku, p.location, p.expected, p.actual) for p in problems] == [
        ("on hand", "WID-1", "A-01-1", 5, 7)]
