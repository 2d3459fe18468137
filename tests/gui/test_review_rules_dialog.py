"""The review rules on screen (Rules… on the Sales orders page): a rule added through the form
(its bad amount shown next to the field first), moved up, switched off, changed and another
deleted; the rule list in the database follows, and Review new then holds an order by the new
rule. A user without orders.review sees the rules read-only."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt
from sqlalchemy import select

from app.settings import Settings
from app.workspace import Workspace
from models.entities import OrderRuleTrace, SalesOrder
from models.permissions import Perm
from models.sales.rules import rule_list
from tests.gui import test_sales_review
from tests.gui.conftest import signed_in
from tests.gui.screenshots import screenshot
from tests.gui.test_sales_review import statuses
from views.main_window import MainWindow
from views.sales.page import SalesOrdersPage
from views.sales.rules_dialog import RulesDialog

# The three phone orders, the three rules and the Sales orders page showing them.
orders, page = test_sales_review.orders, test_sales_review.page


def open_rules(qtbot, page: SalesOrdersPage) -> RulesDialog:
    page.rules_button.click()
    dialog = page.findChild(RulesDialog)
    qtbot.waitUntil(lambda: dialog.list.rowCount() == 3 and dialog.form.warehouse.count() > 1)
    return dialog


def stored(db) -> list[tuple[int, str, bool]]:
    with db.read() as s:
        return [(r.position, r.name, r.active) for r in rule_list(s)]


def shown(dialog: RulesDialog) -> list[list[str]]:
    return [[dialog.list.item(r, c).text() for c in range(5)]
            for r in range(dialog.list.rowCount())]


def choose(qtbot, dialog: RulesDialog, name: str) -> None:
    dialog.list.selectRow(dialog.names().index(name))
    qtbot.waitUntil(lambda: dialog.form.name.text() == name)


def wait_status(qtbot, dialog: RulesDialog, text: str) -> None:
    qtbot.waitUntil(lambda: dialog.status.text() == text)


def test_rules_are_added_moved_switched_changed_and_deleted_then_review_uses_them(
        qtbot, page, sqlite_db, monkeypatch):
    dialog = open_rules(qtbot, page)
    form = dialog.form
    assert shown(dialog)[1] == ["2", "Buyer note", "yes", "buyer note",
                                "hold: buyer note: read it"]
    assert [form.warehouse.itemText(i) for i in range(form.warehouse.count())] == [
        "(not assigned)", "SH1"]
    assert [form.shops.item(i).text() for i in range(form.shops.count())] == ["PHONE"]

    dialog.buttons["new"].click()
    qtbot.keyClicks(form.name, "Big orders")
    form.shops.item(0).setCheckState(Qt.CheckState.Checked)
    qtbot.keyClicks(form.edits["amount_min"], "15O")  # a letter O typed for a zero
    form.decision.setCurrentIndex(form.decision.findData("hold"))
    dialog.save_button.click()
    qtbot.waitUntil(lambda: "amount_min" in form.errors.marked())
    assert form.errors.marked() == {"amount_min": "'15O' is not an amount of money",
                                    "reason": "a hold needs a reason the queue can show"}
    assert len(stored(sqlite_db)) == 3  # nothing saved
    form.edits["amount_min"].setText("150")
    qtbot.keyClicks(form.edits["currency"], "usd")  # next to the amounts: theirs
    qtbot.keyClicks(form.edits["reason"], "over 150: a supervisor approves")
    dialog.save_button.click()
    wait_status(qtbot, dialog, "Saved rule Big orders.")
    qtbot.waitUntil(lambda: dialog.list.rowCount() == 4)
    assert shown(dialog)[3] == ["4", "Big orders", "yes", "shop PHONE, paid 150.00 USD or more",
                                "hold: over 150: a supervisor approves"]
    assert stored(sqlite_db)[-1] == (4, "Big orders", True)

    dialog.buttons["up"].click()
    wait_status(qtbot, dialog, "Rule Big orders is number 3 now.")
    dialog.buttons["up"].click()
    wait_status(qtbot, dialog, "Rule Big orders is number 2 now.")
    assert stored(sqlite_db) == [(1, "Ship from SH1 by SF", True), (2, "Big orders", True),
                                 (3, "Buyer note", True), (4, "The rest", True)]
    qtbot.waitUntil(lambda: dialog.names()[1] == "Big orders")
    assert dialog.current().name == "Big orders"  # still chosen after the move

    choose(qtbot, dialog, "Buyer note")
    dialog.buttons["switch"].click()
    wait_status(qtbot, dialog, "Rule Buyer note is disabled.")
    assert stored(sqlite_db)[2] == (3, "Buyer note", False)
    qtbot.waitUntil(lambda: shown(dialog)[2][2] == "no")
    assert dialog.buttons["switch"].text() == "Enable"

    choose(qtbot, dialog, "Big orders")
    assert form.edits["currency"].text() == "USD"
    form.edits["amount_min"].setText("170")
    form.edits["currency"].clear()  # back to the shops' CNY
    dialog.save_button.click()
    wait_status(qtbot, dialog, "Saved rule Big orders.")
    with sqlite_db.read() as s:
        big = rule_list(s)[1]
        assert (big.conditions, big.actions) == (
            {"shops": ["PHONE"], "amount_min": "170.00"},
            {"decision": "hold", "reason": "over 150: a supervisor approves"})

    choose(qtbot, dialog, "The rest")
    asked = []
    monkeypatch.setattr(dialog, "confirm", lambda question: asked.append(question) or False)
    dialog.buttons["delete"].click()
    assert len(stored(sqlite_db)) == 4  # not confirmed: kept
    monkeypatch.setattr(dialog, "confirm", lambda question: True)
    dialog.buttons["delete"].click()
    wait_status(qtbot, dialog, "Removed rule The rest.")
    assert asked == ["Delete rule The rest? The orders it reviewed keep its name in their "
                     "trace."]
    assert stored(sqlite_db) == [(1, "Ship from SH1 by SF", True), (2, "Big orders", True),
                                 (3, "Buyer note", False)]

    monkeypatch.setattr(dialog, "ask_order", lambda: "PHONE TEL-2")
    dialog.try_button.click()
    qtbot.waitUntil(lambda: dialog.trial.text() != "")
    assert dialog.trial.text().splitlines() == [
        "Order PHONE TEL-2 with the rules as saved:",
        "Ship from SH1 by SF: warehouse SH1; carrier SF",
        "Big orders: hold: over 150: a supervisor approves",
        "→ held: over 150: a supervisor approves"]
    assert set(statuses(page).values()) == {"New"}  # only tried
    screenshot(dialog, "review-rules")
    dialog.accept()

    # TEL-1 pays 177.00 and TEL-2 295.00: the new rule holds them; TEL-3 (59.00) no rule
    # decides now that "The rest" is gone.
    page.review_bar.review_button.click()
    qtbot.waitUntil(lambda: statuses(page) == {"TEL-1": "Held", "TEL-2": "Held",
                                               "TEL-3": "Held"})
    with sqlite_db.read() as s:
        reasons = dict(s.execute(select(SalesOrder.number, SalesOrder.hold_reason)).all())
        trace = s.scalars(select(OrderRuleTrace.rule_name)
                          .join(SalesOrder, SalesOrder.id == OrderRuleTrace.order_id)
                          .where(SalesOrder.number == "TEL-2")
                          .order_by(OrderRuleTrace.step)).all()
    assert reasons == {"TEL-1": "over 150: a supervisor approves",
                       "TEL-2": "over 150: a supervisor approves",
                       "TEL-3": "no rule decided: approve or hold it by hand"}
    assert trace == ["Ship from SH1 by SF", "Big orders", ""]


def test_without_orders_review_the_rules_are_read_only(qtbot, runner, sqlite_db, sample,
                                                       orders):
    who = signed_in(sqlite_db, "alice")
    clerk = dataclasses.replace(who, actor=dataclasses.replace(
        who.actor, permissions=who.actor.permissions - {Perm.ORDERS_REVIEW}))
    main = MainWindow(Workspace(runner, clerk, Settings(workstation="PACK-01"),
                                sqlite_db.description))
    qtbot.addWidget(main)
    main.show_page("sales")
    page = main.page("sales")
    dialog = open_rules(qtbot, page)
    assert dialog.list.rowCount() == 3
    assert not any(button.isVisibleTo(dialog) for button in dialog.buttons.values())
    assert not dialog.save_button.isVisibleTo(dialog)
    assert dialog.form.name.isReadOnly() and not dialog.form.decision.isEnabled()
    assert dialog.status.text().startswith("Read-only")
