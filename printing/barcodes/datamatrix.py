"""Data Matrix ECC 200 encoder (square symbols, ASCII encodation) with GS1 FNC1.

reportlab's encoder makes only one 44x44 size, has no FNC1 and pads with NUL, so GS1 Data
Matrix needs this one: FNC1 is codeword 232, padding follows the 253-state randomising rule.
"""

from __future__ import annotations

from functools import lru_cache

from models.errors import InputError

FNC1 = "\xf1"  # marker for FNC1 in the data handed to the encoder
_FNC1_CODEWORD = 232
_UPPER_SHIFT = 235
_PAD = 129

# size, data codewords, error codewords, data region side, regions per side, RS blocks
_SIZES = [
    (10, 3, 5, 8, 1, 1), (12, 5, 7, 10, 1, 1), (14, 8, 10, 12, 1, 1), (16, 12, 12, 14, 1, 1),
    (18, 18, 14, 16, 1, 1), (20, 22, 18, 18, 1, 1), (22, 30, 20, 20, 1, 1),
    (24, 36, 24, 22, 1, 1), (26, 44, 28, 24, 1, 1), (32, 62, 36, 14, 2, 1),
    (36, 86, 42, 16, 2, 1), (40, 114, 48, 18, 2, 1), (44, 144, 56, 20, 2, 1),
    (48, 174, 68, 22, 2, 1), (52, 204, 84, 24, 2, 2), (64, 280, 112, 14, 4, 2),
    (72, 368, 144, 16, 4, 4), (80, 456, 192, 18, 4, 4), (88, 576, 224, 20, 4, 4),
    (96, 696, 272, 22, 4, 4), (104, 816, 336, 24, 4, 6),
]

_EXP = [0] * 512
_LOG = [0] * 256
_value = 1
for _i in range(255):
    _EXP[_i] = _value
    _LOG[_value] = _i
    _value <<= 1
    if _value & 0x100:
        _value ^= 0x12D
for _i in range(255, 512):
    _EXP[_i] = _EXP[_i - 255]


def _multiply(a: int, b: int) -> int:
    return 0 if a == 0 or b == 0 else _EXP[_LOG[a] + _LOG[b]]


@lru_cache(maxsize=32)
def _generator(degree: int) -> list[int]:
    poly = [1]
    for power in range(1, degree + 1):
        poly = [*poly, 0]
        for i in range(len(poly) - 1, 0, -1):
            poly[i] ^= _multiply(poly[i - 1], _EXP[power])
    return poly[1:]


def _reed_solomon(data: list[int], degree: int) -> list[int]:
    generator = _generator(degree)
    remainder = [0] * degree
    for word in data:
        factor = word ^ remainder[0]
        remainder = [*remainder[1:], 0]
        for i in range(degree):
            remainder[i] ^= _multiply(generator[i], factor)
    return remainder


def data_codewords(data: str) -> list[int]:
    """ASCII encodation of the data (digit pairs compacted, FNC1 as codeword 232)."""
    words: list[int] = []
    raw = data.split(FNC1)
    for index, part in enumerate(raw):
        if index:
            words.append(_FNC1_CODEWORD)
        encoded = part.encode("utf-8")
        i = 0
        while i < len(encoded):
            byte = encoded[i]
            if (i + 1 < len(encoded) and 48 <= byte <= 57 and 48 <= encoded[i + 1] <= 57):
                words.append(130 + (byte - 48) * 10 + encoded[i + 1] - 48)
                i += 2
                continue
            if byte > 127:
                words.extend((_UPPER_SHIFT, byte - 127))
            else:
                words.append(byte + 1)
            i += 1
    return words


def _padded(words: list[int], capacity: int) -> list[int]:
    out = list(words)
    if len(out) < capacity:
        out.append(_PAD)
    while len(out) < capacity:
        pseudo = ((149 * (len(out) + 1)) % 253) + 1
        pad = _PAD + pseudo
        out.append(pad - 254 if pad > 254 else pad)
    return out


