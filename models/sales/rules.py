"""The review rule list: add, change, move and remove rules, each checked before it is saved;
the active rules in order, ready to evaluate."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models import audit
from models.actor import Actor
from models.entities import Carrier, ReviewRule, Warehouse
from models.errors import InputError, NotFound
from models.masterdata.fields import FieldError, ValidationFailed
from models.permissions import Perm
from models.sales.rule_terms import Actions, Conditions, parse_actions, parse_conditions

RuleTerms = tuple[int, str, Conditions, Actions]


def _checked(session: Session, name: str, conditions: Mapping[str, Any],
             actions: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The stored forms of valid conditions and actions; ValidationFailed listing every
    problem otherwise."""
    parsed_conditions, errors = parse_conditions(conditions)
    parsed_actions, action_errors = parse_actions(actions)
    errors += action_errors
    code = parsed_actions.warehouse
    if code and session.scalar(select(Warehouse.id).where(Warehouse.code == code)) is None:
        errors.append(FieldError("warehouse", f"there is no warehouse {code}"))
    code = parsed_actions.carrier
    if code and session.scalar(select(Carrier.id).where(Carrier.code == code)) is None:
        known = ", ".join(session.scalars(select(Carrier.code).order_by(Carrier.code)))
        errors.append(FieldError("carrier", f"there is no carrier {code} (carriers are {known})"
                                 if known else f"there is no carrier {code} (no carriers yet)"))
    if not name.strip():
        errors.insert(0, FieldError("name", "is required"))
    elif len(name.strip()) > 100:
        errors.insert(0, FieldError("name", "is longer than 100 characters"))
    if errors:
        raise ValidationFailed(f"Rule {name.strip() or '(no name)'}", errors)
    return parsed_conditions.stored(), parsed_actions.stored()


def rule_by_name(session: Session, name: str) -> ReviewRule:
    """The rule of this name; NotFound naming the rules there are."""
    rule = session.scalar(select(ReviewRule).where(ReviewRule.name == name.strip()))
    if rule is None:
        known = ", ".join(session.scalars(select(ReviewRule.name)
                                          .order_by(ReviewRule.position))) or "none yet"
        raise NotFound(f"There is no review rule '{name}' (rules: {known}).")
    return rule


def rule_list(session: Session) -> list[ReviewRule]:
    """Every rule in the order they are tried."""
    return list(session.scalars(select(ReviewRule).order_by(ReviewRule.position,
                                                            ReviewRule.id)))


def _renumber(rules: list[ReviewRule]) -> None:
    for position, rule in enumerate(rules, start=1):
        rule.position = position


def add_rule(session: Session, actor: Actor, *, name: str, conditions: Mapping[str, Any],
             actions: Mapping[str, Any], active: bool = True,
             position: int | None = None) -> ReviewRule:
    """Add a rule at `position` (1 is tried first; default: last)."""
    actor.require(Perm.ORDERS_REVIEW)
    stored_conditions, stored_actions = _checked(session, name, conditions, actions)
    if session.scalar(select(ReviewRule.id).where(ReviewRule.name == name.strip())):
        raise InputError(f"There is a review rule '{name.strip()}' already: edit it, or "
                         "choose another name.")
    rules = rule_list(session)
    rule = ReviewRule(name=name.strip(), conditions=stored_conditions, actions=stored_actions,
                      active=active, position=0)
    session.add(rule)
    at = len(rules) if position is None else max(0, min(position - 1, len(rules)))
    rules.insert(at, rule)
    _renumber(rules)
    session.flush()
    audit.record(session, actor, "review_rule.add", entity="review_rule", entity_id=rule.id,
                 name=rule.name, conditions=stored_conditions, actions=stored_actions)
    return rule


def edit_rule(session: Session, actor: Actor, *, name: str,
              conditions: Mapping[str, Any] | None = None,
              actions: Mapping[str, Any] | None = None, active: bool | None = None,
              new_name: str | None = None) -> ReviewRule:
    """Replace what is given of a rule (conditions and actions each as a whole)."""
    actor.require(Perm.ORDERS_REVIEW)
    rule = rule_by_name(session, name)
    target = rule.name if new_name is None else new_name
    stored_conditions, stored_actions = _checked(
        session, target, rule.conditions if conditions is None else conditions,
        rule.actions if actions is None else actions)
    if target.strip() != rule.name and session.scalar(
            select(ReviewRule.id).where(ReviewRule.name == target.strip())):
        raise InputError(f"There is a review rule '{target.strip()}' already.")
    rule.name, rule.conditions, rule.actions = target.strip(), stored_conditions, stored_actions
    if active is not None:
        rule.active = active
    session.flush()
    audit.record(session, actor, "review_rule.edit", entity="review_rule", entity_id=rule.id,
                 name=rule.name, conditions=stored_conditions, actions=stored_actions,
                 active=rule.active)
    return rule


def move_rule(session: Session, actor: Actor, *, name: str, position: int) -> ReviewRule:
    """Move a rule to `position` (1 is tried first); the others close up."""
    actor.require(Perm.ORDERS_REVIEW)
    rule = rule_by_name(session, name)
    rules = [r for r in rule_list(session) if r.id != rule.id]
    rules.insert(max(0, min(position - 1, len(rules))), rule)
    _renumber(rules)
    session.flush()
    audit.record(session, actor, "review_rule.move", entity="review_rule", entity_id=rule.id,
                 name=rule.name, position=rule.position)
    return rule


def remove_rule(session: Session, actor: Actor, *, name: str) -> None:
    """Delete a rule; the traces that name it keep its name."""
    actor.require(Perm.ORDERS_REVIEW)
    rule = rule_by_name(session, name)
    session.delete(rule)
    session.flush()
    _renumber(rule_list(session))
    audit.record(session, actor, "review_rule.remove", entity="review_rule",
                 entity_id=rule.id, name=rule.name)


def active_rules(session: Session) -> list[RuleTerms]:
    """The active rules in order, parsed once for a whole review run."""
    terms = []
    for rule in rule_list(session):
        if rule.active:
            conditions, _ = parse_conditions(rule.conditions)
            actions, _ = parse_actions(rule.actions)
            terms.append((rule.id, rule.name, conditions, actions))
    return terms


def rule_count(session: Session) -> int:
    """How many rules there are."""
    return session.scalar(select(func.count()).select_from(ReviewRule)) or 0


def import_rules(session: Session, actor: Actor, rules: Any) -> int:
    """Add each rule of a list of {name, conditions, actions, active}, or replace the one of
    that name; all or nothing. Returns how many."""
    actor.require(Perm.ORDERS_REVIEW)
    if not isinstance(rules, list) or not all(isinstance(r, dict) for r in rules):
        raise InputError("A rules file holds a list of rules, each with a name, conditions "
                         "and actions.")
    for entry in rules:
        name = str(entry.get("name") or "")
        conditions, actions = entry.get("conditions") or {}, entry.get("actions") or {}
        active = bool(entry.get("active", True))
        if session.scalar(select(ReviewRule.id).where(ReviewRule.name == name.strip())):
            edit_rule(session, actor, name=name, conditions=conditions, actions=actions,
                      active=active)
        else:
            add_rule(session, actor, name=name, conditions=conditions, actions=actions,
                     active=active)
    return len(rules)
