"""What every command gets: the database it works on and the actor it works as."""

from __future__ import annotations

from dataclasses import dataclass, field

from app.settings import Settings, database_url
from models.actor import Actor
from models.db import Database
from models.db.schema import upgrade
from models.users import system_actor


@dataclass
class CliContext:
    """The database URL chosen by --db and the settings; opened on first use."""

    db_option: str | None
    settings: Settings = field(default_factory=Settings.load)
    _db: Database | None = None

    @property
    def url(self) -> str:
        """The database URL this command works on."""
        return database_url(self.db_option, self.settings)

    def database(self, *, migrate: bool = True) -> Database:
        """Open the database; by default bring its schema up to date first (as the app does)."""
        if self._db is None:
            self._db = Database(self.url)
            if migrate:
                result = upgrade(self._db)
                if result.changed and result.from_revision is not None:
                    where = f" (backup: {result.backup})" if result.backup else ""
                    print(f"Upgraded the database schema to {result.to_revision}{where}.")
        return self._db

    def actor(self) -> Actor:
        """The command line acts as the built-in `system` user at this workstation."""
        with self.database().read() as session:
            return system_actor(session, self.settings.workstation)

    def close(self) -> None:
        """Release database connections."""
        if self._db is not None:
            self._db.dispose()
