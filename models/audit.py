"""The audit trail: who changed what, when, from which workstation."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy.orm import Session

from models.actor import Actor
from models.entities import AuditEvent, utcnow


def record(session: Session, actor: Actor | None, action: str, *, entity: str = "",
           entity_id: object = "", workstation: str = "", **detail: Any) -> None:
    """Add an audit event to the session's transaction."""
    session.add(AuditEvent(
        at=utcnow(),
        user_id=actor.user_id if actor else None,
        workstation=actor.workstation if actor else workstation,
        action=action, entity=entity, entity_id=str(entity_id),
        detail=json.dumps(detail, ensure_ascii=False, default=str) if detail else "",
    ))
