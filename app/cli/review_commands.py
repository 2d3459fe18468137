"""`waredesk rule list|add|edit|remove|move|import` and the review commands of `waredesk order`:
review, approve, hold, release, retry, cancel, exceptions, tag, partial-stock."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from app.cli.context import CliContext
from models.sales.allocation import POLICIES, set_partial_policy
from models.sales.order_decisions import ACTIONS
from models.sales.review import ReviewSummary, review_orders
from models.sales.review_views import exception_queue, find_orders
from models.sales.rule_terms import Actions, Conditions, parse_actions, parse_conditions
from models.sales.rules import (
    add_rule,
    edit_rule,
    import_rules,
    move_rule,
    remove_rule,
    rule_by_name,
    rule_list,
)
from models.sales.tags import set_customer_tags

#: Flag -> condition: lists take the flag again for each entry.
_LIST_FLAGS = {"--shop": "shops", "--sku": "skus", "--category": "categories",
               "--address-has": "address_keywords", "--customer-tag": "customer_tags",
               "--region": "regions", "--country": "countries"}
_VALUE_FLAGS = {"--amount-min": "amount_min", "--amount-max": "amount_max",
                "--units-min": "units_min", "--units-max": "units_max"}


def _rule_flags(parser: argparse.ArgumentParser) -> None:
    when = parser.add_argument_group("conditions (all must hold; a repeated flag: any of)")
    for flag, name in _LIST_FLAGS.items():
        when.add_argument(flag, dest=name, action="append", metavar="TEXT")
    for flag, name in _VALUE_FLAGS.items():
        when.add_argument(flag, dest=name, metavar="N")
    when.add_argument("--currency", metavar="CODE", help="the currency of --amount-min and "
                      "--amount-max (default CNY): orders in another currency do not match")
    note = when.add_mutually_exclusive_group()
    note.add_argument("--buyer-note", dest="buyer_note", action="store_const", const=True,
                      help="the buyer wrote a note")
    note.add_argument("--no-buyer-note", dest="buyer_note", action="store_const", const=False)
    then = parser.add_argument_group("actions")
    decision = then.add_mutually_exclusive_group()
    decision.add_argument("--approve", action="store_true")
    decision.add_argument("--hold", metavar="REASON")
    decision.add_argument("--exception", metavar="REASON")
    then.add_argument("--warehouse", metavar="CODE")
    then.add_argument("--carrier", metavar="CODE")
    then.add_argument("--priority", metavar="N")


def _given(args: argparse.Namespace) -> tuple[dict[str, Any], dict[str, Any]]:
    """The conditions and actions the flags give."""
    conditions = {name: getattr(args, name)
                  for name in (*_LIST_FLAGS.values(), *_VALUE_FLAGS.values(), "currency",
                               "buyer_note")
                  if getattr(args, name) is not None}
    actions: dict[str, Any] = {name: getattr(args, name)
                               for name in ("warehouse", "carrier", "priority")
                               if getattr(args, name) is not None}
    if args.approve:
        actions["decision"] = "approve"
    for decision in ("hold", "exception"):
        if getattr(args, decision):
            actions.update(decision=decision, reason=getattr(args, decision))
    return conditions, actions


def register(commands: argparse._SubParsersAction) -> None:
    """Add `waredesk rule`."""
    rule = commands.add_parser("rule", help="the order review rules (审单), tried in order")
    rules = rule.add_subparsers(dest="rule_command", required=True, metavar="COMMAND")
    rules.add_parser("list", help="every rule in the order they are tried").set_defaults(
        run=run_rule_list)
    add = rules.add_parser("add", help="add a rule, e.g. rule add \"Big orders\" "
                           "--amount-min 2000 --hold \"over 2000: a supervisor approves\"")
    add.add_argument("name")
    add.add_argument("--position", type=int, metavar="N", help="1 is tried first "
                     "(default: last)")
    add.add_argument("--inactive", action="store_true", help="save it switched off")
    _rule_flags(add)
    add.set_defaults(run=run_rule_add)
    edit = rules.add_parser("edit", help="change a rule: the flags given replace those "
                            "conditions and actions; --clear removes some")
    edit.add_argument("name")
    edit.add_argument("--rename", metavar="NAME")
    edit.add_argument("--clear", action="append", default=[], metavar="NAME",
                      help="drop a condition or action, e.g. --clear regions --clear carrier")
    switch = edit.add_mutually_exclusive_group()
    switch.add_argument("--active", dest="active", action="store_const", const=True)
    switch.add_argument("--inactive", dest="active", action="store_const", const=False)
    _rule_flags(edit)
    edit.set_defaults(run=run_rule_edit)
    move = rules.add_parser("move", help="move a rule to another place in the list")
    move.add_argument("name")
    move.add_argument("position", type=int, help="1 is tried first")
    move.set_defaults(run=run_rule_move)
    remove = rules.add_parser("remove", help="delete a rule (traces keep its name)")
    remove.add_argument("name")
    remove.set_defaults(run=run_rule_remove)
    load = rules.add_parser("import", help="add or replace rules from a JSON file: a list "
                            "of {name, conditions, actions, active}")
    load.add_argument("file", type=Path)
    load.set_defaults(run=run_rule_import)


def register_order_commands(orders: argparse._SubParsersAction) -> None:
    """Add the review commands to `waredesk order`."""
    review = orders.add_parser("review", help="review every new order by the rules; "
                               "approved orders get their stock reserved")
    review.add_argument("--shop", default="")
    review.set_defaults(run=run_order_review)
    for name, run, text in (
            ("approve", run_order_decision, "approve orders by hand and reserve their stock "
             "(needs orders.approve)"),
            ("release", run_order_decision, "lift holds and reserve the stock "
             "(needs orders.approve)"),
            ("retry", run_order_decision, "review held, exception and backorder orders again"),
            ("hold", run_order_decision, "hold orders (their stock is released)"),
            ("cancel", run_order_decision, "cancel orders (their stock is released)")):
        command = orders.add_parser(name, help=text)
        command.add_argument("numbers", nargs="*", metavar="NUMBER")
        command.add_argument("--shop", default="", help="the shop, when a number is in several")
        if name in ("retry", "release", "cancel"):
            command.add_argument("--all", action="store_true",
                                 help="every order of the exceptions queue it applies to")
        if name in ("hold", "cancel"):
            command.add_argument("--reason", required=name == "hold", default="")
        command.set_defaults(run=run, action=name)
    queue = orders.add_parser("exceptions", help="held, exception and backorder orders "
                              "with their reason")
    queue.add_argument("--shop", default="")
    queue.add_argument("--status", choices=("held", "exception", "backorder"), default="")
    queue.set_defaults(run=run_order_exceptions)
    tag = orders.add_parser("tag", help="set an order's customer tags (the rules can test "
                            "them), e.g. order tag 2981 vip,wholesale")
    tag.add_argument("number")
    tag.add_argument("tags", help="comma-separated; \"\" removes them")
    tag.add_argument("--shop", default="")
    tag.set_defaults(run=run_order_tag)
    policy = orders.add_parser("partial-stock", help="what happens to an order only partly "
                               "in stock: hold it (default) or backorder the rest")
    policy.add_argument("policy", choices=POLICIES)
    policy.set_defaults(run=run_partial_stock)


def _print_rule(position: int, name: str, active: bool, conditions: Conditions,
                actions: Actions) -> None:
    off = "" if active else "  (inactive)"
    print(f"{position:>3}. {name}{off}\n     when {conditions.describe()}: "
          f"{actions.describe()}")


def run_rule_list(args: argparse.Namespace, ctx: CliContext) -> int:
    """Print the rules in order."""
    with ctx.database().read() as session:
        rules = [(r.position, r.name, r.active, r.conditions, r.actions)
                 for r in rule_list(session)]
    if not rules:
        print("No review rules yet: every order is held for review by hand. Add one with "
              "`waredesk rule add`.")
    for position, name, active, conditions, actions in rules:
        _print_rule(position, name, active, parse_conditions(conditions)[0],
                    parse_actions(actions)[0])
    return 0


def run_rule_add(args: argparse.Namespace, ctx: CliContext) -> int:
    """Add a rule."""
    db = ctx.database()
    actor = ctx.actor()
    conditions, actions = _given(args)
    db.transact(lambda s: add_rule(s, actor, name=args.name, conditions=conditions,
                                   actions=actions, active=not args.inactive,
                                   position=args.position))
    print(f"Added rule {args.name}.")
    return 0


def run_rule_edit(args: argparse.Namespace, ctx: CliContext) -> int:
    """Change a rule."""
    db = ctx.database()
    actor = ctx.actor()
    given_conditions, given_actions = _given(args)

    def work(session: Any) -> None:
        rule = rule_by_name(session, args.name)
        conditions = {**rule.conditions, **given_conditions}
        actions = dict(rule.actions)
        if "decision" in given_actions:
            actions.pop("reason", None)
        actions.update(given_actions)
        for name in args.clear:
            conditions.pop(name, None)
            actions.pop(name, None)
        edit_rule(session, actor, name=args.name, conditions=conditions, actions=actions,
                  active=args.active, new_name=args.rename)
    db.transact(work)
    print(f"Saved rule {args.rename or args.name}.")
    return 0


def run_rule_move(args: argparse.Namespace, ctx: CliContext) -> int:
    """Move a rule."""
    db = ctx.database()
    actor = ctx.actor()
    rule = db.transact(lambda s: move_rule(s, actor, name=args.name, position=args.position))
    print(f"Rule {rule.name} is number {rule.position} now.")
    return 0


def run_rule_remove(args: argparse.Namespace, ctx: CliContext) -> int:
    """Delete a rule."""
    db = ctx.database()
    actor = ctx.actor()
    db.transact(lambda s: remove_rule(s, actor, name=args.name))
    print(f"Removed rule {args.name}.")
    return 0


def run_rule_import(args: argparse.Namespace, ctx: CliContext) -> int:
    """Add (or replace, by name) every rule of a JSON file, all or nothing."""
    db = ctx.database()
    actor = ctx.actor()
    data = json.loads(args.file.read_text(encoding="utf-8"))
    count = db.transact(lambda s: import_rules(s, actor, data))
    print(f"Imported {count} rules from {args.file.name}.")
    return 0


def _print_summary(summary: ReviewSummary) -> None:
    print(summary.line)
    for order, note in summary.notes.items():
        print(f"{order}: {note}")
    for number, why in sorted(summary.skipped.items()):
        print(f"left alone: {number} {why}")


def run_order_review(args: argparse.Namespace, ctx: CliContext) -> int:
    """Review the new orders and print how many went where."""
    db = ctx.database()
    actor = ctx.actor()
    summary = db.transact(lambda s: review_orders(s, actor, shop=args.shop))
    _print_summary(summary)
    return 0


_QUEUE_STATUS = {"release": "held", "retry": "", "cancel": ""}


def run_order_decision(args: argparse.Namespace, ctx: CliContext) -> int:
    """Approve, release, retry, hold or cancel the orders named (or the whole queue)."""
    db = ctx.database()
    actor = ctx.actor()
    if not args.numbers and not getattr(args, "all", False):
        print(f"waredesk: name the orders to {args.action}"
              + (" (or --all)" if hasattr(args, "all") else "") + ".")
        return 2
    options = {"reason": args.reason} if hasattr(args, "reason") else {}

    def work(session: Any) -> ReviewSummary:
        if args.numbers:
            ids = find_orders(session, args.numbers, shop=args.shop)
        else:
            ids = [row.id for row in exception_queue(
                session, shop=args.shop, status=_QUEUE_STATUS[args.action], limit=1_000_000)]
        return ACTIONS[args.action](session, actor, order_ids=ids, **options)
    _print_summary(db.transact(work))
    return 0


def run_order_exceptions(args: argparse.Namespace, ctx: CliContext) -> int:
    """Print the exceptions queue."""
    with ctx.database().read() as session:
        rows = exception_queue(session, shop=args.shop, status=args.status)
    if not rows:
        print("The exceptions queue is empty.")
    for row in rows:
        print(f"{row.shop:12} {row.number:24} {row.status:9} "
              f"{row.paid_total:>10} {row.currency}  {row.reason}")
    return 0


def run_order_tag(args: argparse.Namespace, ctx: CliContext) -> int:
    """Set an order's customer tags."""
    db = ctx.database()
    actor = ctx.actor()

    def work(session: Any) -> str:
        order_id = find_orders(session, [args.number], shop=args.shop)[0]
        return set_customer_tags(session, actor, order_id=order_id, tags=args.tags)
    tags = db.transact(work)
    print(f"Order {args.number}: tags {tags or '(none)'}.")
    return 0


def run_partial_stock(args: argparse.Namespace, ctx: CliContext) -> int:
    """Choose the partial-stock policy."""
    db = ctx.database()
    actor = ctx.actor()
    db.transact(lambda s: set_partial_policy(s, actor, policy=args.policy))
    print(f"Orders only partly in stock are {'held' if args.policy == 'hold' else 'backordered'}"
          " from now on.")
    return 0
