"""How an error reaches the person at the screen: a domain error's own words (in the user's
language: app.message_text translates them), or one line for anything unexpected (its
traceback goes to the log file)."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QMessageBox, QWidget

from app.logs import log_path
from app.message_text import translate
from models.errors import WareDeskError

log = logging.getLogger(__name__)


def in_user_language(message: str, language: str | None = None) -> str:
    """A message of models/ as the user reads it: in `language`, else in the language the
    application's translators show (Translators.install sets it as the default locale)."""
    return translate(message, language or QLocale().name())


def error_text(error: BaseException, language: str | None = None) -> str:
    """The one line to show for `error` (a domain error in `language`, else the app's);
    logs the traceback of an unexpected one."""
    if isinstance(error, WareDeskError):
        return in_user_language(str(error), language)
    log.error("unexpected error", exc_info=(type(error), error, error.__traceback__))
    return QCoreApplication.translate(
        "Errors", "Unexpected error: {error}. The details are in {log}."
    ).format(error=f"{type(error).__name__}: {error}", log=log_path())


def show_error(parent: QWidget | None, error: BaseException) -> None:
    """Tell the user about `error` in a message box."""
    QMessageBox.warning(parent, QCoreApplication.translate("Errors", "WareDesk"),
                        error_text(error))
