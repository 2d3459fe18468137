"""Demo review rules (审单): what a small tea shop would start from."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from models.actor import Actor
from models.demo.site import WAREHOUSE
from models.sales.rules import add_rule

#: Name, conditions, actions: tried in this order.
RULES: list[tuple[str, dict[str, Any], dict[str, Any]]] = [
    ("Ship from the demo warehouse by SF", {}, {"warehouse": WAREHOUSE, "carrier": "SF"}),
    ("Remote regions by EMS", {"regions": ["新疆", "西藏"]}, {"carrier": "EMS"}),
    ("Buyer note: read it first", {"buyer_note": True},
     {"decision": "hold", "reason": "buyer note: read it, then release"}),
    ("Over 2,000 CNY: supervisor", {"amount_min": "2000.01", "currency": "CNY"},
     {"decision": "hold", "reason": "over 2,000 CNY: a supervisor approves"}),
    ("Everything else", {}, {"decision": "approve"}),
]


def seed_review_rules(session: Session, actor: Actor) -> int:
    """Add the demo rules; returns how many."""
    for name, conditions, actions in RULES:
        add_rule(session, actor, name=name, conditions=conditions, actions=actions)
    return len(RULES)
