"""The Toledo 8217 protocol of checkout scales (also spoken by scanner-scales): the host sends
`W` and the scale answers `<STX>01.234<CR>` when the weight is valid, or `<STX>?<status><CR>`
while it moves or is out of range; `Z` zeroes and is answered with a status record. The answer
carries no unit (the scale is set to kg or lb) and there is no tare command."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from devices.scales.readings import (
    Acknowledged,
    Busy,
    OutOfRange,
    Overload,
    Response,
    ScaleError,
    WeightReading,
)

NAME = "toledo-8217"
TERMINATOR = b"\r"
COMMANDS = {"stable": b"W", "now": b"W", "zero": b"Z"}
STX = b"\x02"

# Status byte bits; bits 5 and 6 are always set so the byte is printable.
MOTION, OVER_CAPACITY, UNDER_ZERO, OUTSIDE_ZERO_RANGE, AT_ZERO = 1, 2, 4, 8, 16
STATUS_BASE = 0x60


def parse(frame: bytes, unit: str = "kg", *, after: str = "W") -> Response:
    """One answer of the scale; `after` is the command it answers."""
    body = frame.lstrip(STX)
    if body.startswith(b"?") and len(body) >= 2:
        return _status(body[1], after)
    if after == "Z":
        return ScaleError("The scale answered the zero command with a weight: check that it "
                          "is set to the 8217 protocol.")
    try:
        value = Decimal(body.decode("ascii").strip())
    except (InvalidOperation, UnicodeDecodeError):
        return ScaleError(f"The scale sent '{frame!r}', which is not an 8217 weight.")
    return WeightReading(value, unit, stable=True, raw=body.decode("ascii"))


def _status(byte: int, after: str) -> Response:
    if byte & OVER_CAPACITY:
        return Overload("The scale is overloaded: take the load off.")
    if byte & UNDER_ZERO:
        return OutOfRange("The scale reads below zero: empty the platform and zero it.")
    if after == "Z":
        if byte & AT_ZERO and not byte & MOTION:
            return Acknowledged("zero")
        if byte & OUTSIDE_ZERO_RANGE:
            return OutOfRange("The load is too heavy to zero: empty the platform first.")
        return Busy("The scale did not zero while moving: keep it still and try again.")
    if byte & MOTION:
        return WeightReading(None, "", stable=False, raw=f"?{chr(byte)}")
    if byte & AT_ZERO:
        return WeightReading(Decimal(0), "", stable=True, raw=f"?{chr(byte)}")
    return ScaleError(f"The scale reports status {byte:#04x} and no weight.")


def weight_frame(value: Decimal) -> bytes:
    """A valid-weight answer as the scale sends it (used by the simulator)."""
    return STX + f"{value:06.3f}".encode("ascii") + TERMINATOR


def status_frame(bits: int) -> bytes:
    """A status answer as the scale sends it (used by the simulator)."""
    return STX + b"?" + bytes([STATUS_BASE | bits]) + TERMINATOR
