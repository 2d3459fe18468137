"""Database access: engines, transactions, dialect differences and schema migrations."""

from models.db.database import Database

__all__ = ["Database"]
