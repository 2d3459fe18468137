"""Database URLs as users write them, made into SQLAlchemy URLs."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from models.errors import InputError


def normalize_url(text: str) -> str:
    """Turn a path, `sqlite:///...` or `postgresql://...` into a URL with WareDesk's drivers."""
    text = text.strip()
    if not text:
        raise InputError("The database URL is empty.")
    if "://" not in text:
        return f"sqlite:///{Path(text).expanduser().resolve()}"
    try:
        url = make_url(text)
    except ArgumentError as exc:
        raise InputError(f"'{text}' is not a database URL ({exc}).") from None
    if url.drivername in ("postgresql", "postgres", "postgresql+psycopg2"):
        url = url.set(drivername="postgresql+psycopg")
    if url.get_backend_name() not in ("sqlite", "postgresql"):
        raise InputError(
            f"WareDesk runs on SQLite or PostgreSQL, not '{url.get_backend_name()}'."
        )
    return url.render_as_string(hide_password=False)


def describe_url(url: str) -> str:
    """A short, password-free description for status bars and messages."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return f"SQLite {parsed.database or 'in memory'}"
    host = f"{parsed.host or 'localhost'}:{parsed.port or 5432}"
    return f"PostgreSQL {parsed.username or ''}@{host}/{parsed.database}"
