"""QR Code matrices through reportlab's pure-Python encoder."""

from __future__ import annotations

import re
from functools import lru_cache

from reportlab.graphics.barcode import qrencoder

from models.errors import InputError

_LEVELS = {"L": qrencoder.QRErrorCorrectLevel.L, "M": qrencoder.QRErrorCorrectLevel.M,
           "Q": qrencoder.QRErrorCorrectLevel.Q, "H": qrencoder.QRErrorCorrectLevel.H}
_RUNS = re.compile(r"0{5,}|1{5,}")
_ALPHANUMERIC = set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:")


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
    # reportlab scores masks with slow pure-Python rules (about 4 ms a symbol, most of a
    # waybill's time); the same rules on strings pick a mask in a fraction of that.
    best = min(range(8), key=lambda mask: _penalty(_remade(code, mask)))
    return tuple(tuple(bool(m) for m in row) for row in _remade(code, best))


def _remade(code: qrencoder.QRCode, mask: int) -> list[list[bool]]:
    code.makeImpl(False, mask)
    return code.modules


def _penalty(modules: list[list[bool]]) -> int:
    """ISO/IEC 18004 mask penalty: runs of five or more (N1), finder-like patterns (N3) and
    dark/light balance (N4); 2x2 blocks (N2) are left out, they rarely change the choice."""
    rows = ["".join("1" if m else "0" for m in row) for row in modules]
    columns = ["".join(column) for column in zip(*rows, strict=True)]
    score = 0
    for line in rows + columns:
        score += sum(len(run) - 2 for run in _RUNS.findall(line))
        score += 40 * (line.count("10111010000") + line.count("00001011101"))
    dark = sum(row.count("1") for row in rows)
    score += 10 * (abs(dark * 20 // (len(rows) ** 2) - 10))
    return score
