"""GUI fixtures: the styled application in English, a runner on a SQLite database with the
sample warehouse, and a signed-in workspace."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from app.ops.accounts import SignedIn, sign_in
from app.qt_app import Translators, create_application
from app.runner import Progress, Runner
from app.settings import Settings
from app.workspace import Workspace
from models.db import Database
from tests.gui import sample_data


@pytest.fixture(autouse=True)
def styled_app(qapp):
    """The QApplication as WareDesk sets it up, in English."""
    app = create_application()
    Translators().install("en")
    return app


@pytest.fixture
def sample(sqlite_db: Database) -> sample_data.Sample:
    """The sample warehouse (users admin, alice, pete; password demo1234)."""
    return sample_data.build(sqlite_db)


@pytest.fixture
def runner(sqlite_db: Database) -> Iterator[Runner]:
    worker = Runner(sqlite_db)
    yield worker
    worker.shutdown()


def signed_in(db: Database, username: str) -> SignedIn:
    """Sign `username` in, without a window."""
    return sign_in(username=username, password="demo1234", workstation="PACK-01").work(
        db, Progress())


def make_workspace(runner: Runner, db: Database, username: str) -> Workspace:
    """A workspace for `username` of the sample warehouse."""
    return Workspace(runner, signed_in(db, username), Settings(workstation="PACK-01"),
                     db.description)


@pytest.fixture
def workspace(runner: Runner, sqlite_db: Database, sample) -> Workspace:
    """Alice, a supervisor, signed in at PACK-01."""
    return make_workspace(runner, sqlite_db, "alice")
