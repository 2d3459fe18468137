"""The exceptions queue: held, exception and backorder orders with their reasons, and its bulk
actions (retry, release, approve by hand, hold, cancel), each traced; `verify` clean."""

from __future__ import annotations

import pytest

from models.actor import Actor
from models.errors import PermissionDenied
from models.permissions import BUILTIN_ROLES
from models.sales.order_decisions import (
    approve_orders,
    cancel_orders,
    hold_orders,
    release_holds,
    retry_orders,
)
from models.sales.review import review_orders
from models.sales.review_views import exception_queue, find_orders, order_trace
from tests import factories as f
from tests.db import review_setup as setup


@pytest.fixture
def queue(db, actor):
    """Order 1 held by a rule (big), 2 held for stock, 3 an exception, 4 approved."""
    ids = setup.site(db, actor)
    f.stock_in(db, actor, ids["TEA-001"], ids["A-01"], 5)
    setup.rule(db, actor, "Big", {"amount_min": "1000"},
               {"decision": "hold", "reason": "big order: a supervisor approves"})
    setup.rule(db, actor, "Rest", {}, {"decision": "approve"})
    setup.order(db, actor, "1", [("TEA-001", 1)], price="1500.00")
    setup.order(db, actor, "2", [("TEA-001", 6)])
    setup.order(db, actor, "3", [("NOT-HERE", 1)])
    setup.order(db, actor, "4", [("TEA-001", 2)])
    db.transact(lambda s: review_orders(s, actor))
    return ids


def _do(db, actor, action, numbers, **options):
    return db.transact(lambda s: action(s, actor, order_ids=find_orders(s, numbers),
                                        **options))


def _queue(db):
    with db.read() as s:
        return [(row.number, row.status, row.reason) for row in exception_queue(s)]


def test_the_queue_lists_waiting_orders_with_their_reasons(db, queue):
    assert _queue(db) == [
        ("1", "held", "big order: a supervisor approves"),
        ("2", "held", "out of stock: TEA-001 needs 6, 5 available"),  # before 4
        ("3", "exception", "line 1: NOT-HERE is no product here")]


def test_retry_reviews_again_and_approves_once_stock_has_come(db, actor, queue):
    f.stock_in(db, actor, queue["TEA-001"], queue["A-02"], 10)
    summary = _do(db, actor, retry_orders, ["1", "2", "3", "4"])
    assert (summary.approved, summary.held, summary.exception) == (1, 1, 1)
    assert summary.skipped == {"4": "is approved"}
    assert [n for n, *_ in _queue(db)] == ["1", "3"]  # the rule holds 1 again
    assert setup.reserved(db) == {(queue["A-01"], None): 5, (queue["A-02"], None): 3}
    assert setup.clean(db)


def test_release_and_approve_need_a_supervisor_and_reserve_the_stock(db, actor, queue):
    office = Actor(actor.user_id, "olga", "ws", BUILTIN_ROLES["back_office"])
    with pytest.raises(PermissionDenied, match="olga may not do this"):
        _do(db, office, release_holds, ["1"])
    summary = _do(db, actor, release_holds, ["1", "3"])
    assert (summary.approved, summary.skipped) == (1, {"3": "is exception"})
    assert setup.status(db, "1") == ("approved", "")
    summary = _do(db, actor, approve_orders, ["2"])  # still short: held for stock again
    assert setup.status(db, "2") == ("held", "out of stock: TEA-001 needs 6, 2 available")
    with db.read() as s:
        trace = [t.effect for t in order_trace(s, find_orders(s, ["1"])[0])]
    assert trace == ["hold: big order: a supervisor approves",
                     "held: big order: a supervisor approves",
                     "hold released by system", "approved: 1 unit reserved"]
    assert setup.clean(db)


def test_hold_and_cancel_release_what_was_reserved(db, actor, queue):
    assert setup.reserved(db) == {(queue["A-01"], None): 2}
    _do(db, actor, hold_orders, ["4"], reason="buyer called: wait")
    assert setup.status(db, "4") == ("held", "buyer called: wait")
    assert setup.reserved(db) == {}
    summary = _do(db, actor, cancel_orders, ["1", "2", "3", "4"])
    assert summary.cancelled == 4 and _queue(db) == []
    summary = _do(db, actor, cancel_orders, ["4"])
    assert summary.skipped == {"4": "is cancelled"}
    assert setup.clean(db)