def _with_error_correction(words: list[int], ecc: int, blocks: int) -> list[int]:
    out = list(words) + [0] * ecc
    for block in range(blocks):
        block_ecc = _reed_solomon(words[block::blocks], ecc // blocks)
        for j, word in enumerate(block_ecc):
            out[len(words) + j * blocks + block] = word
    return out


def _placement(nrow: int, ncol: int) -> list[list[int]]:
    """ECC 200 module placement: each cell holds codeword * 10 + bit (bit 1 = most
    significant), or 1/2 for the fixed light/dark corner pattern."""
    grid = [[0] * ncol for _ in range(nrow)]

    def module(row: int, col: int, word: int, bit: int) -> None:
        if row < 0:
            row += nrow
            col += 4 - ((nrow + 4) % 8)
        if col < 0:
            col += ncol
            row += 4 - ((ncol + 4) % 8)
        grid[row][col] = word * 10 + bit

    def utah(row: int, col: int, word: int) -> None:
        for bit, (dr, dc) in enumerate(((-2, -2), (-2, -1), (-1, -2), (-1, -1), (-1, 0),
                                        (0, -2), (0, -1), (0, 0)), start=1):
            module(row + dr, col + dc, word, bit)

    def corner(cells: tuple[tuple[int, int], ...], word: int) -> None:
        for bit, (r, c) in enumerate(cells, start=1):
            module(r, c, word, bit)

    n, m = nrow, ncol
    corners = {
        1: ((n - 1, 0), (n - 1, 1), (n - 1, 2), (0, m - 2), (0, m - 1), (1, m - 1), (2, m - 1),
            (3, m - 1)),
        2: ((n - 3, 0), (n - 2, 0), (n - 1, 0), (0, m - 4), (0, m - 3), (0, m - 2), (0, m - 1),
            (1, m - 1)),
        3: ((n - 3, 0), (n - 2, 0), (n - 1, 0), (0, m - 2), (0, m - 1), (1, m - 1), (2, m - 1),
            (3, m - 1)),
        4: ((n - 1, 0), (n - 1, m - 1), (0, m - 3), (0, m - 2), (0, m - 1), (1, m - 3),
            (1, m - 2), (1, m - 1)),
    }
    word, row, col = 1, 4, 0
    while True:
        if row == n and col == 0:
            corner(corners[1], word)
            word += 1
        if row == n - 2 and col == 0 and m % 4:
            corner(corners[2], word)
            word += 1
        if row == n - 2 and col == 0 and m % 8 == 4:
            corner(corners[3], word)
            word += 1
        if row == n + 4 and col == 2 and m % 8 == 0:
            corner(corners[4], word)
            word += 1
        while True:
            if row < n and col >= 0 and grid[row][col] == 0:
                utah(row, col, word)
                word += 1
            row -= 2
            col += 2
            if not (row >= 0 and col < m):
                break
        row += 1
        col += 3
        while True:
            if row >= 0 and col < m and grid[row][col] == 0:
                utah(row, col, word)
                word += 1
            row += 2
            col -= 2
            if not (row < n and col >= 0):
                break
        row += 3
        col += 1
        if not (row < n or col < m):
            break
    if grid[n - 1][m - 1] == 0:
        grid[n - 1][m - 1] = grid[n - 2][m - 2] = 2
    return grid


@lru_cache(maxsize=4096)
def datamatrix_matrix(data: str) -> tuple[tuple[bool, ...], ...]:
    """Rows of dark (True) modules of the smallest square symbol that holds the data."""
    words = data_codewords(data)
    fitting = [entry for entry in _SIZES if len(words) <= entry[1]]
    if not fitting:
        raise InputError(f"Too much data for a Data Matrix ({len(words)} codewords).")
    size, capacity, ecc, region, regions, blocks = fitting[0]
    codewords = _with_error_correction(_padded(words, capacity), ecc, blocks)
    mapping = _placement(region * regions, region * regions)
    rows = []
    for y in range(size):
        region_row, inner_y = divmod(y, region + 2)
        row = []
        for x in range(size):
            region_col, inner_x = divmod(x, region + 2)
            if inner_y == region + 1 or inner_x == 0:
                row.append(True)
            elif inner_y == 0:
                row.append(inner_x % 2 == 0)
            elif inner_x == region + 1:
                row.append(inner_y % 2 == 1)
            else:
                cell = mapping[region_row * region + inner_y - 1][region_col * region + inner_x - 1]
                if cell < 10:
                    row.append(cell == 2)
                else:
                    word, bit = divmod(cell, 10)
                    row.append(bool((codewords[word - 1] >> (8 - bit)) & 1))
        rows.append(tuple(row))
    return tuple(rows)
