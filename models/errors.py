"""Domain errors: each carries a message a warehouse worker or an administrator can act on."""

from __future__ import annotations


class WareDeskError(Exception):
    """Base of every error the user should see as-is (no traceback)."""

    #: Exit status of the command line for this kind of error: 2 bad input, 1 failure.
    exit_code = 1


class InputError(WareDeskError):
    """The request itself is wrong: a bad value, a missing field, an unknown code."""

    exit_code = 2


class NotFound(InputError):
    """Something named by the user does not exist."""


class InsufficientStock(WareDeskError):
    """A move would take more than is available (on hand minus reserved)."""


class BlockedLocation(WareDeskError):
    """A location is blocked (for example while it is being counted)."""


class PermissionDenied(WareDeskError):
    """The signed-in user's role does not allow the operation."""


class IdempotencyConflict(WareDeskError):
    """An idempotency key was reused for a different request."""


class DatabaseError(WareDeskError):
    """The database cannot be used: unreachable, wrong schema, locked."""


class SchemaTooNew(DatabaseError):
    """The database was upgraded by a newer WareDesk than this one."""
