"""Copies of the database: SQLite's online backup, pg_dump/pg_restore for PostgreSQL."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy.engine import make_url

from models.db.database import Database
from models.errors import DatabaseError, InputError


def backup_sqlite(db: Database, target: Path) -> Path:
    """Copy a live SQLite database to `target` with SQLite's online backup (safe while in use)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists():
        raise InputError(f"{target} exists already; choose another file name.")
    with db.engine.connect() as conn:
        source = conn.connection.dbapi_connection
        destination = sqlite3.connect(target)
        try:
            source.backup(destination)  # type: ignore[union-attr]
        finally:
            destination.close()
    return target


def restore_sqlite(db: Database, source: Path) -> None:
    """Replace the SQLite database's contents with the backup in `source`."""
    _check_sqlite_file(source)
    db.dispose()
    backup = sqlite3.connect(source)
    try:
        with db.engine.connect() as conn:
            backup.backup(conn.connection.dbapi_connection)  # type: ignore[arg-type]
    finally:
        backup.close()
    db.dispose()


def _check_sqlite_file(path: Path) -> None:
    if not path.is_file():
        raise InputError(f"There is no backup file {path}.")
    with path.open("rb") as handle:
        if handle.read(16) != b"SQLite format 3\x00":
            raise InputError(f"{path} is not a SQLite database backup.")


def _pg_tool(name: str) -> str:
    tool = shutil.which(name)
    if tool is None:
        raise DatabaseError(f"{name} is not installed on this machine; install the PostgreSQL "
                            "client tools to back up or restore a PostgreSQL database.")
    return tool


def _pg_url(db: Database) -> str:
    return make_url(db.url).set(drivername="postgresql").render_as_string(hide_password=False)


def backup_postgresql(db: Database, target: Path) -> Path:
    """pg_dump the database to `target` in the custom format."""
    if target.exists():
        raise InputError(f"{target} exists already; choose another file name.")
    target.parent.mkdir(parents=True, exist_ok=True)
    done = subprocess.run([_pg_tool("pg_dump"), "--format=custom", "--file", str(target),
                           _pg_url(db)], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise DatabaseError(f"pg_dump failed: {done.stderr.strip().splitlines()[-1:]}")
    return target


def restore_postgresql(db: Database, source: Path) -> None:
    """pg_restore `source` over the database (its objects are dropped and recreated)."""
    if not source.is_file():
        raise InputError(f"There is no backup file {source}.")
    db.dispose()
    done = subprocess.run([_pg_tool("pg_restore"), "--clean", "--if-exists", "--no-owner",
                           "--single-transaction", "--dbname", _pg_url(db), str(source)],
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise DatabaseError(f"pg_restore failed: {done.stderr.strip().splitlines()[-1:]}")


def backup(db: Database, target: Path) -> Path:
    """Back the database up to `target`, whichever backend it is."""
    if db.backend == "sqlite":
        return backup_sqlite(db, target)
    return backup_postgresql(db, target)


def restore(db: Database, source: Path) -> None:
    """Restore the database from `source`, whichever backend it is."""
    if db.backend == "sqlite":
        restore_sqlite(db, source)
    else:
        restore_postgresql(db, source)
