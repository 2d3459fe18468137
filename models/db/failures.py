"""Database failures: which are worth retrying, and what to tell the user about the rest."""

from __future__ import annotations

from sqlalchemy.exc import DBAPIError, OperationalError

# PostgreSQL: serialization_failure, deadlock_detected, lock_not_available.
_RETRY_SQLSTATES = {"40001", "40P01", "55P03"}


def is_retryable(exc: BaseException) -> bool:
    """True for failures that go away when the transaction is simply run again."""
    if not isinstance(exc, DBAPIError):
        return False
    sqlstate = getattr(exc.orig, "sqlstate", None)
    if sqlstate in _RETRY_SQLSTATES:
        return True
    return isinstance(exc, OperationalError) and "database is locked" in str(exc.orig)


def describe_failure(exc: DBAPIError, url_description: str) -> str:
    """One line a user can act on, for a failure that is not a WareDesk domain error."""
    text = str(exc.orig).strip().splitlines()[0] if exc.orig is not None else str(exc)
    if isinstance(exc, OperationalError):
        if "database is locked" in text:
            return (f"The database ({url_description}) stayed locked by another workstation "
                    "for 30 seconds; try again.")
        if "connection" in text.lower() or "could not" in text.lower():
            return f"Cannot reach the database ({url_description}): {text}"
    return f"Database error ({url_description}): {text}"
