"""Alembic migrations of the WareDesk schema (run through `models.db.schema`)."""
