"""Cutting a byte stream into frames: CR, LF, CR LF, either line end, or a custom terminator
(ETX, `#`...). Partial reads are kept until their frame is complete."""

from __future__ import annotations

from dataclasses import dataclass, field

FRAMINGS = {"cr": b"\r", "lf": b"\n", "crlf": b"\r\n", "any": b""}
MAX_FRAME = 4096


def terminator_bytes(framing: str, custom: str = "") -> bytes:
    """The terminator for a framing name; `custom` text may use \\xNN escapes (`\\x03`)."""
    if framing == "custom":
        if not custom:
            raise ValueError("A custom framing needs its terminator characters.")
        return custom.encode("latin-1").decode("unicode_escape").encode("latin-1")
    if framing not in FRAMINGS:
        raise ValueError(f"Unknown framing {framing!r}: use cr, lf, crlf, any or custom.")
    return FRAMINGS[framing]


@dataclass
class Framer:
    """Feed it bytes as they arrive; it returns each complete frame without its terminator.
    An empty terminator means any line end (CR, LF or CR LF); empty lines are dropped then."""

    terminator: bytes = b""
    _buffer: bytearray = field(default_factory=bytearray)
    overflowed: int = 0

    def feed(self, data: bytes) -> list[bytes]:
        """The frames completed by `data`."""
        self._buffer.extend(data)
        frames = self._split_any() if not self.terminator else self._split(self.terminator)
        if len(self._buffer) > MAX_FRAME:
            # Noise or a wrong terminator setting: drop it rather than grow without end.
            self.overflowed += 1
            self._buffer.clear()
        return frames

    def _split(self, terminator: bytes) -> list[bytes]:
        frames = []
        while (end := self._buffer.find(terminator)) >= 0:
            frames.append(bytes(self._buffer[:end]))
            del self._buffer[:end + len(terminator)]
        return frames

    def _split_any(self) -> list[bytes]:
        frames = []
        while True:
            ends = [i for i in (self._buffer.find(b"\r"), self._buffer.find(b"\n")) if i >= 0]
            if not ends:
                return frames
            end = min(ends)
            if end:
                frames.append(bytes(self._buffer[:end]))
            del self._buffer[:end + 1]
