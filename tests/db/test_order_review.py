"""Reviewing orders by the rules: order of the rules, the trace, each condition and action."""

from __future__ import annotations

import pytest

from models.entities import Warehouse
from models.masterdata.fields import ValidationFailed
from models.sales.order_views import order_by_number
from models.sales.review import review_orders, try_rules
from models.sales.review_views import order_trace
from models.sales.rules import edit_rule, move_rule, remove_rule, rule_list
from models.sales.tags import set_customer_tags
from tests import factories as f
from tests.db import review_setup as setup


@pytest.fixture
def site(db, actor):
    ids = setup.site(db, actor)
    f.stock_in(db, actor, ids["TEA-001"], ids["A-01"], 50)
    setup.carriers(db, actor, "SF", "EMS")
    return ids


def _review(db, actor, **options):
    return db.transact(lambda s: review_orders(s, actor, **options))


def _trace(db, number, shop="TMALL"):
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


def test_conditions_read_the_orders_lines_products_address_and_tags(db, actor, site):
    with db.write() as s:
        f.product(s, "CUP-001", barcode="6923456000029").category = "Cups"
    f.stock_in(db, actor, site["MILK-001"], site["A-01"], 5, lot_id=site["L-LATE"])
    setup.rule(db, actor, "Cups by barcode", {"categories": ["cups"]},
               {"decision": "exception", "reason": "cups"})
    setup.rule(db, actor, "Milk", {"skus": ["MILK-001"], "units_min": 3},
               {"decision": "exception", "reason": "much milk"})
    setup.rule(db, actor, "School", {"address_keywords": ["学校"]},
               {"decision": "exception", "reason": "school"})
    setup.rule(db, actor, "VIP", {"customer_tags": ["vip"]},
               {"decision": "exception", "reason": "vip"})
    setup.rule(db, actor, "JD", {"shops": ["JD"]},
               {"decision": "exception", "reason": "jd"})
    setup.rule(db, actor, "Abroad", {"countries": ["US"]},
               {"decision": "exception", "reason": "abroad"})
    setup.rule(db, actor, "Rest", {}, {"decision": "approve"})
    setup.order(db, actor, "cup", [("6923456000029", 1)])
    setup.order(db, actor, "milk", [("MILK-001", 2), ("TEA-001", 1)])  # 3 units
    setup.order(db, actor, "school", [("TEA-001", 1)], street="实验学校 门卫室")
    vip = setup.order(db, actor, "vip", [("TEA-001", 1)])
    setup.order(db, actor, "jd", [("TEA-001", 1)], shop="JD")
    setup.order(db, actor, "us", [("TEA-001", 1)], country="US")
    setup.order(db, actor, "plain", [("TEA-001", 1)])
    db.transact(lambda s: set_customer_tags(s, actor, order_id=vip, tags="VIP, wholesale"))
    _review(db, actor)
    assert [setup.status(db, n)[1] for n in ("cup", "milk", "school", "vip", "us")] == [
        "cups", "much milk", "school", "vip", "abroad"]
    assert setup.status(db, "jd", shop="JD") == ("exception", "jd")
    assert setup.status(db, "plain") == ("approved", "")


def test_an_amount_rule_holds_only_the_orders_in_its_currency(db, actor, site):
    setup.rule(db, actor, "Over 2,000 CNY", {"amount_min": "2000.01"},
               {"decision": "hold", "reason": "over 2,000 CNY"})
    setup.rule(db, actor, "Over 1,000 USD", {"amount_min": "1000.01", "currency": "USD"},
               {"decision": "hold", "reason": "over 1,000 USD"})
    setup.rule(db, actor, "Rest", {}, {"decision": "approve"})
    setup.order(db, actor, "yuan", [("TEA-001", 1)], price="2500.00")
    setup.order(db, actor, "dollars", [("TEA-001", 1)], price="2500.00", currency="USD")
    setup.order(db, actor, "pounds", [("TEA-001", 1)], price="2500.00", currency="GBP")
    setup.order(db, actor, "few dollars", [("TEA-001", 1)], price="900.00", currency="USD")
    _review(db, actor)
    assert [setup.status(db, number) for number in ("yuan", "dollars", "pounds",
                                                     "few dollars")] == [
        ("held", "over 2,000 CNY"), ("held", "over 1,000 USD"), ("approved", ""),
        ("approved", "")]
    assert _trace(db, "yuan")[0] == ("Over 2,000 CNY", "hold: over 2,000 CNY")


def test_an_order_no_rule_decides_is_held_for_a_person(db, actor, site):
    setup.rule(db, actor, "Priority for notes", {"buyer_note": True}, {"priority": 5})
    setup.order(db, actor, "1", [("TEA-001", 1)], buyer_note="快点")
    summary = _review(db, actor)
    assert summary.held == 1 and summary.line == "0 approved, 1 held, 0 exception"
    assert setup.status(db, "1") == ("held", "no rule decided: approve or hold it by hand")
    assert _trace(db, "1") == [("Priority for notes", "priority 5"),
                               ("", "held: no rule decided: approve or hold it by hand")]
    assert setup.order_row(db, "1").priority == 5


