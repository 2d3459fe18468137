"""A printer profile's tuning applied to rendered labels: darkness, a shift of the whole label
(offsets) and copies, written in the printer's own language so the renderers stay the same
for every printer.

ZPL: `~SD` sets the darkness (0-30) before the job; `^LH` moves the label home by positive
offsets, `^LS`/`^LT` by negative ones; `^PQ` prints copies. TSPL: `DENSITY` (0-15, half the
ZPL scale), `REFERENCE` (positive offsets) and `SHIFT` (negative), `PRINT 1,copies`."""

from __future__ import annotations

import re
from dataclasses import dataclass

MM_PER_INCH = 25.4
_ZPL_FORMAT = re.compile(rb"\^XA(.*?)\^XZ", re.DOTALL)
_ZPL_LH = re.compile(rb"\^LH(-?\d+),(-?\d+)")
_ZPL_PQ = re.compile(rb"\^PQ\d+")
_TSPL_PRINT = re.compile(rb"^PRINT[ \t]+(\d+)(?:[ \t]*,[ \t]*\d+)?", re.MULTILINE)
_TSPL_DENSITY = re.compile(rb"^DENSITY[ \t]+\d+[ \t]*\r?\n", re.MULTILINE)
_TSPL_REFERENCE = re.compile(rb"^REFERENCE[ \t]+-?\d+[ \t]*,[ \t]*-?\d+[ \t]*\r?\n",
                             re.MULTILINE)
_TSPL_CLS = re.compile(rb"^CLS[ \t]*\r?\n", re.MULTILINE)


@dataclass(frozen=True)
class Tuning:
    """What a profile changes: darkness 0-30 (None: the printer's own), offsets in mm,
    copies of each label."""

    dpi: int = 203
    darkness: int | None = None
    offset_x_mm: float = 0.0
    offset_y_mm: float = 0.0
    copies: int = 1

    def dots(self, mm: float) -> int:
        """Millimetres in printer dots."""
        return round(mm * self.dpi / MM_PER_INCH)


def tune(data: bytes, language: str, tuning: Tuning) -> bytes:
    """`data` with the tuning applied (PDF and unknown languages are returned unchanged:
    their copies are whole extra pages, made before rendering)."""
    if language == "zpl":
        return tune_zpl(data, tuning)
    if language == "tspl":
        return tune_tspl(data, tuning)
    return data


def tune_zpl(data: bytes, tuning: Tuning) -> bytes:
    """ZPL labels with darkness, offsets and copies."""
    x, y = tuning.dots(tuning.offset_x_mm), tuning.dots(tuning.offset_y_mm)

    def one(match: re.Match[bytes]) -> bytes:
        body = match.group(1)
        if x or y:
            home = _ZPL_LH.search(body)
            hx, hy = (int(home.group(1)), int(home.group(2))) if home else (0, 0)
            hx, hy = hx + x, hy + y
            shift = b""
            if hx < 0:  # ^LS shifts fields left by a positive amount
                shift += b"^LS%d" % -hx
            if hy < 0:
                shift += b"^LT%d" % max(hy, -120)
            lh = b"^LH%d,%d" % (max(hx, 0), max(hy, 0))
            body = _ZPL_LH.sub(lh, body, count=1) if home else lh + body
            body = shift + body
        if tuning.copies > 1:
            pq = b"^PQ%d" % tuning.copies
            body = _ZPL_PQ.sub(pq, body) if _ZPL_PQ.search(body) else body + pq
        return b"^XA" + body + b"^XZ"

    tuned = _ZPL_FORMAT.sub(one, data)
    if tuning.darkness is not None:
        tuned = b"~SD%02d" % tuning.darkness + tuned
    return tuned


def tune_tspl(data: bytes, tuning: Tuning) -> bytes:
    """TSPL labels with density, offsets and copies."""
    if tuning.darkness is not None:
        density = b"DENSITY %d\r\n" % round(tuning.darkness / 2)
        data = _TSPL_DENSITY.sub(lambda _m: density, data) if _TSPL_DENSITY.search(data) \
            else _before_cls(data, density)
    x, y = tuning.dots(tuning.offset_x_mm), tuning.dots(tuning.offset_y_mm)
    if x or y:
        setting = b"REFERENCE %d,%d\r\n" % (max(x, 0), max(y, 0))
        if x < 0 or y < 0:
            setting += b"SHIFT %d,%d\r\n" % (min(x, 0), min(y, 0))
        data = _TSPL_REFERENCE.sub(lambda _m: b"", data)
        data = _before_cls(data, setting)
    if tuning.copies > 1:
        data = _TSPL_PRINT.sub(lambda m: m.group(0).split(b",")[0].rstrip()
                               + b",%d" % tuning.copies, data)
    return data


def _before_cls(data: bytes, setting: bytes) -> bytes:
    """Insert a setting before each label's CLS (settings hold for the labels after them)."""
    if _TSPL_CLS.search(data):
        return _TSPL_CLS.sub(lambda m: setting + m.group(0), data)
    return setting + data
