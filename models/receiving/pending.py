"""A receipt scan not yet posted, and how a posted one reads in the last-scans list."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from models.entities import Tracking
from models.receiving.receipts import ScanRecord


@dataclass(frozen=True)
class Pending:
    """A product scan not yet posted: waiting for a lot, expiry, serial or an approval."""

    key: str
    product_id: int
    sku: str
    name: str
    tracking: str
    expiry_tracked: bool
    min_remaining_days: int | None
    pack_qty: int
    qty: int
    raw: str
    damaged: bool
    lot: str | None = None
    expiry: date | None = None
    serial: str | None = None
    approved_by: int | None = None
    approver: str = ""

    def missing(self) -> str:
        """What must still be asked for: "lot", "expiry", "serial" or ""."""
        if (self.tracking == Tracking.LOT or self.expiry_tracked) and not self.lot:
            return "lot"
        if self.expiry_tracked and self.expiry is None:
            return "expiry"
        if self.tracking == Tracking.SERIAL and not self.serial:
            return "serial"
        return ""




def describe_record(scan: ScanRecord) -> str:
    """One line of the last-scans list."""
    parts = [f"+{scan.qty} {scan.sku}"]
    if scan.lot:
        parts.append(f"lot {scan.lot}")
    if scan.expiry:
        parts.append(f"exp {scan.expiry}")
    if scan.serial:
        parts.append(f"SN {scan.serial}")
    if scan.damaged:
        parts.append("DAMAGED")
    text = " · ".join(parts)
    return f"undone: {text}" if scan.undone else text
