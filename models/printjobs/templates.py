"""Label templates customised in the shared database: saving one makes every workstation
print the edited layout; resetting goes back to the built-in template."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import audit
from models.actor import Actor
from models.entities import LabelTemplate, User, utcnow
from models.errors import InputError, NotFound
from models.permissions import Perm

MAX_BODY = 1_000_000


@dataclass(frozen=True)
class CustomTemplate:
    """A customised template's JSON body, who saved it last and when."""

    name: str
    body: str
    updated_by: str
    updated_at: datetime


def custom_template(session: Session, name: str) -> CustomTemplate | None:
    """The customised body of template `name`, None when the built-in one is in use."""
    row = session.execute(
        select(LabelTemplate, User.username).join(User, User.id == LabelTemplate.updated_by)
        .where(LabelTemplate.name == name)).one_or_none()
    if row is None:
        return None
    template, username = row
    return CustomTemplate(template.name, template.body, username, template.updated_at)


def customised_names(session: Session) -> list[str]:
    """Names of every template customised in this database."""
    return list(session.scalars(select(LabelTemplate.name).order_by(LabelTemplate.name)))


def save_custom_template(session: Session, actor: Actor, name: str, body: str) -> None:
    """Store `body` (a JSON template) as the layout of `name` for every workstation."""
    actor.require(Perm.LABELS_EDIT)
    if not name or len(name) > 64:
        raise InputError("A template name is 1 to 64 characters.")
    if len(body) > MAX_BODY:
        raise InputError("This template is too large to share (over 1 MB).")
    try:
        json.loads(body)
    except ValueError as exc:
        raise InputError(f"The template {name} is not valid JSON: {exc}") from None
    template = session.get(LabelTemplate, name)
    if template is None:
        template = LabelTemplate(name=name, body=body, updated_by=actor.user_id)
        session.add(template)
    template.body, template.updated_by, template.updated_at = body, actor.user_id, utcnow()
    session.flush()
    audit.record(session, actor, "label_template.save", entity="label_template",
                 entity_id=name)


def reset_template(session: Session, actor: Actor, name: str) -> None:
    """Go back to the built-in layout of `name` on every workstation."""
    actor.require(Perm.LABELS_EDIT)
    template = session.get(LabelTemplate, name)
    if template is None:
        raise NotFound(f"The template {name} is not customised: it is the built-in one.")
    session.delete(template)
    audit.record(session, actor, "label_template.reset", entity="label_template",
                 entity_id=name)
