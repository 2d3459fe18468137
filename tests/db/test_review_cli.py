"""`waredesk rule ...` and the review commands of `waredesk order` end to end."""

from __future__ import annotations

import json

from app.cli.main import main
from tests import factories as f
from tests.db import review_setup as setup


def _run(db, capsys, *args: str) -> tuple[int, str, str]:
    code = main(["--db", db.url, *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_rules_typed_at_the_command_line_review_orders_and_the_queue_acts(db, actor, capsys,
                                                                          tmp_path):
    ids = setup.site(db, actor)
    f.stock_in(db, actor, ids["TEA-001"], ids["A-01"], 5)
    setup.carriers(db, actor, "EMS")
    assert _run(db, capsys, "rule", "add", "Everything else", "--approve")[0] == 0
    code, out, _ = _run(db, capsys, "rule", "add", "Big", "--amount-min", "1000", "--hold",
                        "big: a supervisor approves", "--position", "1")
    assert (code, out) == (0, "Added rule Big.\n")
    code, _, err = _run(db, capsys, "rule", "add", "Broken", "--units-min", "x")
    assert code == 2 and err == ("waredesk: Rule Broken: units_min: 'x' is not a whole "
                                 "number; actions: a rule needs at least one action: "
                                 "approve, hold, exception, warehouse, carrier or priority\n")
    rules = tmp_path / "rules.json"
    rules.write_text(json.dumps([{"name": "West by EMS", "conditions": {"regions": ["新疆"]},
                                  "actions": {"carrier": "EMS"}}]), encoding="utf-8")
    assert _run(db, capsys, "rule", "import", str(rules))[1] == \
        "Imported 1 rules from rules.json.\n"
    assert _run(db, capsys, "rule", "move", "West by EMS", "1")[0] == 0
    assert _run(db, capsys, "rule", "edit", "Big", "--amount-min", "2000")[0] == 0
    code, out, _ = _run(db, capsys, "rule", "list")
    assert out.splitlines() == [
        "  1. West by EMS", "     when region 新疆: carrier EMS",
        "  2. Big", "     when paid 2000.00 CNY or more: hold: big: a supervisor approves",
        "  3. Everything else", "     when every order: approve"]

    setup.order(db, actor, "1001", [("TEA-001", 2)], province="新疆维吾尔自治区")
    setup.order(db, actor, "1002", [("TEA-001", 1)], price="2500.00")
    setup.order(db, actor, "1003", [("TEA-001", 9)], shop="JD")
    code, out, _ = _run(db, capsys, "order", "review")
    assert (code, out) == (0, "1 approved, 2 held, 0 exception\n")
    code, out, _ = _run(db, capsys, "order", "exceptions")
    assert [line.split(None, 3)[1:3] for line in out.splitlines()] == [
        ["1002", "held"], ["1003", "held"]]
    assert out.splitlines()[1].endswith("out of stock: TEA-001 needs 9, 3 available")
    code, out, _ = _run(db, capsys, "order", "show", "TMALL", "1001")
    assert "Status approved  warehouse WH1  carrier EMS  priority 0" in out
    assert "  1 TEA-001                  2  at A-01" in out
    assert out.splitlines()[-3:] == [
        out.splitlines()[-3].split(": ")[0] + ": West by EMS: carrier EMS",
        out.splitlines()[-2].split(": ")[0] + ": Everything else: approve",
        out.splitlines()[-1].split(": ")[0] + ": approved: 2 units reserved"]

    code, out, _ = _run(db, capsys, "order", "release", "1002")
    assert (code, out) == (0, "1 approved, 0 held, 0 exception\n")
    code, out, _ = _run(db, capsys, "order", "cancel", "1001", "--reason", "buyer asked")
    assert (code, out) == (0, "0 approved, 0 held, 0 exception, 1 cancelled\n")
    code, out, _ = _run(db, capsys, "order", "retry", "--all")
    assert (code, out) == (0, "0 approved, 1 held, 0 exception\n")
    code, out, _ = _run(db, capsys, "order", "hold", "1002", "--reason", "address check")
    assert code == 0 and setup.status(db, "1002") == ("held", "address check")
    code, _, err = _run(db, capsys, "order", "approve", "9999")
    assert (code, err) == (2, "waredesk: There is no order 9999.\n")
    assert _run(db, capsys, "order", "partial-stock", "backorder")[0] == 0
    code, out, _ = _run(db, capsys, "order", "retry", "1003")
    assert (code, out) == (0, "0 approved, 0 held, 0 exception, 1 backorder\n")
    assert setup.clean(db)


def test_a_second_hold_replaces_the_reason_and_an_exception_says_why(db, actor, capsys):
    ids = setup.site(db, actor)
    f.stock_in(db, actor, ids["TEA-001"], ids["A-01"], 5)
    setup.order(db, actor, "1001", [("TEA-001", 1)])
    setup.order(db, actor, "1002", [("NOT-HERE", 1)])
    assert _run(db, capsys, "order", "hold", "1001", "--reason", "address check")[0] == 0
    code, out, _ = _run(db, capsys, "order", "hold", "1001", "--reason", "call the buyer")
    assert (code, out) == (0, "0 approved, 1 held, 0 exception\nTMALL 1001: was held already "
                              "(address check); the reason is now: call the buyer\n")
    assert setup.status(db, "1001") == ("held", "call the buyer")
    code, out, _ = _run(db, capsys, "order", "show", "TMALL", "1001")
    assert [line.split(": ", 1)[1] for line in out.splitlines()[-2:]] == [
        f"hold reason replaced by {actor.username} (was: address check)",
        "held: call the buyer"]
    code, out, _ = _run(db, capsys, "order", "approve", "1002")
    assert (code, out) == (0, "0 approved, 0 held, 1 exception\nTMALL 1002: exception: line 1: "
                              "NOT-HERE is no product here\n")
    assert setup.clean(db)


def test_rules_naming_a_carrier_or_warehouse_that_does_not_exist_are_refused(db, actor, capsys,
                                                                             tmp_path):
    setup.site(db, actor)
    setup.carriers(db, actor, "SF", "EMS")
    code, _, err = _run(db, capsys, "rule", "add", "Typo", "--carrier", "ZTO")
    assert code == 2 and err == ("waredesk: Rule Typo: carrier: there is no carrier ZTO "
                                 "(carriers are EMS, SF)\n")
    code, _, err = _run(db, capsys, "rule", "add", "Typo", "--warehouse", "WH9")
    assert code == 2 and err == "waredesk: Rule Typo: warehouse: there is no warehouse WH9\n"
    rules = tmp_path / "rules.json"
    rules.write_text(json.dumps([
        {"name": "By SF", "conditions": {}, "actions": {"carrier": "SF"}},
        {"name": "West", "conditions": {"regions": ["新疆"]}, "actions": {"carrier": "YTO"}}]),
        encoding="utf-8")
    code, _, err = _run(db, capsys, "rule", "import", str(rules))
    assert code == 2 and err == ("waredesk: Rule West: carrier: there is no carrier YTO "
                                 "(carriers are EMS, SF)\n")
    assert _run(db, capsys, "rule", "list")[1].startswith("No review rules yet")  # not By SF
