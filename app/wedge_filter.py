"""The keyboard-wedge scanner in the GUI: an application-wide Qt event filter that feeds key
presses to the Qt-free WedgeDecoder, keeps scan bursts out of text fields, gives typing back to
the field it was meant for, and announces each scan with the `scanned` signal."""

from __future__ import annotations

import time
from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from devices.scanners.wedge import (
    DATA_CONTROLS,
    KeyKind,
    Keystroke,
    WedgeConfig,
    WedgeDecoder,
    WedgeResult,
)

_MODIFIER_KEYS = frozenset({Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Alt,
                            Qt.Key.Key_Meta, Qt.Key.Key_AltGr, Qt.Key.Key_CapsLock})
_KEYPAD_DIGITS = {getattr(Qt.Key, f"Key_{d}"): str(d) for d in range(10)}
# The pause timer only ends a burst nothing else has ended; a margin over the gap keeps a busy
# event loop from cutting a real burst in two.
_TIMER_MARGIN_MS = 50


@dataclass(frozen=True)
class _Held:
    """A held key press: where it was going, and a copy of it to send there later."""

    widget: QWidget
    event: QKeyEvent


class WedgeFilter(QObject):
    """Install on the QApplication; connect `scanned` to whatever handles scans now."""

    scanned = Signal(str)

    def __init__(self, config: WedgeConfig | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._decoder = WedgeDecoder(config or WedgeConfig())
        self._replaying = False
        self._enabled = True
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._pause_passed)
        self._timer.setInterval(self._interval())

    @property
    def config(self) -> WedgeConfig:
        """The current wedge settings."""
        return self._decoder.config

    def set_config(self, config: WedgeConfig) -> None:
        """Apply new settings; keys held under the old ones are given back first."""
        self._apply(self._decoder.gap_passed())
        self._decoder = WedgeDecoder(config)
        self._timer.setInterval(self._interval())

    def set_enabled(self, enabled: bool) -> None:
        """Turn scan detection off (every key goes straight through) or on."""
        if not enabled:
            self._apply(self._decoder.gap_passed())
        self._enabled = enabled

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Hold, give back or swallow key presses on their way to the focused widget."""
        if self._replaying or not self._enabled:
            return False
        kind = event.type()
        if kind not in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease,
                        QEvent.Type.ShortcutOverride):
            return False
        if not isinstance(event, QKeyEvent) or not self._is_target(watched):
            return False
        if kind == QEvent.Type.ShortcutOverride:
            return self._override_shortcut(event)
        if kind == QEvent.Type.KeyRelease:
            if event.key() != Qt.Key.Key_Alt:
                return False
            stroke = Keystroke(KeyKind.ALT_RELEASE, "", _timestamp(event))
        else:
            stroke = self._keystroke(watched, event)
        result = self._decoder.feed(stroke)
        self._apply(result)
        if self._decoder.holding:
            self._timer.start()
        return result.hold_current

    def _is_target(self, watched: QObject) -> bool:
        # An application filter sees a key once per receiver (window, widget, parents); count
        # it once, at the widget that has the focus.
        if not isinstance(watched, QWidget):
            return False
        focus = QApplication.focusWidget()
        return watched is focus if focus is not None else watched.isWindow()

    def _override_shortcut(self, event: QKeyEvent) -> bool:
        # A plain key (no Ctrl/Alt) that may belong to a scan must reach the decoder, not a
        # one-key shortcut.
        plain = not (event.modifiers() & (Qt.KeyboardModifier.ControlModifier
                                          | Qt.KeyboardModifier.AltModifier))
        if plain and (event.text() or self._decoder.holding):
            event.accept()
            return True
        return False

    def _keystroke(self, widget: QWidget, event: QKeyEvent) -> Keystroke:
        copy = QKeyEvent(QEvent.Type.KeyPress, event.key(), event.modifiers(), event.text(),
                         event.isAutoRepeat(), event.count())
        return Keystroke(_kind(event), _text(event), _timestamp(event), _Held(widget, copy))

    def _apply(self, result: WedgeResult) -> None:
        self._replaying = True
        try:
            for stroke in result.replay:
                held = stroke.handle
                if isinstance(held, _Held) and shiboken6.isValid(held.widget):
                    QApplication.sendEvent(held.widget, held.event)
        finally:
            self._replaying = False
        for scan in result.scans:
            self.scanned.emit(scan)

    def _pause_passed(self) -> None:
        self._apply(self._decoder.gap_passed())

    def _interval(self) -> int:
        return int(self._decoder.config.max_gap_ms) + _TIMER_MARGIN_MS


def _timestamp(event: QKeyEvent) -> float:
    # Window systems stamp key events in milliseconds; synthetic events may carry 0.
    stamp = event.timestamp()
    return float(stamp) if stamp else time.monotonic() * 1000.0


def _kind(event: QKeyEvent) -> KeyKind:
    key, modifiers = event.key(), event.modifiers()
    if key in _MODIFIER_KEYS:
        return KeyKind.MODIFIER
    if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
        return KeyKind.ENTER
    if key == Qt.Key.Key_Tab and not modifiers & Qt.KeyboardModifier.ControlModifier:
        return KeyKind.TAB
    alt_keypad = Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.KeypadModifier
    if (modifiers & alt_keypad) == alt_keypad and key in _KEYPAD_DIGITS:
        return KeyKind.ALT_DIGIT
    text = event.text()
    if len(text) == 1 and (text in DATA_CONTROLS or text.isprintable()):
        command = modifiers & (Qt.KeyboardModifier.ControlModifier
                               | Qt.KeyboardModifier.MetaModifier)
        if not command or text in DATA_CONTROLS:
            return KeyKind.TEXT
    return KeyKind.OTHER


def _text(event: QKeyEvent) -> str:
    if event.key() in _KEYPAD_DIGITS and event.modifiers() & Qt.KeyboardModifier.AltModifier:
        return _KEYPAD_DIGITS[event.key()]
    return event.text()
