"""How an error reaches the person at the screen: a domain error's own words, or one line for
anything unexpected (its traceback goes to the log file)."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from app.logs import log_path
from models.errors import WareDeskError

log = logging.getLogger(__name__)


def error_text(error: BaseException) -> str:
    """The one line to show for `error`; logs the traceback of an unexpected one."""
    if isinstance(error, WareDeskError):
        return str(error)
    log.error("unexpected error", exc_info=(type(error), error, error.__traceback__))
    return QCoreApplication.translate(
        "Errors", "Unexpected error: {error}. The details are in {log}."
    ).format(error=f"{type(error).__name__}: {error}", log=log_path())


def show_error(parent: QWidget | None, error: BaseException) -> None:
    """Tell the user about `error` in a message box."""
    QMessageBox.warning(parent, QCoreApplication.translate("Errors", "WareDesk"),
                        error_text(error))
