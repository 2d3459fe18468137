"""A review rule's conditions and actions as values: read from their stored (JSON) form with
every problem reported, tested against an order's facts, and described in words. No database:
the unit tests and the rule editor use them as they are.

Stored form: conditions {"shops": ["TMALL"], "amount_min": "2000", "amount_max": "5000",
"currency": "USD" (of the amounts; CNY when not given), "skus": [...], "categories": [...],
"units_min": 1, "units_max": 10, "address_keywords": [...], "buyer_note": true,
"customer_tags": [...], "regions": ["新疆", "西藏"], "countries": ["CN"]}; every condition
given must hold, and a list holds when any of its entries does. No
conditions: the rule matches every order. Actions {"decision": "approve" | "hold" |
"exception", "reason": "...", "warehouse": "WH1", "carrier": "EMS", "priority": 5}.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from models.masterdata.fields import FieldError, optional_int
from models.sales.order_values import amount

LIST_CONDITIONS = ("shops", "skus", "categories", "address_keywords", "customer_tags",
                   "regions", "countries")
CONDITIONS = (*LIST_CONDITIONS, "amount_min", "amount_max", "currency", "units_min",
              "units_max", "buyer_note")
#: The currency of an amount condition that names none: the shops' own.
SHOP_CURRENCY = "CNY"
DECISIONS = ("approve", "hold", "exception")
ACTIONS = ("decision", "reason", "warehouse", "carrier", "priority")


@dataclass(frozen=True)
class OrderFacts:
    """What the conditions look at in one order (texts compared without regard to case)."""

    shop: str
    paid_total: Decimal
    currency: str
    skus: frozenset[str]
    categories: frozenset[str]
    units: int
    address: str
    province: str
    country: str
    buyer_note: str
    customer_tags: frozenset[str]


@dataclass(frozen=True)
class Conditions:
    """When a rule applies."""

    shops: tuple[str, ...] = ()
    amount_min: Decimal | None = None
    amount_max: Decimal | None = None
    #: The currency of amount_min and amount_max (None: SHOP_CURRENCY).
    currency: str | None = None
    skus: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    units_min: int | None = None
    units_max: int | None = None
    address_keywords: tuple[str, ...] = ()
    buyer_note: bool | None = None
    customer_tags: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()

    def matches(self, facts: OrderFacts) -> bool:
        """True when every condition given holds for the order."""
        if self.shops and facts.shop.upper() not in self.shops:
            return False
        amounts = self.amount_min is not None or self.amount_max is not None
        if amounts and facts.currency.upper() != self.amount_currency:
            return False  # 2000 USD is not 2000 CNY: a rule's amount is in one currency
        if self.amount_min is not None and facts.paid_total < self.amount_min:
            return False
        if self.amount_max is not None and facts.paid_total > self.amount_max:
            return False
        if self.skus and not facts.skus.intersection(self.skus):
            return False
        if self.categories and not facts.categories.intersection(self.categories):
            return False
        if self.units_min is not None and facts.units < self.units_min:
            return False
        if self.units_max is not None and facts.units > self.units_max:
            return False
        if self.address_keywords and not any(k in facts.address
                                             for k in self.address_keywords):
            return False
        if self.buyer_note is not None and bool(facts.buyer_note.strip()) != self.buyer_note:
            return False
        if self.customer_tags and not facts.customer_tags.intersection(self.customer_tags):
            return False
        if self.regions and not any(r in facts.province for r in self.regions):
            return False
        return not (self.countries and facts.country.upper() not in self.countries)

    @property
    def amount_currency(self) -> str:
        """The currency the paid amount conditions are in."""
        return self.currency or SHOP_CURRENCY

    def stored(self) -> dict[str, Any]:
        """The JSON form, with only the conditions given."""
        out: dict[str, Any] = {}
        for name in CONDITIONS:
            value = getattr(self, name)
            if value is None or value == ():
                continue
            out[name] = (list(value) if isinstance(value, tuple)
                         else str(value) if isinstance(value, Decimal) else value)
        return out

    def describe(self) -> str:
        """The conditions in words, e.g. "shop TMALL, paid 2000.00 CNY or more"."""
        return ", ".join(self.parts()) or "every order"

    def parts(self) -> list[str]:
        """Each condition in words (a screen translates them one by one)."""
        words = []
        labels = {"shops": "shop", "skus": "SKU", "categories": "category",
                  "address_keywords": "address has", "customer_tags": "customer tag",
                  "regions": "region", "countries": "country"}
        for name, label in labels.items():
            values = getattr(self, name)
            if values:
                words.append(f"{label} {' / '.join(values)}")
        money = [None if value is None else f"{value} {self.amount_currency}"
                 for value in (self.amount_min, self.amount_max)]
        for low, high, what in ((*money, "paid"), (self.units_min, self.units_max, "units")):
            if low is not None and high is not None:
                words.append(f"{what} {low} to {high}")
            elif low is not None:
                words.append(f"{what} {low} or more")
            elif high is not None:
                words.append(f"{what} {high} or less")
        if self.buyer_note is not None:
            words.append("buyer note" if self.buyer_note else "no buyer note")
        return words


@dataclass(frozen=True)
class Actions:
    """What a rule does: assignments add up over the rules; the first decision decides."""

    decision: str | None = None
    reason: str = ""
    warehouse: str | None = None
    carrier: str | None = None
    priority: int | None = None

    def stored(self) -> dict[str, Any]:
        """The JSON form, with only the actions given."""
        return {name: getattr(self, name) for name in ACTIONS
                if getattr(self, name) not in (None, "")}

    def describe(self) -> str:
        """The actions in words, e.g. "carrier EMS; hold: buyer note"."""
        words = []
        if self.warehouse:
            words.append(f"warehouse {self.warehouse}")
        if self.carrier:
            words.append(f"carrier {self.carrier}")
        if self.priority is not None:
            words.append(f"priority {self.priority}")
        if self.decision == "approve":
            words.append("approve")
        elif self.decision:
            words.append(f"{self.decision}: {self.reason}")
        return "; ".join(words)


def _texts(errors: list[FieldError], name: str, value: Any, *, upper: bool) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        errors.append(FieldError(name, "must be a list of texts"))
        return ()
    cleaned = [v.strip().upper() if upper else v.strip().casefold() for v in value]
    if not all(cleaned):
        errors.append(FieldError(name, "has an empty entry"))
    return tuple(dict.fromkeys(c for c in cleaned if c))


def _whole(errors: list[FieldError], name: str, value: Any) -> int | None:
    if isinstance(value, bool):
        errors.append(FieldError(name, f"'{value}' is not a whole number"))
        return None
    return optional_int(errors, name, value, minimum=0)


def _currency(errors: list[FieldError], value: Any, *, amounts: bool) -> str | None:
    code = str(value).strip().upper()
    if not re.fullmatch(r"[A-Z]{3}", code):
        errors.append(FieldError("currency", f"'{value}' is not a currency code such as CNY "
                                 "or USD"))
        return None
    if not amounts:
        errors.append(FieldError("currency", "is the currency of the paid amount: give a "
                                 "paid amount from or up to as well"))
    return code


def parse_conditions(raw: Mapping[str, Any]) -> tuple[Conditions, list[FieldError]]:
    """Conditions from their stored form, and every problem found."""
    errors: list[FieldError] = []
    unknown = sorted(set(raw) - set(CONDITIONS))
    if unknown:
        errors.append(FieldError("conditions", f"unknown condition {', '.join(unknown)}; "
                                 f"known: {', '.join(CONDITIONS)}"))
    values: dict[str, Any] = {}
    for name in LIST_CONDITIONS:
        if name in raw:
            values[name] = _texts(errors, name, raw[name],
                                  upper=name in ("shops", "skus", "countries"))
    for name in ("amount_min", "amount_max"):
        if raw.get(name) is not None:
            values[name] = amount(errors, name, raw[name])
    if raw.get("currency") is not None:
        values["currency"] = _currency(errors, raw["currency"], amounts="amount_min" in values
                                       or "amount_max" in values)
    for name in ("units_min", "units_max"):
        if raw.get(name) is not None:
            values[name] = _whole(errors, name, raw[name])
    if raw.get("buyer_note") is not None:
        if isinstance(raw["buyer_note"], bool):
            values["buyer_note"] = raw["buyer_note"]
        else:
            errors.append(FieldError("buyer_note", "must be true or false"))
    conditions = Conditions(**values)
    for low, high, name in ((conditions.amount_min, conditions.amount_max, "amount_max"),
                            (conditions.units_min, conditions.units_max, "units_max")):
        if low is not None and high is not None and high < low:
            errors.append(FieldError(name, f"{high} is below the minimum {low}"))
    return conditions, errors


def parse_actions(raw: Mapping[str, Any]) -> tuple[Actions, list[FieldError]]:
    """Actions from their stored form, and every problem found."""
    errors: list[FieldError] = []
    unknown = sorted(set(raw) - set(ACTIONS))
    if unknown:
        errors.append(FieldError("actions", f"unknown action {', '.join(unknown)}; known: "
                                 f"{', '.join(ACTIONS)}"))
    decision = raw.get("decision") or None
    if decision is not None and decision not in DECISIONS:
        errors.append(FieldError("decision", f"'{decision}' is not one of "
                                 f"{', '.join(DECISIONS)}"))
    reason = str(raw.get("reason") or "").strip()
    if decision in ("hold", "exception") and not reason:
        errors.append(FieldError("reason", f"a {decision} needs a reason the queue can show"))
    if len(reason) > 200:
        errors.append(FieldError("reason", "is longer than 200 characters"))
    texts = {}
    for name, size in (("warehouse", 32), ("carrier", 32)):
        value = str(raw.get(name) or "").strip().upper()
        if len(value) > size:
            errors.append(FieldError(name, f"is longer than {size} characters"))
        texts[name] = value or None
    priority = None
    if raw.get("priority") is not None:
        priority = _whole(errors, "priority", raw["priority"])
    actions = Actions(decision=decision, reason=reason if decision in ("hold", "exception")
                      else "",
                      priority=priority, **texts)
    if actions == Actions():
        errors.append(FieldError("actions", "a rule needs at least one action: approve, "
                                 "hold, exception, warehouse, carrier or priority"))
    return actions, errors


@dataclass
class Verdict:
    """What the rules made of one order: the assignments added up and the decision (as one
    Actions), and the steps taken."""

    actions: Actions = field(default_factory=Actions)
    #: (rule id, rule name, what it did), in the order the rules were tried.
    steps: list[tuple[int, str, str]] = field(default_factory=list)


def evaluate(rules: list[tuple[int, str, Conditions, Actions]], facts: OrderFacts) -> Verdict:
    """Try the rules in order: assignments add up (a later one overrides), the first decision
    decides and ends the review."""
    verdict = Verdict()
    for rule_id, name, conditions, actions in rules:
        if not conditions.matches(facts):
            continue
        verdict.actions = replace(verdict.actions, **{
            attr: getattr(actions, attr) for attr in ("warehouse", "carrier", "priority")
            if getattr(actions, attr) is not None})
        verdict.steps.append((rule_id, name, actions.describe()))
        if actions.decision:
            verdict.actions = replace(verdict.actions, decision=actions.decision,
                                      reason=actions.reason)
            break
    return verdict
