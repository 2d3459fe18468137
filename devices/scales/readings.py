"""A scale's reading and the ways a weighing fails, each with what the worker should do."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from devices.errors import DeviceError

_TO_KG = {"kg": Decimal(1), "g": Decimal("0.001"), "lb": Decimal("0.45359237"),
          "oz": Decimal("0.028349523125"), "t": Decimal(1000)}


@dataclass(frozen=True)
class WeightReading:
    """What the scale shows: the weight (None while a scale that hides moving weights is in
    motion), its unit, whether it is stable, and whether it is net of a tare."""

    value: Decimal | None
    unit: str
    stable: bool
    net: bool = False
    raw: str = ""

    @property
    def kilograms(self) -> Decimal | None:
        """The weight in kilograms."""
        if self.value is None:
            return None
        factor = _TO_KG.get(self.unit.lower())
        if factor is None:
            raise DeviceError(f"The scale reports in '{self.unit}', which WareDesk cannot "
                              f"convert: set the scale to kg, g or lb.")
        return self.value * factor

    def __str__(self) -> str:
        shown = "moving" if self.value is None else f"{self.value} {self.unit}"
        flags = [] if self.stable else ["unstable"]
        flags += ["net"] if self.net else []
        return f"{shown} ({', '.join(flags)})" if flags else shown


class ScaleError(DeviceError):
    """A weighing failed."""


class Overload(ScaleError):
    """The load is over the scale's capacity."""


class OutOfRange(ScaleError):
    """The scale reads below zero or outside its zero range."""


class NotStable(ScaleError):
    """The weight did not settle in time."""


class Busy(ScaleError):
    """The scale is busy (taring, zeroing) or refused the command."""


class Unsupported(ScaleError):
    """The scale's protocol has no such command."""


@dataclass(frozen=True)
class Acknowledged:
    """A zero or tare command that the scale carried out."""

    command: str
    tare: WeightReading | None = None


Response = WeightReading | Acknowledged | ScaleError
