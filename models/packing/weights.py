"""The weight a packed parcel should have, and whether a weighed one is close enough.

Expected: the products' weights times their units plus a packaging allowance (the box, the
fill, the waybill). Close enough: within a tolerance of a percentage of the expected weight, but
never less than a fixed margin, so a parcel of one light item is not stopped by a scale's last
digit. The three are database-wide settings; a product without a weight makes the check
impossible, and the packer is told which.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from sqlalchemy.orm import Session

from models.app_settings import read_setting
from models.errors import InputError
from models.figures import plain

ALLOWANCE_G = "packing_allowance_g"
TOLERANCE_PCT = "packing_tolerance_pct"
TOLERANCE_MIN_G = "packing_tolerance_min_g"
_DEFAULTS = {ALLOWANCE_G: "50", TOLERANCE_PCT: "10", TOLERANCE_MIN_G: "50"}
#: The heaviest parcel a packing table takes; a bigger figure is a typing slip.
MAX_KG = Decimal("1000")
_GRAM = Decimal("0.001")


@dataclass(frozen=True)
class WeightRule:
    """The packaging allowance and the tolerance, in grams and percent."""

    allowance_g: Decimal
    pct: Decimal
    min_g: Decimal


def weight_rule(session: Session) -> WeightRule:
    """The packing weight settings (defaults: 50 g packaging, 10 %, at least 50 g)."""
    values = []
    for key in (ALLOWANCE_G, TOLERANCE_PCT, TOLERANCE_MIN_G):
        try:
            values.append(max(Decimal(read_setting(session, key, _DEFAULTS[key])), Decimal(0)))
        except InvalidOperation:
            values.append(Decimal(_DEFAULTS[key]))
    return WeightRule(*values)


@dataclass(frozen=True)
class Expected:
    """What a parcel should weigh, and the range it may weigh; `unweighed` names products
    without a weight (then the range says nothing)."""

    kg: Decimal
    low_kg: Decimal
    high_kg: Decimal
    unweighed: tuple[str, ...] = ()

    def fits(self, kg: Decimal) -> bool:
        """True when `kg` is within the range."""
        return self.low_kg <= kg <= self.high_kg

    def describe(self) -> str:
        """"0.57 kg (0.52–0.62)" as the screen shows it."""
        return f"{plain(self.kg)} kg ({plain(self.low_kg)}–{plain(self.high_kg)})"


def expected_weight(rule: WeightRule, items: list[tuple[str, Decimal | None, int]]
                    ) -> Expected:
    """The parcel's expected weight from (sku, grams per unit or None, units)."""
    grams = rule.allowance_g + sum(((g or Decimal(0)) * qty for _sku, g, qty in items),
                                   Decimal(0))
    margin = max(grams * rule.pct / 100, rule.min_g)
    unweighed = tuple(sku for sku, g, _qty in items if not g)
    return Expected((grams / 1000).quantize(_GRAM), (max(grams - margin, Decimal(0)) / 1000)
                    .quantize(_GRAM), ((grams + margin) / 1000).quantize(_GRAM), unweighed)


def parse_kg(text: str | Decimal | float) -> Decimal:
    """A weight in kilograms as typed or read ("0.62", "0,62"), or InputError."""
    try:
        kg = Decimal(str(text).strip().replace(",", ".").removesuffix("kg").strip())
    except InvalidOperation:
        raise InputError(f"'{text}' is not a weight: type it in kilograms, like 0.62.") from None
    if not kg.is_finite() or kg <= 0 or kg > MAX_KG:
        raise InputError(f"A parcel weighs more than 0 and at most {MAX_KG} kg, not {text}.")
    return kg.quantize(_GRAM)
