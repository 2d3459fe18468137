"""Signing in, and creating the first administrator."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from app.ops.sessions import writing
from app.runner import Op, Progress
from models.actor import Actor
from models.db import Database
from models.users import (
    LoginFailed,
    authenticate,
    create_first_admin,
    user_profile,
)


@dataclass(frozen=True)
class SignedIn:
    """The person working at this window: their permissions, names and role."""

    actor: Actor
    display_name: str
    role: str


def _signed_in(session: Session, actor: Actor) -> SignedIn:
    profile = user_profile(session, actor.user_id)
    return SignedIn(actor, profile.display_name, profile.role)


def sign_in(*, username: str, password: str, workstation: str) -> Op[SignedIn]:
    """Check the user name and password; the op fails with LoginFailed when they are wrong."""
    def change(session: Session) -> SignedIn | LoginFailed:
        try:
            return _signed_in(session, authenticate(session, username, password, workstation))
        except LoginFailed as exc:
            # Returned, not raised, so the failed attempt's audit record is committed.
            return exc

    def work(db: Database, progress: Progress) -> SignedIn:
        outcome = writing(change)(db, progress)
        if isinstance(outcome, LoginFailed):
            raise outcome
        return outcome

    return Op.change(work, changes={"users"})


def create_administrator(*, username: str, password: str, workstation: str) -> Op[SignedIn]:
    """On the first run, create the administrator account and sign them in."""
    return Op.change(writing(lambda session: _signed_in(session, create_first_admin(
        session, username=username, password=password, workstation=workstation))),
        changes={"users"})
