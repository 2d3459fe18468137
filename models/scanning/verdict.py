"""The feedback a scan earns on its own, before any workflow: what the Devices test page shows,
and what a workflow starts from before it checks the scan against its task."""

from __future__ import annotations

from datetime import date

from models.feedback import Feedback
from models.scanning.meanings import (
    CommandScan,
    DocumentScan,
    LocationScan,
    Meaning,
    ProductScan,
    UnitLoadScan,
    UnknownScan,
)


def scan_feedback(meaning: Meaning, *, today: date) -> Feedback:
    """OK for a readable scan, a warning for something a worker must look at (an expired lot,
    a blocked location, an inactive product), an error for a scan that means nothing."""
    match meaning:
        case UnknownScan(reason=reason):
            return Feedback.error(reason)
        case ProductScan() if not meaning.active:
            return Feedback.warning(f"{meaning.describe()}: this product is inactive.",
                                    "Ask the office whether it may still be handled.")
        case ProductScan(expiry=expiry) if expiry is not None and expiry < today:
            return Feedback.warning(f"{meaning.describe()}: expired on {expiry.isoformat()}.",
                                    "Put the item aside for quarantine.")
        case LocationScan(blocked=True):
            return Feedback.warning(meaning.describe(), "Use another location.")
        case LocationScan(active=False):
            return Feedback.warning(f"{meaning.describe()} is inactive.",
                                    "Use another location.")
        case ProductScan() | LocationScan() | UnitLoadScan() | DocumentScan() | CommandScan():
            return Feedback.ok(meaning.describe())
    raise TypeError(f"not a scan meaning: {meaning!r}")
