"""Telling a keyboard-wedge scanner's burst of keys from a person typing, by key timestamps.

A scanner types a whole code in a few milliseconds per key and ends it with Enter or Tab; a
person leaves 80 ms or more between keys. The decoder holds each typed key for at most
`max_gap_ms`: if the next key comes sooner the burst grows, otherwise the held keys are given
back to the focused field, in order, as typing. A burst of at least `min_length` characters
that ends in a terminator within the gap is a scan, and none of its keys reach the field.
With a prefix configured, keys that do not start with it are given back at once (no delay).

The decoder knows no Qt: the application feeds it Keystrokes and replays what it gives back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

GS = "\x1d"
# Control characters a scanner legitimately sends inside a code (GS1 and ISO 15434 separators).
DATA_CONTROLS = frozenset({GS, "\x1e", "\x04"})


class KeyKind(StrEnum):
    """What a key press is, as far as scanning is concerned."""

    TEXT = "text"          # a character (including GS sent as Ctrl+])
    ENTER = "enter"
    TAB = "tab"
    MODIFIER = "modifier"  # Shift, Ctrl, Alt pressed alone: scanners press Shift for capitals
    ALT_DIGIT = "alt_digit"  # a keypad digit typed while Alt is held (Alt+0029 is GS)
    ALT_RELEASE = "alt_release"
    OTHER = "other"        # arrows, function keys, shortcuts


@dataclass(frozen=True)
class Keystroke:
    """One key press; `handle` is the application's own copy of the event, for replay."""

    kind: KeyKind
    text: str
    at_ms: float
    handle: object = None


@dataclass(frozen=True)
class WedgeConfig:
    """How this workstation's wedge scanner types."""

    min_length: int = 4
    max_gap_ms: float = 50.0
    prefix: str = ""
    suffix: str = ""
    terminators: frozenset[KeyKind] = frozenset({KeyKind.ENTER, KeyKind.TAB})

    def __post_init__(self) -> None:
        if self.min_length < 1 or self.max_gap_ms <= 0:
            raise ValueError("min_length must be at least 1 and max_gap_ms more than 0")
        if not self.terminators and not self.suffix and not self.max_gap_ms:
            raise ValueError("a scan needs a terminator, a suffix or a gap to end")


@dataclass(frozen=True)
class WedgeResult:
    """What to do after a key: replay `replay` to the focused widget (in order), deliver
    `scans`, and hold the current key back (`hold_current`) or let it through."""

    replay: tuple[Keystroke, ...] = ()
    scans: tuple[str, ...] = ()
    hold_current: bool = False


@dataclass
class WedgeDecoder:
    """Feed it every key press; it says which keys are typing and which bursts are scans."""

    config: WedgeConfig = field(default_factory=WedgeConfig)
    _held: list[Keystroke] = field(default_factory=list)
    _last_at: float = 0.0
    _alt_code: str = ""
    _alt_char: str = ""  # the character just made from Alt+digits, in case the OS sends it too
    _scan_ended_at: float | None = None  # a terminator right after a scan belongs to it

    @property
    def holding(self) -> bool:
        """True while keys are held back waiting for the next one."""
        return bool(self._held)

    def feed(self, key: Keystroke) -> WedgeResult:
        """Take one key press."""
        if key.kind is KeyKind.MODIFIER:
            return WedgeResult()
        if key.kind is KeyKind.ALT_DIGIT:
            self._alt_code += key.text
            return WedgeResult(hold_current=bool(self._held))
        if key.kind is KeyKind.ALT_RELEASE:
            return self._alt_released(key)
        if key.kind is KeyKind.TEXT and key.text == self._alt_char:
            return self._composed(key)
        self._alt_char = ""
        if self._trails_a_scan(key):
            return WedgeResult(hold_current=True)
        late = bool(self._held) and key.at_ms - self._last_at > self.config.max_gap_ms
        before = self._finish() if late else WedgeResult()
        if key.kind is KeyKind.TEXT:
            return _merge(before, self._add(key))
        if key.kind in self.config.terminators and self._held:
            return _merge(before, self._terminate(key))
        return _merge(before, WedgeResult(replay=self._release()))

    def gap_passed(self) -> WedgeResult:
        """Called when no key came for longer than the gap: the held burst is over."""
        if not self._held:
            return WedgeResult()
        return self._finish()

    def _add(self, key: Keystroke) -> WedgeResult:
        prefix = self.config.prefix
        typed = self._text() + key.text
        if prefix and not (typed.startswith(prefix) or prefix.startswith(typed)):
            return WedgeResult(replay=self._release())  # typing: this key goes through at once
        self._held.append(key)
        self._last_at = key.at_ms
        suffix = self.config.suffix
        if suffix and typed.endswith(suffix):
            scan = self._as_scan()
            if scan is not None:
                return self._complete(scan, key.at_ms)
        return WedgeResult(hold_current=True)

    def _trails_a_scan(self, key: Keystroke) -> bool:
        """A terminator (or a second one, CR LF) that comes right after a completed scan."""
        ended, self._scan_ended_at = self._scan_ended_at, None
        if ended is None or key.kind not in (KeyKind.ENTER, KeyKind.TAB):
            return False
        if key.at_ms - ended > self.config.max_gap_ms:
            return False
        self._scan_ended_at = key.at_ms
        return True

    def _complete(self, scan: str, at_ms: float) -> WedgeResult:
        self._held.clear()
        self._scan_ended_at = at_ms
        return WedgeResult(scans=(scan,), hold_current=True)

    def _alt_released(self, key: Keystroke) -> WedgeResult:
        code, self._alt_code = self._alt_code, ""
        if not code:
            return WedgeResult()
        char = chr(int(code) % 256)
        self._alt_char = char
        return self._add(Keystroke(KeyKind.TEXT, char, key.at_ms))

    def _composed(self, key: Keystroke) -> WedgeResult:
        """The OS sent the character of an Alt+digits sequence already counted: keep its event
        in place of the made-up key, so it can be replayed if this turns out to be typing."""
        self._alt_char = ""
        for i in range(len(self._held) - 1, -1, -1):
            if self._held[i].handle is None and self._held[i].text == key.text:
                self._held[i] = key
                return WedgeResult(hold_current=True)
        return WedgeResult()

    def _terminate(self, key: Keystroke) -> WedgeResult:
        scan = self._as_scan()
        if scan is None:
            return WedgeResult(replay=self._release())
        return self._complete(scan, key.at_ms)

    def _finish(self) -> WedgeResult:
        """The burst ended by a pause: a scan only for scanners set up without terminators."""
        scan = None if self.config.terminators else self._as_scan()
        if scan is not None:
            return WedgeResult(scans=self._complete(scan, self._last_at).scans)
        return WedgeResult(replay=self._release())

    def _as_scan(self) -> str | None:
        text = self._text()
        prefix, suffix = self.config.prefix, self.config.suffix
        if not text.startswith(prefix) or not text.endswith(suffix):
            return None
        text = text[len(prefix):len(text) - len(suffix)]
        return text if len(text) >= self.config.min_length else None

    def _text(self) -> str:
        return "".join(k.text for k in self._held)

    def _release(self) -> tuple[Keystroke, ...]:
        # Keys made up from Alt+digits have no event of their own to replay.
        released = tuple(k for k in self._held if k.handle is not None)
        self._held.clear()
        return released


def _merge(first: WedgeResult, second: WedgeResult) -> WedgeResult:
    return WedgeResult(replay=first.replay + second.replay, scans=first.scans + second.scans,
                       hold_current=second.hold_current)
