"""Code 128 encoder (sets A, B and C, FNC1 for GS1-128): codewords and bar modules."""

from __future__ import annotations

from barcode.charsets.code128 import CODES, STOP

from models.errors import InputError

FNC1 = "\xf1"  # marker for FNC1 in the data handed to the encoder
START = {"A": 103, "B": 104, "C": 105}
SWITCH = {"A": 101, "B": 100, "C": 99}
FNC1_CODEWORD = 102


def _digit_run(data: str, start: int) -> int:
    end = start
    while end < len(data) and data[end].isdigit():
        end += 1
    return end - start


def _set_for(char: str) -> str:
    return "A" if ord(char) < 32 else "B"


def _value(char: str, code_set: str) -> int:
    code = ord(char)
    if code_set == "A":
        return code + 64 if code < 32 else code - 32
    return code - 32


def codewords(data: str) -> list[int]:
    """Codewords from the start code to the check digit (no stop), FNC1 written as FNC1."""
    for char in data:
        if char != FNC1 and ord(char) > 127:
            raise InputError(f"Code 128 cannot hold the character '{char}'.")
    if not data:
        raise InputError("A Code 128 barcode needs data.")
    words: list[int] = []
    code_set = ""
    i = 0
    while i < len(data):
        run = _digit_run(data, i)
        rest_is_digits = i + run == len(data)
        # Code C halves the width of digit runs, but a switch costs a codeword each way: worth
        # it for 4+ digits at the start or the end, 6+ in the middle (ISO/IEC 15417 Annex E).
        if not code_set:
            want_c = run >= 4 or (run >= 2 and rest_is_digits)
        else:
            want_c = run >= 6 or (run >= 4 and rest_is_digits)
        if data[i] == FNC1:
            if not code_set:
                code_set = "C" if _digit_run(data, i + 1) >= 2 else _set_for(data[i + 1:] or " ")
                words.append(START[code_set])
            words.append(FNC1_CODEWORD)
            i += 1
        elif code_set == "C" and run >= 2:
            words.append(int(data[i:i + 2]))
            i += 2
        elif want_c and code_set != "C" and run % 2 == 0:
            words.append(START["C"] if not code_set else SWITCH["C"])
            code_set = "C"
        else:
            wanted = _set_for(data[i])
            if code_set != wanted and not (code_set == "A" and ord(data[i]) < 96):
                words.append(START[wanted] if not code_set else SWITCH[wanted])
                code_set = wanted
            words.append(_value(data[i], code_set))
            i += 1
    check = words[0] + sum(pos * word for pos, word in enumerate(words[1:], start=1))
    words.append(check % 103)
    return words


def modules(words: list[int]) -> list[bool]:
    """Bar modules (True = bar) of the codewords followed by the stop pattern."""
    # python-barcode's STOP lacks the final two-module termination bar.
    pattern = "".join(CODES[word] for word in words) + STOP + "11"
    return [bit == "1" for bit in pattern]


def zpl_field(words: list[int]) -> str:
    """The exact codewords as ZPL ^BC mode N field data with invocation codes (use ^FH_)."""
    out = []
    code_set = ""
    for word in words[:-1]:  # the printer adds the check digit
        if word >= 103:
            code_set = "ABC"[word - 103]
            out.append(">" + chr(ord("9") + word - 103))
        elif code_set == "C" and word < 100:
            out.append(f"{word:02d}")
        elif word >= 96:
            out.append(">" + chr(ord("0") + word - 94))
            code_set = _SWITCHED.get((code_set, word), code_set)
        else:
            char = chr(word + 32) if code_set == "B" or word < 64 else chr(word - 64)
            out.append(_zpl_char(char))
    return "".join(out)


_SWITCHED = {("A", 99): "C", ("A", 100): "B", ("B", 99): "C", ("B", 101): "A",
             ("C", 100): "B", ("C", 101): "A"}


def _zpl_char(char: str) -> str:
    if char == ">":
        return "><"
    if char in "^~_" or ord(char) < 32:
        return f"_{ord(char):02X}"
    return char
