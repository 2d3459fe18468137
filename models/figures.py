"""How numbers are written for people: as short as they are exact, so a weight of 350.000 g
reads "350" and 1.250 kg reads "1.25" (on screens, in messages, on waybills)."""

from __future__ import annotations

from decimal import Decimal


def plain(number: Decimal | int) -> str:
    """The number without trailing zeros or an exponent: 350, 1.25, 0.05."""
    return format(Decimal(number).normalize(), "f")
