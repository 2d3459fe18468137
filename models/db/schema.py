"""Schema versions: upgrade through Alembic (after a backup on SQLite), and refuse a database
that a newer WareDesk has upgraded."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util.exc import CommandError
from sqlalchemy.engine import make_url

from models.db.backup import backup_sqlite
from models.db.database import Database
from models.errors import SchemaTooNew
from models.reference_data import sync_reference_data


def alembic_config() -> Config:
    """Alembic configuration pointing at the packaged migrations."""
    config = Config()
    config.set_main_option("script_location", "models:migrations")
    return config


def head_revision() -> str:
    """The newest schema revision this WareDesk knows."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(db: Database) -> str | None:
    """The database's schema revision; None for an empty database."""
    with db.engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def check_not_newer(db: Database, current: str | None) -> None:
    """Raise SchemaTooNew when `current` is a revision this WareDesk does not know."""
    if current is None:
        return
    scripts = ScriptDirectory.from_config(alembic_config())
    try:
        scripts.get_revision(current)
    except CommandError:
        raise SchemaTooNew(
            f"This database ({db.description}) was upgraded by a newer WareDesk (schema "
            f"{current}); this version knows schema {head_revision()} at most. Install the "
            "newer WareDesk on this workstation."
        ) from None


@dataclass(frozen=True)
class UpgradeResult:
    """What `upgrade` did."""

    from_revision: str | None
    to_revision: str
    backup: Path | None

    @property
    def changed(self) -> bool:
        """True when the schema was migrated."""
        return self.from_revision != self.to_revision


def upgrade(db: Database, *, backup_dir: Path | None = None) -> UpgradeResult:
    """Bring the schema to this version's head and the reference data up to date.

    An existing SQLite database is backed up first (into `backup_dir`, by default a
    `backups` folder beside the file).
    """
    current = current_revision(db)
    check_not_newer(db, current)
    head = head_revision()
    backup = None
    if current is not None and current != head and db.backend == "sqlite":
        path = Path(make_url(db.url).database or "")
        folder = backup_dir or path.parent / "backups"
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        backup = backup_sqlite(db, folder / f"{path.stem}-{stamp}-before-{head}.sqlite")
    if current != head:
        config = alembic_config()
        with db.engine.begin() as conn:
            config.attributes["connection"] = conn
            command.upgrade(config, "head")
    with db.write() as session:
        sync_reference_data(session)
    return UpgradeResult(current, head, backup)
