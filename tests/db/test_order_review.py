"""Reviewing orders by the rules: order of the rules, the trace, each condition and action."""

from __future__ import annotations

import pytest

from models.sales.review import review_orders
from models.sales.review_views import order_trace
from tests import factories as f
from tests.db import review_setup as setup


@pytest.fixture
def site(db, actor):
    ids = setup.site(db, actor)
    f.stock_in(db, actor, ids["TEA-001"], ids["A-01"], 50)
    return ids


def _review(db, actor, **options):
    return db.transact(lambda s: review_orders(s, actor, **options))


def _trace(db, number, shop="TMALL"):
    from models.sales.order_views import order_by_number
    with db.read() as s:
        return [(t.rule, t.effect) for t in order_trace(s, order_by_number(s, shop, number).id)]


def test_first_deciding_rule_wins_and_the_trace_names_every_matched_rule(db, actor, site):
    setup.rule(db, actor, "Remote by EMS", {"regions": ["新疆"]}, {"carrier": "EMS"})
    setup.rule(db, actor, "Notes first", {"buyer_note": True},
               {"decision": "hold", "reason": "buyer note: read it"})
    setup.rule(db, actor, "Everything else", {}, {"decision": "approve", "priority": 3})
    setup.order(db, actor, "1", [("TEA-001", 2)], province="新疆维吾尔自治区",
                buyer_note="请用木箱")
    setup.order(db, actor, "2", [("TEA-001", 2)], province="新疆维吾尔自治区")
    summary = _review(db, actor)
    assert (summary.approved, summary.held, summary.exception) == (1, 1, 0)
    assert setup.status(db, "1") == ("held", "buyer note: read it")
    assert _trace(db, "1") == [("Remote by EMS", "carrier EMS"),
                               ("Notes first", "hold: buyer note: read it"),
                               ("", "held: buyer note: read it")]
    assert _trace(db, "2") == [("Remote by EMS", "carrier EMS"),
                               ("Everything else", "priority 3; approve"),
                               ("", "approved: 2 units reserved")]
    approved = setup.order_row(db, "2")
    assert (approved.carrier, approved.priority, approved.warehouse_id) == ("EMS", 3,
                                                                           site["WH1"])
    assert setup.reserved(db) == {(site["A-01"], None): 2}
    assert setup.clean(db)
