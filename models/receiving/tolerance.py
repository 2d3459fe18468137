"""Over-receipt: how many units beyond the ordered quantity a delivery may bring, and what
happens beyond that (the product's rule, else the supplier's)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from models.entities import BeyondTolerance


class Verdict(StrEnum):
    """What to do with the units of a scan."""

    WITHIN = "within"  # not more than ordered
    TOLERATED = "tolerated"  # over, within the tolerance: taken with a warning
    WARN = "warn"  # beyond the tolerance, and the rule says take them with a warning
    BLOCK = "block"  # beyond the tolerance: a supervisor must approve


@dataclass(frozen=True)
class OverReceiptRule:
    """Units up to `pct` % over the ordered quantity are tolerated; beyond that, `beyond`."""

    pct: int = 0
    beyond: str = BeyondTolerance.BLOCK

    @classmethod
    def of(cls, *, product_pct: int | None, product_beyond: str | None, supplier_pct: int | None,
           supplier_beyond: str | None) -> OverReceiptRule:
        """The product's rule where it has one, else the supplier's, else no tolerance."""
        pct = product_pct if product_pct is not None else supplier_pct
        beyond = product_beyond or supplier_beyond or BeyondTolerance.BLOCK
        return cls(pct or 0, beyond)

    def allowed(self, ordered: int) -> int:
        """The most units this rule tolerates for `ordered` (rounded down)."""
        return ordered + ordered * self.pct // 100

    def judge(self, *, ordered: int, received: int, adding: int) -> Verdict:
        """The verdict on receiving `adding` more units when `received` are in already."""
        after = received + adding
        if after <= ordered:
            return Verdict.WITHIN
        if after <= self.allowed(ordered):
            return Verdict.TOLERATED
        return Verdict.WARN if self.beyond == BeyondTolerance.WARN else Verdict.BLOCK
