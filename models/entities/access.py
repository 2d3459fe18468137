"""Users, roles, permissions, the audit trail and database-wide settings."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, Column, ForeignKey, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.entities.base import Base, BigId, UtcDateTime, utcnow

role_permission = Table(
    "role_permission",
    Base.metadata,
    Column("role_id", ForeignKey("role.id", ondelete="CASCADE"), primary_key=True),
    Column("permission_code", ForeignKey("permission.code", ondelete="CASCADE"),
           primary_key=True),
)


class Permission(Base):
    """Something a role may do; the codes are `models.permissions.Perm`."""

    __tablename__ = "permission"

    code: Mapped[str] = mapped_column(String(64), primary_key=True)
    description: Mapped[str] = mapped_column(String(255))


class Role(Base):
    """A named set of permissions (admin, supervisor, receiver, ...)."""

    __tablename__ = "role"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    builtin: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")

    permissions: Mapped[list[Permission]] = relationship(secondary=role_permission)


class User(Base):
    """A person who signs in (or the built-in `system` user the command line acts as)."""

    __tablename__ = "app_user"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(255), default="", server_default="")
    # scrypt$N$r$p$salt$hash; empty for accounts that cannot sign in.
    password_hash: Mapped[str] = mapped_column(String(255), default="", server_default="")
    role_id: Mapped[int] = mapped_column(ForeignKey("role.id"))
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default="1")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(UtcDateTime)

    role: Mapped[Role] = relationship()


class AuditEvent(Base):
    """Who did what to which record, when and from which workstation."""

    __tablename__ = "audit_event"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    workstation: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(64))
    entity: Mapped[str] = mapped_column(String(64), default="", server_default="")
    entity_id: Mapped[str] = mapped_column(String(64), default="", server_default="")
    detail: Mapped[str] = mapped_column(Text, default="", server_default="")


class AppSetting(Base):
    """A database-wide setting shared by every workstation (workstation settings are local)."""

    __tablename__ = "app_setting"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
