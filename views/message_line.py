"""The line under a page's buttons that says how the last thing done went: in the style
sheet's "ok" tone when it went well, its "error" tone for a problem."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from app.error_display import error_text


class MessageLine(QLabel):
    """A word-wrapped notice; `fail` shows an error in the user's language."""

    def __init__(self, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._language = language
        self.setWordWrap(True)

    def _show(self, text: str, tone: str) -> None:
        self.setProperty("tone", tone)
        self.style().unpolish(self)
        self.style().polish(self)
        self.setText(text)

    def say(self, text: str) -> None:
        """Say what just went well."""
        self._show(text, "ok")

    def note(self, text: str) -> None:
        """Say something neither good nor bad."""
        self._show(text, "")

    def fail(self, error: BaseException) -> None:
        """Say what went wrong."""
        self._show(error_text(error, self._language), "error")
