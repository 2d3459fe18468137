"""Signing in, and managing users and their roles."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from models import audit
from models.actor import Actor
from models.entities import Role, User, utcnow
from models.errors import InputError, NotFound, PermissionDenied
from models.passwords import hash_password, needs_rehash, verify_password
from models.permissions import Perm
from models.reference_data import SYSTEM_USERNAME

MIN_PASSWORD_LENGTH = 8
_USERNAME = re.compile(r"^[\w.@-]{2,64}$")


class LoginFailed(PermissionDenied):
    """Wrong user name or password, or a disabled account."""


def actor_for(session: Session, user: User, workstation: str) -> Actor:
    """The Actor for a user, with their role's permissions."""
    role = session.scalars(
        select(Role).options(selectinload(Role.permissions)).where(Role.id == user.role_id)
    ).one()
    return Actor(user_id=user.id, username=user.username, workstation=workstation,
                 permissions=frozenset(Perm(p.code) for p in role.permissions
                                       if p.code in Perm._value2member_map_))


def system_actor(session: Session, workstation: str) -> Actor:
    """The built-in `system` user the command line acts as."""
    user = session.scalars(select(User).where(User.username == SYSTEM_USERNAME)).one()
    return actor_for(session, user, workstation)


def authenticate(session: Session, username: str, password: str, workstation: str) -> Actor:
    """Check a user name and password; return the signed-in Actor or raise LoginFailed."""
    user = session.scalars(
        select(User).where(func.lower(User.username) == username.strip().lower())
    ).one_or_none()
    ok = (user is not None and user.active and user.username != SYSTEM_USERNAME
          and bool(user.password_hash) and verify_password(password, user.password_hash))
    if not ok:
        audit.record(session, None, "login.failed", entity="user", entity_id=username.strip(),
                     workstation=workstation)
        raise LoginFailed("Wrong user name or password.")
    assert user is not None
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    user.last_login_at = utcnow()
    actor = actor_for(session, user, workstation)
    audit.record(session, actor, "login", entity="user", entity_id=user.id)
    return actor


def needs_first_admin(session: Session) -> bool:
    """True until someone other than `system` can sign in: the first run must create one."""
    return session.scalar(
        select(func.count()).select_from(User)
        .where(User.username != SYSTEM_USERNAME, User.active.is_(True))
    ) == 0


def _check_new_user(session: Session, username: str, password: str) -> None:
    if not _USERNAME.match(username):
        raise InputError("A user name is 2 to 64 letters, digits, '.', '-', '_' or '@'.")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InputError(f"The password needs at least {MIN_PASSWORD_LENGTH} characters.")
    taken = session.scalar(select(User.id).where(func.lower(User.username) == username.lower()))
    if taken is not None:
        raise InputError(f"There is already a user called {username}.")


def _role(session: Session, name: str) -> Role:
    role = session.scalars(select(Role).where(Role.name == name)).one_or_none()
    if role is None:
        names = ", ".join(session.scalars(select(Role.name).order_by(Role.name)))
        raise NotFound(f"There is no role called {name}; the roles are: {names}.")
    return role


def create_user(session: Session, actor: Actor, *, username: str, password: str, role: str,
                display_name: str = "") -> User:
    """Create a user with a role; needs the users.manage permission."""
    actor.require(Perm.USERS_MANAGE)
    username = username.strip()
    _check_new_user(session, username, password)
    user = User(username=username, display_name=display_name or username,
                password_hash=hash_password(password), role_id=_role(session, role).id)
    session.add(user)
    session.flush()
    audit.record(session, actor, "user.create", entity="user", entity_id=user.id,
                 username=username, role=role)
    return user


def create_first_admin(session: Session, *, username: str, password: str,
                       workstation: str) -> Actor:
    """On first run (no user can sign in yet), create an administrator and sign them in."""
    if not needs_first_admin(session):
        raise PermissionDenied("An administrator exists already; sign in as them instead.")
    username = username.strip()
    _check_new_user(session, username, password)
    user = User(username=username, display_name=username, password_hash=hash_password(password),
                role_id=_role(session, "admin").id)
    session.add(user)
    session.flush()
    actor = actor_for(session, user, workstation)
    audit.record(session, actor, "user.create_first_admin", entity="user", entity_id=user.id)
    return actor


@dataclass(frozen=True)
class UserProfile:
    """How a signed-in user is named on screen."""

    username: str
    display_name: str
    role: str


def user_profile(session: Session, user_id: int) -> UserProfile:
    """The user's names and role, for the status bar."""
    row = session.execute(select(User.username, User.display_name, Role.name)
                          .join(Role, Role.id == User.role_id).where(User.id == user_id)).one()
    return UserProfile(row.username, row.display_name or row.username, row.name)
