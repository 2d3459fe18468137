"""Warehouse BIG for the floor-workflow benchmarks: a fresh database on the fixture's backend,
filled with `skus` products (one receipt move each) and analysed, as `waredesk demo --skus`
would leave it."""

from __future__ import annotations

import time

import pytest

from models.db import Database
from models.db.schema import upgrade
from models.demo.bulk import BulkSize, fill
from tests import backends


def big_warehouse(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
                  skus: int) -> Database:
    """The database of `request.param` ("sqlite" or "postgresql") holding warehouse BIG."""
    if request.param == "sqlite":
        db = Database(str(tmp_path_factory.mktemp("big") / "big.sqlite"))
        upgrade(db)
    else:
        # The session's PostgreSQL database is shared: empty it, another module filled it.
        db = request.getfixturevalue("pg_db")
        backends.reset_postgresql(db)
    started = time.perf_counter()
    fill(db, BulkSize(products=skus, bins=max(skus // 20, 100), moves=skus))
    analyse(db)
    print(f"\n{db.backend}: built {skus:,} SKUs in {time.perf_counter() - started:.0f} s")
    return db


def analyse(db: Database) -> None:
    """Refresh the planner's statistics after a bulk fill, as a DBA would."""
    if db.backend == "sqlite":
        with db.write() as s:
            s.connection().exec_driver_sql("ANALYZE")
    else:
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("ANALYZE")
