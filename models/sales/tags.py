"""Customer tags on an order (vip, wholesale, blacklist...), which review rules can test."""

from __future__ import annotations

from sqlalchemy.orm import Session

from models import audit
from models.actor import Actor
from models.errors import InputError
from models.permissions import Perm
from models.sales.review_views import order_by_id


def clean_tags(text: str) -> str:
    """Tags as stored: lower case, comma-separated, each once, in the order given."""
    tags = dict.fromkeys(t.strip().casefold() for t in text.split(",") if t.strip())
    return ",".join(tags)


def set_customer_tags(session: Session, actor: Actor, *, order_id: int, tags: str) -> str:
    """Replace an order's customer tags; returns them as stored."""
    actor.require(Perm.ORDERS_REVIEW)
    stored = clean_tags(tags)
    if len(stored) > 255:
        raise InputError("The tags are longer than 255 characters together: use fewer.")
    order = order_by_id(session, order_id)
    order.customer_tags = stored
    session.flush()
    audit.record(session, actor, "sales_order.tags", entity="sales_order", entity_id=order.id,
                 tags=stored)
    return stored
