"""Where WareDesk keeps its files on this workstation."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_config_dir, user_data_dir

APP_NAME = "WareDesk"


def _home_override() -> Path | None:
    # WAREDESK_HOME keeps data and settings in one folder: for tests, demos and portable use.
    home = os.environ.get("WAREDESK_HOME")
    return Path(home).expanduser() if home else None


def data_dir() -> Path:
    """The user's data folder: the embedded database, its backups, logs."""
    return _home_override() or Path(user_data_dir(APP_NAME, appauthor=False))


def config_dir() -> Path:
    """The user's settings folder: this workstation's settings file."""
    return _home_override() or Path(user_config_dir(APP_NAME, appauthor=False))


def default_database_path() -> Path:
    """The embedded SQLite database used when no other database is configured."""
    return data_dir() / "waredesk.sqlite"
