"""Fixtures shared by every test folder: databases on both backends and a signed-in actor."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from devices.sim.printer9100 import SimulatedPrinter
from models.actor import Actor
from models.db import Database
from models.db.schema import upgrade
from models.users import system_actor
from tests import backends

BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture(autouse=True)
def _private_home(tmp_path_factory: pytest.TempPathFactory,
                  monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep every test away from the real data folder, settings and WAREDESK_DB_URL."""
    monkeypatch.setenv("WAREDESK_HOME", str(tmp_path_factory.mktemp("home")))
    monkeypatch.delenv("WAREDESK_DB_URL", raising=False)


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return backends.migrated_sqlite_template(tmp_path_factory.mktemp("template"))


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    reason = backends.pg_unavailable_reason()
    if reason is not None:
        if backends.PG_REQUIRED:
            pytest.fail(f"WAREDESK_REQUIRE_PG=1 but {reason}", pytrace=False)
        pytest.skip(reason)
    with backends.pg_database() as url:
        yield url


@pytest.fixture(scope="session")
def pg_db(pg_url: str) -> Iterator[Database]:
    db = Database(pg_url)
    upgrade(db)
    yield db
    db.dispose()


@pytest.fixture(params=BACKENDS)
def db(request: pytest.FixtureRequest, tmp_path: Path, sqlite_template: Path) -> Iterator[Database]:
    """An empty, migrated WareDesk database on each backend."""
    if request.param == "sqlite":
        database = backends.fresh_sqlite(sqlite_template, tmp_path)
        yield database
        database.dispose()
    else:
        database = request.getfixturevalue("pg_db")
        backends.reset_postgresql(database)
        yield database


@pytest.fixture
def sqlite_db(tmp_path: Path, sqlite_template: Path) -> Iterator[Database]:
    """An empty, migrated SQLite database, for tests that need only one backend."""
    database = backends.fresh_sqlite(sqlite_template, tmp_path)
    yield database
    database.dispose()


@pytest.fixture
def printer() -> Iterator[SimulatedPrinter]:
    """A simulated network label printer on a free loopback port."""
    sim = SimulatedPrinter()
    yield sim
    sim.close()


@pytest.fixture
def actor(db: Database) -> Actor:
    """The built-in system user (every permission) at workstation 'test-ws'."""
    with db.read() as session:
        return system_actor(session, "test-ws")
