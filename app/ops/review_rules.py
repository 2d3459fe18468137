"""The order review rules for the rules editor: the list in order, the shops, carriers and
warehouses a rule may name, and adding, changing, moving, switching and removing a rule."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from app.ops.sessions import reading, writing
from app.runner import Op
from models.actor import Actor
from models.carriers.carriers import list_carriers
from models.masterdata.listing import warehouses
from models.sales import rules
from models.sales.review import try_rules
from models.sales.review_views import find_orders
from models.sales.rule_terms import parse_actions, parse_conditions
from models.sales.shops import shop_list

CHANGES = {"review_rules"}


@dataclass(frozen=True)
class RuleRow:
    """A rule as the editor lists it: its stored terms and their description."""

    position: int
    name: str
    active: bool
    conditions: dict[str, Any]
    actions: dict[str, Any]
    when: list[str]  # each condition in words (English, as models/ writes them)
    then: str  # the actions in words


@dataclass(frozen=True)
class RuleChoices:
    """The codes a rule can name: shops, carriers and warehouses."""

    shops: list[str]
    carriers: list[str]
    warehouses: list[str]


def _rows(session: Session) -> list[RuleRow]:
    return [RuleRow(rule.position, rule.name, rule.active, dict(rule.conditions),
                    dict(rule.actions), parse_conditions(rule.conditions)[0].parts(),
                    parse_actions(rule.actions)[0].describe())
            for rule in rules.rule_list(session)]


def list_rules() -> Op[list[RuleRow]]:
    """Every rule in the order they are tried."""
    return Op.query(reading(_rows))


def rule_choices() -> Op[RuleChoices]:
    """The shops, carriers and (active) warehouses, by code."""
    return Op.query(reading(lambda s: RuleChoices(
        [shop.code for shop in shop_list(s)], [c.code for c in list_carriers(s)],
        [w.code for w in warehouses(s)])))


def try_on_order(*, order: str) -> Op[list[tuple[str, str]]]:
    """The trace the saved rules would give an order ("NUMBER" or "SHOP NUMBER") now, saving
    nothing: (rule name, what it did) per matched rule, then the outcome (name "")."""
    shop, _, number = order.strip().rpartition(" ")
    return Op.query(reading(lambda s: try_rules(
        s, find_orders(s, [number], shop=shop.strip())[0])))


def save_rule(*, actor: Actor, name: str | None, new_name: str,
              conditions: Mapping[str, Any], actions: Mapping[str, Any],
              active: bool) -> Op[str]:
    """Add a rule at the end (`name` None) or replace the terms of rule `name`; answers the
    name it is saved under. Fails with ValidationFailed naming every bad field."""
    def change(session: Session) -> str:
        if name is None:
            return rules.add_rule(session, actor, name=new_name, conditions=conditions,
                                  actions=actions, active=active).name
        return rules.edit_rule(session, actor, name=name, new_name=new_name,
                               conditions=conditions, actions=actions, active=active).name
    return Op.change(writing(change), changes=CHANGES)


def switch_rule(*, actor: Actor, name: str, active: bool) -> Op[str]:
    """Switch a rule on or off."""
    return Op.change(writing(lambda s: rules.edit_rule(s, actor, name=name,
                                                       active=active).name),
                     changes=CHANGES)


def move_rule(*, actor: Actor, name: str, position: int) -> Op[str]:
    """Move a rule to `position` (1 is tried first)."""
    return Op.change(writing(lambda s: rules.move_rule(s, actor, name=name,
                                                       position=position).name),
                     changes=CHANGES)


def remove_rule(*, actor: Actor, name: str) -> Op[None]:
    """Delete a rule."""
    return Op.change(writing(lambda s: rules.remove_rule(s, actor, name=name)),
                     changes=CHANGES)
