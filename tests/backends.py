"""Test databases: a migrated SQLite template per run, a PostgreSQL database per run."""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import make_url

from models.db import Database
from models.db.schema import head_revision, upgrade
from models.entities import Base
from models.reference_data import sync_reference_data

PG_ADMIN_URL = os.environ.get(
    "WAREDESK_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)
PG_REQUIRED = os.environ.get("WAREDESK_REQUIRE_PG") == "1"


def pg_unavailable_reason() -> str | None:
    """None when the test PostgreSQL server answers, else why not."""
    try:
        engine = sa.create_engine(PG_ADMIN_URL, connect_args={"connect_timeout": 3})
        with engine.connect():
            pass
        engine.dispose()
    except sa.exc.OperationalError as exc:
        return f"PostgreSQL at {make_url(PG_ADMIN_URL).host} does not answer: {exc.orig}"
    return None


@contextmanager
def pg_database() -> Iterator[str]:
    """Create a fresh PostgreSQL database for this test run; drop it afterwards."""
    name = f"waredesk_test_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    url = make_url(PG_ADMIN_URL).set(database=name).render_as_string(hide_password=False)
    try:
        yield url
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


def migrated_sqlite_template(folder: Path) -> Path:
    """A SQLite file upgraded through every migration, to copy for each test."""
    path = folder / "template.sqlite"
    db = Database(str(path))
    upgrade(db)
    db.dispose()
    return path


def fresh_sqlite(template: Path, folder: Path) -> Database:
    """A new database copied from the migrated template."""
    path = folder / "waredesk.sqlite"
    shutil.copyfile(template, path)
    return Database(str(path))


def reset_postgresql(db: Database) -> None:
    """Empty every table, restore the reference data and the schema revision (a test may
    have faked a newer one), for the next test."""
    tables = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
    with db.engine.begin() as conn:
        conn.exec_driver_sql(f"TRUNCATE {tables} RESTART IDENTITY CASCADE")
        conn.execute(sa.text("UPDATE alembic_version SET version_num = :head"),
                     {"head": head_revision()})
    with db.write() as session:
        sync_reference_data(session)
