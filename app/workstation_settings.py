"""Changing this workstation's settings from the settings page: checked, saved, and what the
change needs (a new language now; a new database or workstation name on the next sign-in)."""

from __future__ import annotations

from dataclasses import dataclass

from app.settings import LANGUAGES, Settings
from models.db.url import normalize_url
from models.errors import InputError

MAX_WORKSTATION = 64  # the width of the workstation column of postings and audit events


@dataclass(frozen=True)
class SettingsChange:
    """What saving the settings changed."""

    language: bool
    reopen: bool  # the database or the workstation name: sign in again to use them

    @property
    def anything(self) -> bool:
        """True when some setting changed."""
        return self.language or self.reopen


def apply_settings(settings: Settings, *, language: str, workstation: str,
                   database_url: str) -> SettingsChange:
    """Check the values, save them to the settings file, and say what changed."""
    workstation = workstation.strip()
    database_url = database_url.strip()
    if language not in LANGUAGES:
        raise InputError(f"'{language}' is not a language WareDesk speaks.")
    if not workstation or len(workstation) > MAX_WORKSTATION:
        raise InputError(f"The workstation name is 1 to {MAX_WORKSTATION} characters.")
    if database_url:
        normalize_url(database_url)  # raises InputError for what is not a database URL
    change = SettingsChange(
        language=language != settings.language,
        reopen=(workstation != settings.workstation
                or database_url != settings.database_url))
    settings.language = language
    settings.workstation = workstation
    settings.database_url = database_url
    settings.save()
    return change
