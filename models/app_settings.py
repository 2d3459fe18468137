"""Database-wide settings shared by every workstation (the `app_setting` table)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.entities import AppSetting

#: A line the sign-in window shows, e.g. "Demo data: sign in as admin, password demo1234".
DEMO_LOGIN_HINT = "demo_login_hint"


def read_setting(session: Session, key: str, default: str = "") -> str:
    """The value of a database-wide setting, or `default` when it is not set."""
    value = session.scalar(select(AppSetting.value).where(AppSetting.key == key))
    return default if value is None else value


def write_setting(session: Session, key: str, value: str) -> None:
    """Set a database-wide setting."""
    row = session.get(AppSetting, key)
    if row is None:
        session.add(AppSetting(key=key, value=value))
    else:
        row.value = value
