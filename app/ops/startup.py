"""Opening the database when the app starts: schema upgrade, and what the sign-in needs."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from sqlalchemy.exc import DBAPIError

from app.runner import Op, Progress
from models.app_settings import DEMO_LOGIN_HINT, read_setting
from models.db import Database
from models.db.failures import describe_failure
from models.db.schema import upgrade
from models.errors import DatabaseError
from models.users import needs_first_admin


@dataclass(frozen=True)
class DatabaseState:
    """What the sign-in window needs to know about the database it opened."""

    description: str
    needs_first_admin: bool
    login_hint: str
    upgraded_from: str | None
    backup: Path | None


def open_database() -> Op[DatabaseState]:
    """Bring the schema up to date (a SQLite file is backed up first) and look at the users."""
    def work(db: Database, progress: Progress) -> DatabaseState:
        progress.update(QCoreApplication.translate("Startup", "Opening the database…"))
        try:
            result = upgrade(db)
        except DBAPIError as exc:  # the migrations talk to the engine, not through sessions
            raise DatabaseError(describe_failure(exc, db.description)) from exc
        with db.read() as session:
            first_run = needs_first_admin(session)
            hint = read_setting(session, DEMO_LOGIN_HINT)
        upgraded = result.from_revision if result.changed else None
        return DatabaseState(db.description, first_run, hint, upgraded, result.backup)
    return Op.query(work)
