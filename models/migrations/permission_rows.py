"""Adding a permission in a migration: roles that existed before it get it once there (later
edits of a role are left alone by the reference data sync; a new database gets it from the
built-in roles). Migrations call this, so its SQL must keep doing exactly this."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import sqlalchemy as sa
from sqlalchemy.engine import Connection


def add_permissions(conn: Connection,
                    permissions: Mapping[str, tuple[str, Iterable[str]]]) -> None:
    """Insert each code -> (description, roles) and grant it to those roles."""
    # Guarded: reference data written by a newer WareDesk may already hold these rows.
    for code, (description, roles) in permissions.items():
        conn.execute(sa.text(
            "INSERT INTO permission (code, description) "
            "SELECT CAST(:c AS VARCHAR(64)), CAST(:d AS VARCHAR(255)) WHERE NOT EXISTS "
            "(SELECT 1 FROM permission WHERE code = :c)"),
            {"c": code, "d": description})
        for role in roles:
            conn.execute(sa.text(
                "INSERT INTO role_permission (role_id, permission_code) "
                "SELECT id, CAST(:c AS VARCHAR(64)) FROM role WHERE name = :r AND NOT EXISTS "
                "(SELECT 1 FROM role_permission rp WHERE rp.role_id = role.id "
                "AND rp.permission_code = :c)"),
                {"c": code, "r": role})


def drop_permissions(conn: Connection, codes: Iterable[str]) -> None:
    """Take the permissions from every role and delete them."""
    for code in codes:
        conn.execute(sa.text("DELETE FROM role_permission WHERE permission_code = :c"),
                     {"c": code})
        conn.execute(sa.text("DELETE FROM permission WHERE code = :c"), {"c": code})
