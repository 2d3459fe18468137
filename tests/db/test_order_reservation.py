"""Approving an order reserves its stock: lots first-expiry-first-out (expired never),
otherwise first in first out; only storage and pick-face bins that are not blocked; partial
stock held or backordered by the setting; cancelling releases. `verify` clean after each."""

from __future__ import annotations

import pytest

from models.sales.allocation import set_partial_policy
from models.sales.order_decisions import cancel_orders
from models.sales.review import review_orders
from models.sales.review_views import find_orders
from models.sales.tags import set_customer_tags
from tests import factories as f
from tests.db import review_setup as setup


@pytest.fixture
def site(db, actor):
    ids = setup.site(db, actor)
    setup.rule(db, actor, "Approve all", {}, {"decision": "approve"})
    return ids


def _review(db, actor):
    return db.transact(lambda s: review_orders(s, actor))


def test_lots_are_reserved_earliest_expiry_first_and_an_expired_lot_never(db, actor, site):
    milk = site["MILK-001"]
    f.stock_in(db, actor, milk, site["A-01"], 5, lot_id=site["L-LATE"])
    f.stock_in(db, actor, milk, site["A-02"], 3, lot_id=site["L-SOON"])
    f.stock_in(db, actor, milk, site["P-01"], 9, lot_id=site["L-GONE"])  # expired yesterday
    setup.order(db, actor, "1", [("MILK-001", 4)])
    assert _review(db, actor).approved == 1
    assert setup.reserved(db) == {(site["A-02"], site["L-SOON"]): 3,
                                  (site["A-01"], site["L-LATE"]): 1}
    setup.order(db, actor, "2", [("MILK-001", 5)])  # 4 good units left: 9 expired ones
    assert _review(db, actor).held == 1
    assert setup.status(db, "2") == ("held", "out of stock: MILK-001 needs 5, 4 available")
    assert setup.clean(db)


def test_other_stock_goes_first_in_first_out_from_pickable_bins_only(db, actor, site):
    tea = site["TEA-001"]
    for code in ("DOCK", "Q-01", "BLOCKED"):  # never reserved: receiving, quarantine, blocked
        f.stock_in(db, actor, tea, site[code], 50)
    setup.block(db, site["BLOCKED"])
    f.stock_in(db, actor, tea, site["P-01"], 2)  # first here: its quant is the oldest
    f.stock_in(db, actor, tea, site["A-01"], 10)
    f.stock_in(db, actor, tea, site["P-01"], 5)  # more into the oldest quant
    setup.order(db, actor, "1", [("TEA-001", 9)])
    assert _review(db, actor).approved == 1
    assert setup.reserved(db) == {(site["P-01"], None): 7, (site["A-01"], None): 2}
    setup.order(db, actor, "2", [("TEA-001", 9)])
    assert _review(db, actor).held == 1
    assert setup.status(db, "2") == ("held", "out of stock: TEA-001 needs 9, 8 available")
    assert setup.clean(db)


def test_partial_stock_is_held_with_nothing_reserved_by_default(db, actor, site):
    f.stock_in(db, actor, site["TEA-001"], site["A-01"], 3)
    f.stock_in(db, actor, site["MILK-001"], site["A-01"], 9, lot_id=site["L-LATE"])
    setup.order(db, actor, "1", [("MILK-001", 2), ("TEA-001", 5)])
    assert _review(db, actor).held == 1
    assert setup.status(db, "1") == ("held", "out of stock: TEA-001 needs 5, 3 available")
    assert setup.reserved(db) == {}
    assert setup.clean(db)


def test_partial_stock_backordered_reserves_what_there_is(db, actor, site):
    db.transact(lambda s: set_partial_policy(s, actor, policy="backorder"))
    f.stock_in(db, actor, site["TEA-001"], site["A-01"], 3)
    f.stock_in(db, actor, site["MILK-001"], site["A-01"], 9, lot_id=site["L-LATE"])
    setup.order(db, actor, "1", [("MILK-001", 2), ("TEA-001", 5)])
    setup.order(db, actor, "2", [("TEA-001", 1)])  # nothing left at all: held, not backorder
    summary = _review(db, actor)
    assert (summary.backorder, summary.held) == (1, 1)
    assert setup.status(db, "1") == ("backorder", "out of stock: TEA-001 needs 5, 3 available")
    assert setup.status(db, "2") == ("held", "out of stock: TEA-001 needs 1, 0 available")
    assert setup.reserved(db) == {(site["A-01"], site["L-LATE"]): 2, (site["A-01"], None): 3}
    assert setup.clean(db)


def test_cancelling_an_approved_order_gives_its_stock_back(db, actor, site):
    f.stock_in(db, actor, site["TEA-001"], site["A-01"], 4)
    setup.order(db, actor, "1", [("TEA-001", 4)])
    _review(db, actor)
    assert setup.reserved(db) == {(site["A-01"], None): 4}
    summary = db.transact(lambda s: cancel_orders(
        s, actor, order_ids=find_orders(s, ["1"]), reason="buyer asked"))
    assert summary.cancelled == 1
    assert setup.status(db, "1") == ("cancelled", "")
    assert setup.reserved(db) == {}
    setup.order(db, actor, "2", [("TEA-001", 4)])
    assert _review(db, actor).approved == 1  # the stock is free again
    assert setup.clean(db)


def test_unknown_products_and_a_missing_warehouse_make_exceptions(db, actor, site):
    setup.order(db, actor, "1", [("NOT-HERE", 1)])
    assert _review(db, actor).exception == 1
    assert setup.status(db, "1") == ("exception", "line 1: NOT-HERE is no product here")
    db.transact(lambda s: f.warehouse(s, "WH2"))  # two warehouses: which one is not clear
    setup.order(db, actor, "2", [("TEA-001", 1)])
    assert _review(db, actor).exception == 1
    assert setup.status(db, "2") == ("exception", "no warehouse: add a rule that assigns one")


def test_a_higher_priority_order_gets_scarce_stock_before_an_older_one(db, actor, site):
    setup.rule(db, actor, "VIP first", {"customer_tags": ["vip"]}, {"priority": 5},
               position=1)
    f.stock_in(db, actor, site["TEA-001"], site["A-01"], 2)
    setup.order(db, actor, "old", [("TEA-001", 2)])
    vip = setup.order(db, actor, "vip", [("TEA-001", 2)])
    db.transact(lambda s: set_customer_tags(s, actor, order_id=vip, tags="vip"))
    _review(db, actor)
    assert setup.status(db, "vip") == ("approved", "")
    assert setup.status(db, "old") == ("held", "out of stock: TEA-001 needs 2, 0 available")