def test_assigned_warehouse_is_where_stock_is_reserved(db, actor, site):
    with db.write() as s:
        wh2 = f.warehouse(s, "WH2")
        far = f.bin_(s, wh2, "Z-01").id
    f.stock_in(db, actor, site["TEA-001"], far, 3)
    setup.rule(db, actor, "JD ships from WH2", {"shops": ["JD"]}, {"warehouse": "wh2"})
    with pytest.raises(ValidationFailed, match="warehouse: there is no warehouse WH9"):
        setup.rule(db, actor, "Typo", {}, {"warehouse": "WH9"})
    with db.write() as s:
        wh3 = f.warehouse(s, "WH3")
    setup.rule(db, actor, "Gone since", {"shops": ["TMALL"]}, {"warehouse": "WH3"})
    with db.write() as s:
        s.get(Warehouse, wh3.id).code = "WH3-OLD"  # renamed after the rule was written
    setup.rule(db, actor, "Rest", {}, {"decision": "approve"})
    setup.order(db, actor, "1", [("TEA-001", 3)], shop="JD")
    setup.order(db, actor, "2", [("TEA-001", 3)])
    _review(db, actor)
    assert setup.status(db, "1", shop="JD") == ("approved", "")
    assert setup.reserved(db) == {(far, None): 3}
    assert setup.status(db, "2") == ("exception", "warehouse WH3 does not exist")


def test_a_rule_naming_a_carrier_or_warehouse_that_does_not_exist_is_refused(db, actor, site):
    with pytest.raises(ValidationFailed, match=r"Rule Typo: warehouse: there is no warehouse "
                       r"WH9; carrier: there is no carrier ZTO \(carriers are EMS, SF\)"):
        setup.rule(db, actor, "Typo", {}, {"warehouse": "WH9", "carrier": "zto"})
    setup.rule(db, actor, "By SF", {}, {"carrier": "sf"})
    with pytest.raises(ValidationFailed, match="carrier: there is no carrier DHL"):
        db.transact(lambda s: edit_rule(s, actor, name="By SF", actions={"carrier": "DHL"}))
    with db.read() as s:
        assert [(r.name, r.actions) for r in rule_list(s)] == [("By SF", {"carrier": "SF"})]


def test_rules_are_checked_saved_moved_edited_and_removed(db, actor, site):
    with pytest.raises(ValidationFailed, match="units_min: 'many' is not a whole number; "
                       "reason: a hold needs a reason"):
        setup.rule(db, actor, "Bad", {"units_min": "many"}, {"decision": "hold"})
    setup.rule(db, actor, "A", {}, {"decision": "approve"})
    setup.rule(db, actor, "B", {"buyer_note": True}, {"decision": "hold", "reason": "note"})
    setup.rule(db, actor, "C", {}, {"carrier": "SF"}, position=1)
    db.transact(lambda s: move_rule(s, actor, name="B", position=2))
    db.transact(lambda s: edit_rule(s, actor, name="A", new_name="Approve the rest",
                                    conditions={"shops": ["TMALL"]},
                                    actions={"decision": "approve"}))
    with db.read() as s:
        assert [(r.position, r.name) for r in rule_list(s)] == [
            (1, "C"), (2, "B"), (3, "Approve the rest")]
    setup.order(db, actor, "1", [("TEA-001", 1)], buyer_note="hi")
    _review(db, actor)
    db.transact(lambda s: remove_rule(s, actor, name="B"))
    with db.read() as s:
        assert [(r.position, r.name) for r in rule_list(s)] == [(1, "C"),
                                                                (2, "Approve the rest")]
    assert _trace(db, "1")[1] == ("B", "hold: note")  # the trace keeps a removed rule's name


def test_an_approved_order_a_courier_could_not_deliver_is_an_exception(db, actor, site):
    setup.rule(db, actor, "Notes", {"buyer_note": True}, {"decision": "hold", "reason": "note"})
    setup.rule(db, actor, "Rest", {}, {"decision": "approve"})
    setup.order(db, actor, "1", [("TEA-001", 1)], street="", phone="")
    setup.order(db, actor, "2", [("TEA-001", 1)], phone="", country="US")  # phone not needed
    setup.order(db, actor, "3", [("TEA-001", 1)], street="", buyer_note="hi")  # a hold holds
    _review(db, actor)
    assert setup.status(db, "1") == ("exception", "bad address: no street, phone")
    assert setup.status(db, "2") == ("approved", "")
    assert setup.status(db, "3") == ("held", "note")


def test_trying_the_rules_on_an_order_gives_its_trace_and_changes_nothing(db, actor, site):
    setup.rule(db, actor, "Remote by EMS", {"regions": ["新疆"]}, {"carrier": "EMS"})
    setup.rule(db, actor, "Notes first", {"buyer_note": True},
               {"decision": "hold", "reason": "buyer note: read it"})
    setup.rule(db, actor, "Everything else", {}, {"decision": "approve"})
    setup.order(db, actor, "1", [("TEA-001", 2)], province="新疆维吾尔自治区",
                buyer_note="请用木箱")
    setup.order(db, actor, "2", [("TEA-001", 2)])
    with db.read() as s:
        first, second = (order_by_number(s, "TMALL", n).id for n in ("1", "2"))
        assert try_rules(s, first) == [("Remote by EMS", "carrier EMS"),
                                       ("Notes first", "hold: buyer note: read it"),
                                       ("", "held: buyer note: read it")]
        assert try_rules(s, second) == [
            ("Everything else", "approve"),
            ("", "approved, if its stock is there when it is reviewed")]
    assert setup.status(db, "1") == ("new", "")
    assert setup.reserved(db) == {}
    assert _trace(db, "1") == []
    assert _review(db, actor).held == 1  # the real review agrees
    assert _trace(db, "1")[-1] == ("", "held: buyer note: read it")
