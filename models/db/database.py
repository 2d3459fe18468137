"""The database a WareDesk process works against: sessions for reading and for writing."""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from models.db.engine import WRITE_OPTION, make_engine
from models.db.failures import describe_failure, is_retryable
from models.db.url import describe_url, normalize_url
from models.errors import DatabaseError

T = TypeVar("T")


class Database:
    """One database (SQLite file or PostgreSQL server) and the sessions opened on it."""

    def __init__(self, url: str, *, engine: Engine | None = None) -> None:
        self.url = normalize_url(url)
        self.engine = engine or make_engine(self.url)
        self._reader = sessionmaker(self.engine, expire_on_commit=False)
        self._writer = sessionmaker(
            self.engine.execution_options(**{WRITE_OPTION: True}), expire_on_commit=False
        )

    @property
    def backend(self) -> str:
        """'sqlite' or 'postgresql'."""
        return self.engine.dialect.name

    @property
    def description(self) -> str:
        """Where the data lives, without a password: for status bars and messages."""
        return describe_url(self.url)

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for queries; nothing it does is committed."""
        # Closing the session rolls its transaction back.
        with self._translated(), self._reader() as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A session whose work is committed at the end of the block, or rolled back on error."""
        with self._translated(), self._writer() as session, session.begin():
            yield session

    def transact(self, work: Callable[[Session], T], *, attempts: int = 5) -> T:
        """Run `work` in one write transaction, again if it hit a deadlock or a busy database.

        `work` must be safe to run twice: it is rolled back before it is retried.
        """
        for attempt in range(1, attempts + 1):
            try:
                with self._writer() as session, session.begin():
                    return work(session)
            except DBAPIError as exc:
                if attempt < attempts and is_retryable(exc):
                    time.sleep(random.uniform(0.01, 0.05) * attempt)
                    continue
                raise DatabaseError(describe_failure(exc, self.description)) from exc
        raise AssertionError("unreachable")

    def dispose(self) -> None:
        """Close every pooled connection (before a restore, at exit, after a fork)."""
        self.engine.dispose()

    @contextmanager
    def _translated(self) -> Iterator[None]:
        try:
            yield
        except DBAPIError as exc:
            raise DatabaseError(describe_failure(exc, self.description)) from exc
