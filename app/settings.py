"""This workstation's settings, kept in a local JSON file (never in the shared database)."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from app.paths import config_dir, default_database_path
from models.actor import default_workstation
from models.errors import InputError

LANGUAGES = ("en", "zh_CN")


@dataclass
class Settings:
    """Workstation settings. Unknown keys in the file are kept, so newer versions' settings
    survive an older WareDesk saving the file."""

    database_url: str = ""
    workstation: str = field(default_factory=default_workstation)
    language: str = "en"
    extra: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def path(cls) -> Path:
        """The settings file of this user on this machine."""
        return config_dir() / "settings.json"

    @classmethod
    def load(cls) -> Settings:
        """Read the settings file; defaults where it is missing."""
        path = cls.path()
        if not path.exists():
            return cls()
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise InputError(f"The settings file {path} cannot be read: {exc}") from None
        known = {f.name for f in fields(cls)} - {"extra"}
        settings = cls(**{k: v for k, v in data.items() if k in known})
        settings.extra = {k: v for k, v in data.items() if k not in known}
        if settings.language not in LANGUAGES:
            settings.language = "en"
        return settings

    def save(self) -> None:
        """Write the settings file atomically."""
        path = self.path()
        path.parent.mkdir(parents=True, exist_ok=True)
        data = {k: v for k, v in asdict(self).items() if k != "extra"} | self.extra
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, path)


def database_url(explicit: str | None, settings: Settings) -> str:
    """The database to use: --db, else WAREDESK_DB_URL, else the settings, else embedded."""
    return (explicit or os.environ.get("WAREDESK_DB_URL") or settings.database_url
            or str(default_database_path()))
