"""Review rule conditions and actions without a database: read from their stored form with
every problem named, matched against an order's facts, evaluated in order."""

from __future__ import annotations

from decimal import Decimal

from models.sales.rule_terms import (
    Actions,
    Conditions,
    OrderFacts,
    evaluate,
    parse_actions,
    parse_conditions,
)


def facts(**changes) -> OrderFacts:
    values = dict(shop="TMALL", paid_total=Decimal("120.00"), currency="CNY",
                  skus=frozenset({"TEA-001"}),
                  categories=frozenset({"tea"}), units=3,
                  address="新疆维吾尔自治区 乌鲁木齐市 天山区 解放路 1号",
                  province="新疆维吾尔自治区",
                  country="CN", buyer_note="", customer_tags=frozenset({"vip"}))
    values.update(changes)
    return OrderFacts(**values)


def test_stored_conditions_are_read_cleaned_and_written_back_the_same():
    raw = {"shops": ["tmall", "jd"], "amount_min": "¥2,000", "units_max": 5,
           "skus": ["tea-001"], "regions": ["新疆"], "buyer_note": True}
    conditions, errors = parse_conditions(raw)
    assert errors == []
    assert conditions.shops == ("TMALL", "JD") and conditions.skus == ("TEA-001",)
    assert conditions.amount_min == Decimal("2000.00") and conditions.units_max == 5
    assert conditions.stored() == {"shops": ["TMALL", "JD"], "skus": ["TEA-001"],
                                   "regions": ["新疆"], "amount_min": "2000.00",
                                   "units_max": 5, "buyer_note": True}
    assert parse_conditions(conditions.stored())[0] == conditions


def test_every_problem_of_the_conditions_is_named():
    _, errors = parse_conditions({"shop": "TMALL", "amount_min": "lots", "units_min": 5,
                                  "units_max": 2, "buyer_note": "yes", "skus": ["", "A"]})
    assert [str(e) for e in errors] == [
        "conditions: unknown condition shop; known: shops, skus, categories, "
        "address_keywords, customer_tags, regions, countries, amount_min, amount_max, "
        "currency, units_min, units_max, buyer_note",
        "skus: has an empty entry",
        "amount_min: 'lots' is not an amount of money",
        "buyer_note: must be true or false",
        "units_max: 2 is below the minimum 5"]


def test_actions_need_a_reason_to_hold_and_at_least_one_thing_to_do():
    assert [str(e) for e in parse_actions({"decision": "hold"})[1]] == [
        "reason: a hold needs a reason the queue can show"]
    assert [str(e) for e in parse_actions({"decision": "ship"})[1]] == [
        "decision: 'ship' is not one of approve, hold, exception"]
    assert [str(e) for e in parse_actions({})[1]] == [
        "actions: a rule needs at least one action: approve, hold, exception, warehouse, "
        "carrier or priority"]
    actions, errors = parse_actions({"carrier": "ems", "priority": "2", "warehouse": "wh1"})
    assert errors == [] and actions == Actions(warehouse="WH1", carrier="EMS", priority=2)


def test_each_condition_matches_only_the_orders_it_names():
    cases = [
        ({"shops": ["JD"]}, {}, {"shop": "JD"}),
        ({"amount_min": "100", "amount_max": "200"}, {"paid_total": Decimal("99.99")}, {}),
        ({"skus": ["TEA-001"]}, {"skus": frozenset({"CUP-001"})}, {}),
        ({"categories": ["Tea"]}, {"categories": frozenset({"cups"})}, {}),
        ({"units_min": 2, "units_max": 3}, {"units": 4}, {}),
        ({"address_keywords": ["解放路"]}, {"address": "上海市 浦东新区"}, {}),
        ({"buyer_note": True}, {}, {"buyer_note": "请周末送货"}),
        ({"buyer_note": False}, {"buyer_note": "请周末送货"}, {}),
        ({"customer_tags": ["VIP"]}, {"customer_tags": frozenset()}, {}),
        ({"regions": ["新疆", "西藏"]}, {"province": "浙江省"}, {}),
        ({"countries": ["cn"]}, {"country": "US"}, {}),
    ]
    for raw, missing, matching in cases:
        conditions, errors = parse_conditions(raw)
        assert errors == [], raw
        assert not conditions.matches(facts(**missing)) or not missing, raw
        assert conditions.matches(facts(**matching)), raw
    assert Conditions().matches(facts()) and Conditions().describe() == "every order"


def test_assignments_add_up_and_the_first_decision_ends_the_review():
    rules = [
        (1, "EMS west", parse_conditions({"regions": ["新疆"]})[0], Actions(carrier="EMS")),
        (2, "Not this", parse_conditions({"shops": ["JD"]})[0], Actions(decision="exception",
                                                                       reason="jd")),
        (3, "Urgent VIP", parse_conditions({"customer_tags": ["vip"]})[0],
         Actions(priority=9, carrier="SF")),
        (4, "Approve", Conditions(), Actions(decision="approve")),
        (5, "Never reached", Conditions(), Actions(decision="hold", reason="x")),
    ]
    verdict = evaluate(rules, facts())
    assert verdict.actions == Actions(decision="approve", carrier="SF", priority=9)
    assert verdict.steps == [(1, "EMS west", "carrier EMS"),
                             (3, "Urgent VIP", "carrier SF; priority 9"),
                             (4, "Approve", "approve")]
    assert evaluate(rules[:3], facts(customer_tags=frozenset())).actions.decision is None


def test_an_amount_condition_holds_only_for_orders_in_its_currency():
    over_2000, errors = parse_conditions({"amount_min": "2000.01"})
    assert errors == [] and over_2000.describe() == "paid 2000.01 CNY or more"
    assert over_2000.matches(facts(paid_total=Decimal("2500.00")))
    assert not over_2000.matches(facts(paid_total=Decimal("2500.00"), currency="USD"))
    assert not over_2000.matches(facts(paid_total=Decimal("2500.00"), currency="GBP"))
    dollars, errors = parse_conditions({"amount_min": "100", "amount_max": "500",
                                        "currency": "usd"})
    assert errors == [] and dollars.describe() == "paid 100.00 USD to 500.00 USD"
    assert dollars.stored() == {"amount_min": "100.00", "amount_max": "500.00",
                                "currency": "USD"}
    assert dollars.matches(facts(paid_total=Decimal("120.00"), currency="USD"))
    assert not dollars.matches(facts(paid_total=Decimal("120.00")))


def test_a_currency_needs_a_code_and_an_amount():
    assert [str(e) for e in parse_conditions({"amount_max": "9", "currency": "dollars"})[1]] == [
        "currency: 'dollars' is not a currency code such as CNY or USD"]
    assert [str(e) for e in parse_conditions({"currency": "USD"})[1]] == [
        "currency: is the currency of the paid amount: give a paid amount from or up to as "
        "well"]
