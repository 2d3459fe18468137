"""The big colour band of floor screens: after every scan it flashes green, amber or red with
the message and what to do next, readable from a step away, and with a symbol as well as the
colour so nobody has to tell red from green."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from models.feedback import Feedback, Level

# (flash colour, calm colour after the flash, text colour)
COLOURS = {
    Level.OK: ("#2e7d32", "#e8f5e9", "#ffffff"),
    Level.WARNING: ("#f9a825", "#fff8e1", "#000000"),
    Level.ERROR: ("#c62828", "#ffebee", "#ffffff"),
}
SYMBOLS = {Level.OK: "✔", Level.WARNING: "⚠", Level.ERROR: "✖"}
FLASH_MS = 700
MIN_HEIGHT = 140


class FeedbackFlash(QFrame):
    """Shows one Feedback at a time: a flash of full colour, then a calm tint that stays."""

    def __init__(self, parent: QWidget | None = None, *, flash: bool = True) -> None:
        super().__init__(parent)
        self.setObjectName("feedbackFlash")
        self.flash_enabled = flash
        self.level: Level | None = None
        self.flashing = False
        self._message = QLabel()
        self._next = QLabel()
        for label, size in ((self._message, 26), (self._next, 16)):
            label.setWordWrap(True)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            font = label.font()
            font.setPointSize(size)
            font.setBold(label is self._message)
            label.setFont(font)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 18)
        layout.addWidget(self._message)
        layout.addWidget(self._next)
        self.setMinimumHeight(MIN_HEIGHT)
        self._calm = QTimer(self)
        self._calm.setSingleShot(True)
        self._calm.setInterval(FLASH_MS)
        self._calm.timeout.connect(self._settle)
        self.clear()

    @property
    def message(self) -> str:
        """The text shown now, symbol included."""
        return self._message.text()

    @property
    def next_step(self) -> str:
        """The 'what to do next' line shown now."""
        return self._next.text()

    def show_feedback(self, feedback: Feedback) -> None:
        """Flash the colour of the feedback's level and show its message."""
        self.level = feedback.level
        text = f"{SYMBOLS[feedback.level]}  {feedback.message}"
        font = self._message.font()
        # Big enough to read from a step away, small enough that a long reason still fits.
        font.setPointSize(26 if len(text) <= 60 else 20 if len(text) <= 140 else 15)
        self._message.setFont(font)
        self._message.setText(text)
        self._next.setText(feedback.next_step)
        self._next.setVisible(bool(feedback.next_step))
        if self.flash_enabled:
            self.flashing = True
            self._paint(strong=True)
            self._calm.start()
        else:
            self._settle()
        self._fit_height()  # after painting: the coloured border takes room too

    def resizeEvent(self, event: QResizeEvent) -> None:
        """A narrower band wraps the message onto more lines: grow to keep them whole."""
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._fit_height()

    def _fit_height(self) -> None:
        # A word-wrapped label's minimum size hint is one short line, so a screen short of
        # room squeezed the band and cut a long warning at top and bottom: the height the
        # wrapped text needs at this width is the band's floor instead.
        self.setMinimumHeight(max(MIN_HEIGHT, self.heightForWidth(self.width())))

    def clear(self) -> None:
        """No feedback: a neutral band."""
        self.level = None
        self.flashing = False
        self._message.setText("")
        self._next.setText("")
        self.setStyleSheet("#feedbackFlash { background: palette(base); border-radius: 8px; }")
        self._fit_height()

    def _settle(self) -> None:
        self.flashing = False
        self._paint(strong=False)

    def _paint(self, *, strong: bool) -> None:
        if self.level is None:
            return
        flash, calm, text = COLOURS[self.level]
        background, colour = (flash, text) if strong else (calm, "#202020")
        border = COLOURS[self.level][0]
        self.setStyleSheet(f"#feedbackFlash {{ background: {background}; border: 3px solid "
                           f"{border}; border-radius: 8px; }} QLabel {{ color: {colour}; }}")
