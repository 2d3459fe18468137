"""`waredesk` with no command: open the database, sign in, show the main window.

The database is opened and its schema upgraded on the runner's worker thread (with a progress
window if that takes a moment: a first run, an upgrade after a backup), then the sign-in or
first-run dialog appears. A database that cannot be opened is explained in a dialog that lets
the user try again or choose another one, never with a traceback.
"""

from __future__ import annotations

import logging
import os
import time
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication, QDialog

from app.cli.context import CliContext
from app.device_bridge import DeviceBridge
from app.device_settings import DeviceSettings
from app.error_display import error_text
from app.ops.accounts import SignedIn
from app.ops.startup import DatabaseState, open_database
from app.paths import data_dir
from app.qt_app import Translators, create_application
from app.runner import Runner
from app.settings import Settings, database_url
from app.workspace import Workspace
from devices.sound import SoundPlayer
from models.db import Database
from models.errors import WareDeskError

if TYPE_CHECKING:
    from views.main_window import MainWindow

log = logging.getLogger(__name__)


class Shell:
    """Walks the user from start-up through sign-in to the main window, and back on sign-out,
    a language switch or a change of database."""

    def __init__(self, app: QApplication, settings: Settings, *,
                 db_option: str | None = None) -> None:
        self.app = app
        self.settings = settings
        self.db_option = db_option
        self.translators = Translators()
        self.translators.install(settings.language)
        self.db: Database | None = None
        self.runner: Runner | None = None
        self.state: DatabaseState | None = None
        self.window: MainWindow | None = None  # once someone signed in
        devices = DeviceSettings.of(settings)
        self.sounds = SoundPlayer(data_dir() / "sound-cache", volume=devices.feedback.volume,
                                  enabled=devices.feedback.sounds)
        self.devices: DeviceBridge | None = None  # started at the first sign-in
        self.dialog: QDialog | None = None  # the sign-in or first-run dialog on screen
        self.on_dialog_shown = lambda dialog: None  # for start-up timing

    # --- database ----------------------------------------------------------------------------

    @property
    def url(self) -> str:
        """The database this workstation uses: --db, WAREDESK_DB_URL, settings, or embedded."""
        return database_url(self.db_option, self.settings)

    def start(self) -> None:
        """Open the database in the background; the sign-in follows."""
        self._close_database()
        try:
            self.db = Database(self.url)
        except WareDeskError as exc:
            self._database_failed(exc)
            return
        self.runner = Runner(self.db)
        open_database() \
            .with_progress(self.app.translate("Startup", "Opening the database…")) \
            .success(self._database_opened).failure(self._database_failed) \
            .run_in_background(self.runner)

    def _database_failed(self, error: BaseException) -> None:
        from views.database_dialog import DatabaseDialog

        self._close_database()
        dialog = DatabaseDialog(message=error_text(error), url=self.url)
        dialog.accepted.connect(lambda: self._use_database(dialog.url()))
        dialog.rejected.connect(self.app.quit)
        self.dialog = dialog
        dialog.show()

    def _use_database(self, url: str) -> None:
        if url and url != self.url:
            # An explicit --db or WAREDESK_DB_URL stays for this run; the settings keep the URL.
            self.db_option = url if (self.db_option or os.environ.get("WAREDESK_DB_URL")) \
                else None
            if self.db_option is None:
                self.settings.database_url = url
                self.settings.save()
        self.start()

    def _close_database(self) -> None:
        if self.runner is not None:
            self.runner.shutdown()
            self.runner = None
        if self.db is not None:
            self.db.dispose()
            self.db = None

    # --- signing in --------------------------------------------------------------------------

    def _database_opened(self, state: DatabaseState) -> None:
        self.state = state
        if state.upgraded_from is not None:
            log.info("upgraded the database schema from %s (backup: %s)", state.upgraded_from,
                     state.backup)
        self.show_sign_in()

    def show_sign_in(self) -> None:
        """The first-run dialog on an empty database, else the sign-in dialog."""
        from views.first_admin_dialog import FirstAdminDialog
        from views.login_dialog import LoginDialog

        assert self.runner is not None and self.state is not None
        workstation = self.settings.workstation
        if self.state.needs_first_admin:
            dialog: QDialog = FirstAdminDialog(self.runner, workstation=workstation,
                                               database=self.state.description)
        else:
            dialog = LoginDialog(self.runner, workstation=workstation,
                                 database=self.state.description, hint=self.state.login_hint)
            dialog.change_database.connect(self._choose_database)
        dialog.accepted.connect(lambda: self._signed_in(dialog.signed_in))
        dialog.rejected.connect(self._dialog_rejected)
        self.dialog = dialog
        dialog.show()
        self.on_dialog_shown(dialog)

    def _dialog_rejected(self) -> None:
        if self.window is None:
            self.app.quit()

    def _choose_database(self) -> None:
        from views.database_dialog import DatabaseDialog

        sign_in = self.dialog
        chooser = DatabaseDialog(message="", url=self.url, parent=sign_in)

        def chosen() -> None:
            if chooser.url() == self.url:
                return
            if sign_in is not None:
                sign_in.hide()
                sign_in.deleteLater()
            self._use_database(chooser.url())

        chooser.accepted.connect(chosen)
        chooser.open()

    def _signed_in(self, user: SignedIn | None) -> None:
        assert user is not None and self.runner is not None and self.db is not None
        self.dialog = None
        if self.devices is None:
            self.devices = DeviceBridge(DeviceSettings.of(self.settings))
        self.workspace = Workspace(self.runner, user, self.settings, self.db.description,
                                   on_language_changed=self.rebuild_window,
                                   reopen=self.reopen, devices=self.devices,
                                   sounds=self.sounds)
        self._open_window()

    # --- the main window ---------------------------------------------------------------------

    def _open_window(self, page: str | None = None) -> None:
        from views.main_window import MainWindow

        window = MainWindow(self.workspace)
        window.closed.connect(self._window_closed)
        if page is not None:
            window.show_page(page)
        self.window = window
        if self.devices is not None:
            self.devices.listen_to_keyboard(True)
        window.show()

    def _window_closed(self, reason: str) -> None:
        self.window = None
        if self.devices is not None:
            self.devices.listen_to_keyboard(False)  # the sign-in dialog gets every key
        if reason == "sign_out":
            self.show_sign_in()
        elif reason == "quit":
            self.app.quit()

    def rebuild_window(self) -> None:
        """Show the window again in the language just chosen, on the same page."""
        self.translators.install(self.settings.language)
        old = self.window
        page = None
        if old is not None:
            page = old.current_key()
            old.close_for("rebuild")
        self._open_window(page)

    def reopen(self) -> None:
        """Sign out and open the database the settings now name (after a settings change)."""
        if self.window is not None:
            self.window.close_for("reopen")
        self.translators.install(self.settings.language)
        self.start()

    def close(self) -> None:
        """Stop the worker, release the database and the devices."""
        self._close_database()
        if self.devices is not None:
            self.devices.stop()


def run_gui(ctx: CliContext) -> int:
    """Run the app until its window is closed; returns the exit status."""
    started = time.perf_counter()
    app = create_application()
    app.setQuitOnLastWindowClosed(False)  # the shell decides: sign-out is not quitting
    shell = Shell(app, ctx.settings, db_option=ctx.db_option)
    shell.on_dialog_shown = lambda dialog: log.info(
        "sign-in window shown %.0f ms after start", (time.perf_counter() - started) * 1000)
    shell.start()
    try:
        return app.exec()
    finally:
        shell.close()
