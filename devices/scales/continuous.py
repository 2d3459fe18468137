"""Scales that stream their reading without being asked, one line several times a second:
`ST,GS,+  1.234kg` — stable (ST) or unstable (US) or overloaded (OL), gross (GS) or net (NT),
sign, value, unit. Many indicators accept `Z` and `T` lines to zero and tare."""

from __future__ import annotations

import re
from decimal import Decimal

from devices.scales.readings import Overload, Response, ScaleError, WeightReading

NAME = "continuous"
TERMINATOR = b""  # any line end
COMMANDS = {"zero": b"Z\r\n", "tare": b"T\r\n"}
_LINE = re.compile(r"^(ST|US|OL)\s*,\s*(GS|NT|TR)?\s*,?\s*([+-])?\s*([0-9]*\.?[0-9]+)?\s*"
                   r"([A-Za-z]*)\s*$")


def parse(frame: bytes) -> Response:
    """One streamed line."""
    text = frame.decode("ascii", errors="replace").strip()
    match = _LINE.match(text)
    if not match:
        return ScaleError(f"The scale sent '{text}', which is not a ST/US,GS/NT line: check "
                          f"its output format and the port speed.")
    state, kind, sign, value, unit = match.groups()
    if state == "OL":
        return Overload("The scale is overloaded: take the load off.")
    if value is None:
        return ScaleError(f"The scale's line '{text}' has no weight.")
    weight = Decimal(value) * (-1 if sign == "-" else 1)
    return WeightReading(weight, unit or "kg", stable=state == "ST", net=kind == "NT",
                         raw=text)


def line(value: Decimal, unit: str = "kg", *, stable: bool, net: bool = False,
         overload: bool = False) -> bytes:
    """A streamed line as such scales send it (used by the simulator)."""
    state = "OL" if overload else ("ST" if stable else "US")
    sign = "-" if value < 0 else "+"
    return f"{state},{'NT' if net else 'GS'},{sign}{abs(value):>8}{unit}\r\n".encode("ascii")
