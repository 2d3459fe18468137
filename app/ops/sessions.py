"""The two ways an op uses the database: a read-only session, or one write transaction."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from sqlalchemy.orm import Session

from app.runner import Progress, Work
from models.db import Database

T = TypeVar("T")


def reading(query: Callable[[Session], T]) -> Work[T]:
    """Work that runs `query` in a read-only session."""
    def work(db: Database, _progress: Progress) -> T:
        with db.read() as session:
            return query(session)
    return work


def writing(change: Callable[[Session], T]) -> Work[T]:
    """Work that runs `change` in one write transaction, retried on a deadlock or a busy
    database; `change` must be safe to run again."""
    def work(db: Database, _progress: Progress) -> T:
        return db.transact(change)
    return work
