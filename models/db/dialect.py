"""The few places where SQLite and PostgreSQL need different SQL."""

from __future__ import annotations

from collections import namedtuple
from collections.abc import Iterable, Sequence
from functools import cache
from typing import Any

from sqlalchemy import Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session


def insert_for(session: Session, table: Table) -> Any:
    """An INSERT that supports ON CONFLICT on the session's backend."""
    if session.get_bind().dialect.name == "postgresql":
        return postgresql.insert(table)
    return sqlite.insert(table)


def executemany(session: Session, sql: str, rows: Sequence[Sequence[Any]]) -> int:
    """Run `sql` (written with `?` placeholders) once per row straight through the driver;
    returns the total row count. For the ledger's bulk writes, where building thousands of
    SQLAlchemy parameter sets costs more than the database work."""
    if not rows:
        return 0
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        sql = sql.replace("?", "%s")
    return connection.exec_driver_sql(sql, list(rows)).rowcount


_IDS_PER_QUERY = 10_000  # inside SQLite's 32,766 and PostgreSQL's 65,535 bound parameters


@cache
def _row_type(table: str, columns: tuple[str, ...]) -> type:
    return namedtuple(f"{table}_row", columns)  # type: ignore[misc]


def rows_by_id(session: Session, table: str, columns: Sequence[str],
               ids: Iterable[int | None], *, share_lock: bool = False) -> dict[int, Any]:
    """Named tuples of `columns` (the first is `id`) for the given ids, keyed by id.

    Read through the driver: the ledger loads a row per product and location of a posting,
    and SQLAlchemy's Row objects cost more than the query itself. Values are the driver's
    own (SQLite gives 0/1 for booleans and text for dates). `table` and `columns` are code
    constants, never user input. `share_lock` takes PostgreSQL's FOR SHARE lock on the rows,
    so a transaction changing one of them (blocking a location) is waited for and its result
    seen; SQLite needs none, its writers never overlap.
    """
    wanted = sorted({i for i in ids if i is not None})
    if not wanted:
        return {}
    row_type = _row_type(table, tuple(columns))
    connection = session.connection()
    postgresql = connection.dialect.name == "postgresql"
    mark = "%s" if postgresql else "?"
    lock = " FOR SHARE" if share_lock and postgresql else ""
    cursor = connection.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    found: dict[int, Any] = {}
    try:
        for start in range(0, len(wanted), _IDS_PER_QUERY):
            chunk = wanted[start:start + _IDS_PER_QUERY]
            cursor.execute(f"SELECT {', '.join(columns)} FROM {table} "
                           f"WHERE id IN ({', '.join([mark] * len(chunk))}){lock}", chunk)
            for row in cursor.fetchall():
                found[row[0]] = row_type._make(row)
    finally:
        cursor.close()
    return found
