"""From start-up to the main window: sign-in, the first run, and databases that cannot be
opened, driven through the shell as `waredesk` runs it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton
from sqlalchemy import text

from app.gui import Shell
from app.settings import Settings
from models.app_settings import DEMO_LOGIN_HINT, write_setting
from models.db import Database
from models.users import needs_first_admin
from tests.gui import sample_data
from views.database_dialog import DatabaseDialog
from views.first_admin_dialog import FirstAdminDialog
from views.login_dialog import LoginDialog
from views.main_window import MainWindow


@pytest.fixture
def db_path(sqlite_db: Database) -> Path:
    path = Path(sqlite_db.url.removeprefix("sqlite:///"))
    sqlite_db.dispose()
    return path


@pytest.fixture
def start(qtbot, styled_app) -> Iterator:
    """Start a shell on a database URL; it is closed after the test."""
    shells: list[Shell] = []

    def started(url: str) -> Shell:
        shell = Shell(styled_app, Settings(database_url=url, workstation="PACK-01"))
        shell.app.quit = lambda: None  # a test must not stop pytest-qt's application
        shells.append(shell)
        shell.start()
        qtbot.waitUntil(lambda: shell.dialog is not None and shell.dialog.isVisible(),
                        timeout=10_000)
        return shell

    yield started
    for shell in shells:
        if shell.window is not None:
            shell.window.close_for("test")
        if shell.dialog is not None:
            shell.dialog.close()
        shell.close()


def sign_in(qtbot, dialog: LoginDialog, username: str, password: str) -> None:
    qtbot.keyClicks(dialog.username, username)
    qtbot.keyClick(dialog.username, Qt.Key.Key_Return)  # on to the password field
    qtbot.keyClicks(dialog.password, password)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)


def test_wrong_password_shows_the_message_and_the_right_one_opens_the_main_window(
        qtbot, db_path, start):
    sample_data.build(Database(str(db_path)))
    shell = start(str(db_path))
    dialog = shell.dialog
    assert isinstance(dialog, LoginDialog)

    sign_in(qtbot, dialog, "alice", "not-her-password")
    qtbot.waitUntil(lambda: dialog.error.isVisible())
    assert dialog.error.text() == "Wrong user name or password."
    assert dialog.password.text() == "" and shell.window is None

    qtbot.keyClicks(dialog.password, "demo1234")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: shell.window is not None)
    window = shell.window
    assert isinstance(window, MainWindow) and window.isVisible()
    assert not dialog.isVisible()
    assert window.workspace.user.actor.username == "alice"
    assert window.workspace.user.role == "supervisor"


def test_the_sign_in_shows_the_demo_hint_the_database_holds(qtbot, db_path, start):
    db = Database(str(db_path))
    sample_data.build(db)
    with db.write() as s:
        write_setting(s, DEMO_LOGIN_HINT, "Demo data: sign in as admin, password demo1234")
    shell = start(str(db_path))
    assert shell.dialog.hint.isVisible()
    assert shell.dialog.hint.text() == "Demo data: sign in as admin, password demo1234"


def test_without_a_hint_the_sign_in_shows_none(qtbot, db_path, start):
    sample_data.build(Database(str(db_path)))
    shell = start(str(db_path))
    assert not shell.dialog.hint.isVisible()


def test_the_first_run_creates_the_administrator_and_signs_them_in(qtbot, db_path, start):
    shell = start(str(db_path))
    dialog = shell.dialog
    assert isinstance(dialog, FirstAdminDialog)
    assert dialog.username.text() == "admin"
    qtbot.keyClicks(dialog.password, "s3cret-pass")
    qtbot.keyClicks(dialog.repeat, "s3cret-pass")
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: shell.window is not None)
    assert shell.window.workspace.user.role == "admin"
    with Database(str(db_path)).read() as s:
        assert not needs_first_admin(s)


def test_the_first_run_refuses_two_different_passwords(qtbot, db_path, start):
    shell = start(str(db_path))
    dialog = shell.dialog
    qtbot.keyClicks(dialog.password, "s3cret-pass")
    qtbot.keyClicks(dialog.repeat, "s3cret-pasz")
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert dialog.error.isVisible() and "passwords differ" in dialog.error.text()
    assert dialog.repeat.text() == ""


def test_the_first_run_says_when_the_password_is_too_short(qtbot, db_path, start):
    shell = start(str(db_path))
    dialog = shell.dialog
    qtbot.keyClicks(dialog.password, "short")
    qtbot.keyClicks(dialog.repeat, "short")
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.error.isVisible())
    assert dialog.error.text() == "The password needs at least 8 characters."
    assert shell.window is None


def test_a_database_from_a_newer_waredesk_is_explained_in_a_dialog(qtbot, db_path, start):
    db = Database(str(db_path))
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = 'fffffffff999'"))
    db.dispose()
    shell = start(str(db_path))
    dialog = shell.dialog
    assert isinstance(dialog, DatabaseDialog)
    message = dialog.findChild(QLabel, "database_error")
    assert "was upgraded by a newer WareDesk" in message.text()
    assert "Traceback" not in message.text()


def test_an_unreachable_database_can_be_swapped_for_another_from_the_dialog(
        qtbot, db_path, start):
    sample_data.build(Database(str(db_path)))
    shell = start("postgresql://nobody@127.0.0.1:1/nothing")
    dialog = shell.dialog
    assert isinstance(dialog, DatabaseDialog)
    message = dialog.findChild(QLabel, "database_error")
    assert message.text().startswith("Cannot reach the database (PostgreSQL nobody@127.0.0.1:1")
    dialog.url_edit.setText(str(db_path))
    dialog.accept()
    qtbot.waitUntil(lambda: isinstance(shell.dialog, LoginDialog) and shell.dialog.isVisible(),
                    timeout=10_000)
    assert Settings.load().database_url == str(db_path)


def test_signing_out_goes_back_to_the_sign_in(qtbot, db_path, start):
    sample_data.build(Database(str(db_path)))
    shell = start(str(db_path))
    sign_in(qtbot, shell.dialog, "pete", "demo1234")
    qtbot.waitUntil(lambda: shell.window is not None)
    qtbot.mouseClick(shell.window.findChild(QPushButton, "sign_out"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: shell.window is None and shell.dialog is not None
                    and shell.dialog.isVisible())
    assert isinstance(shell.dialog, LoginDialog)


def test_escape_on_the_sign_in_starts_over_instead_of_quitting(qtbot, db_path, start):
    sample_data.build(Database(str(db_path)))
    shell = start(str(db_path))
    dialog = shell.dialog
    qtbot.keyClicks(dialog.username, "alice")
    qtbot.keyClicks(dialog.password, "half")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Escape)
    assert dialog.isVisible()
    assert (dialog.username.text(), dialog.password.text()) == ("", "")
