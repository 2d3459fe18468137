"""The entry field of floor screens: typed quantities, lots and barcodes, confirmed with Enter.

A QLineEdit keeps Ctrl+Z for undoing its own typing; on a floor screen Ctrl+Z undoes the last
scan, so the field lets that key through to the screen's shortcut."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QLineEdit


class FloorEntry(QLineEdit):
    """A line edit that leaves Undo to the floor screen."""

    def event(self, event: QEvent) -> bool:
        """Decline the shortcut override for Undo, so the screen's Ctrl+Z fires."""
        if (event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent)
                and event.matches(QKeySequence.StandardKey.Undo)):
            event.ignore()
            return False
        return super().event(event)
