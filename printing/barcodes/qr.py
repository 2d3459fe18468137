"""QR Code matrices through reportlab's pure-Python encoder, with a faster mask choice."""

from __future__ import annotations

import re
from functools import lru_cache

from reportlab.graphics.barcode import qrencoder

from models.errors import InputError

_LEVELS = {"L": qrencoder.QRErrorCorrectLevel.L, "M": qrencoder.QRErrorCorrectLevel.M,
           "Q": qrencoder.QRErrorCorrectLevel.Q, "H": qrencoder.QRErrorCorrectLevel.H}
_ALPHANUMERIC = set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:")
_RUNS = re.compile(rb"\x00{5,}|\x01{5,}")
_FINDER_LIKE = re.compile(rb"(?=\x01\x00\x01\x01\x01\x00\x01\x00\x00\x00\x00|"
                          rb"\x00\x00\x00\x00\x01\x00\x01\x01\x01\x00\x01)")


def _penalty(modules: list[list[bool]]) -> int:
    """ISO/IEC 18004 mask penalty: runs of five or more (N1), finder-like patterns (N3) and
    dark/light balance (N4); 2x2 blocks (N2) are left out, they rarely change the choice."""
    rows = [bytes(row) for row in modules]
    lines = b"\x02".join(rows + [bytes(column) for column in zip(*modules, strict=True)])
    score = sum(len(run) - 2 for run in _RUNS.findall(lines))
    score += 40 * len(_FINDER_LIKE.findall(lines))
    dark = sum(row.count(1) for row in rows)
    return score + 10 * abs(dark * 20 // (len(rows) ** 2) - 10)


@lru_cache(maxsize=64)
def _flips(version: int, positions: tuple[tuple[int, int], ...],
           mask: int) -> tuple[tuple[int, int], ...]:
    """Data modules (row, col) whose value differs between mask 0 and `mask`."""
    first, other = qrencoder.QRUtil.getMask(0), qrencoder.QRUtil.getMask(mask)
    return tuple((row, col) for col, row in positions if first(row, col) != other(row, col))


def _with_mask(code: qrencoder.QRCode, base: list[list[bool]], mask: int) -> list[list[bool]]:
    positions = tuple(code.dataPosIterator())
    code.modules = [list(row) for row in base]
    for row, col in _flips(code.version, positions, mask):
        code.modules[row][col] = not code.modules[row][col]
    code.setupTypeInfo(False, mask)
    return code.modules


@lru_cache(maxsize=4096)
def qr_matrix(data: str, level: str = "M") -> tuple[tuple[bool, ...], ...]:
    """Rows of dark (True) modules of the QR symbol, without the quiet zone."""
    if not data:
        raise InputError("A QR code needs data.")
    code = qrencoder.QRCode(None, _LEVELS[level])
    if data.isdigit():
        code.addData(qrencoder.QRNumber(data))
    elif set(data) <= _ALPHANUMERIC:
        code.addData(qrencoder.QRAlphaNum(data))
    else:
        # Byte mode (UTF-8): reportlab would otherwise try Kanji for CJK text.
        code.addData(qrencoder.QR8bitByte(data))
    try:
        code.version = code.calculate_version()
        code.makeImpl(False, 0)
    except Exception as exc:  # reportlab raises bare exceptions when data is too long
        raise InputError(f"Too much data for a QR code ({len(data)} characters).") from exc
    # reportlab scores each mask by rebuilding the symbol and pure-Python rules (about 4 ms a
    # symbol, most of a waybill's time); flipping the data modules of mask 0 and scoring on
    # bytes picks the same kind of mask in a fraction of that.
    base = [list(row) for row in code.modules]
    scored = {mask: _penalty(_with_mask(code, base, mask)) for mask in range(8)}
    best = min(scored, key=scored.__getitem__)
    return tuple(tuple(bool(m) for m in row) for row in _with_mask(code, base, best))
