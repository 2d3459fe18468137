"""Count kinds and statuses, and bin statuses, in the user's language."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

#: Plan kinds in the order the plan dialog offers them.
KINDS = {
    "full": QT_TRANSLATE_NOOP("CountKind", "Whole warehouse"),
    "zone": QT_TRANSLATE_NOOP("CountKind", "Zone"),
    "aisle": QT_TRANSLATE_NOOP("CountKind", "Aisle"),
    "range": QT_TRANSLATE_NOOP("CountKind", "Location range"),
    "products": QT_TRANSLATE_NOOP("CountKind", "Products"),
    "category": QT_TRANSLATE_NOOP("CountKind", "Category"),
    "cycle": QT_TRANSLATE_NOOP("CountKind", "Cycle count (ABC)"),
    "sample": QT_TRANSLATE_NOOP("CountKind", "Random sample"),
}

#: Kinds of counts WareDesk plans by itself (a bin reported short at picking).
PLANNED_BY_WAREDESK = {
    "short": QT_TRANSLATE_NOOP("CountKind", "Short pick"),
}

COUNT_STATUSES = {
    "open": QT_TRANSLATE_NOOP("CountStatus", "Open"),
    "approved": QT_TRANSLATE_NOOP("CountStatus", "Approved"),
    "cancelled": QT_TRANSLATE_NOOP("CountStatus", "Cancelled"),
}

BIN_STATUSES = {
    "pending": QT_TRANSLATE_NOOP("BinStatus", "Not counted"),
    "counting": QT_TRANSLATE_NOOP("BinStatus", "Being counted"),
    "counted": QT_TRANSLATE_NOOP("BinStatus", "Counted"),
    "recount": QT_TRANSLATE_NOOP("BinStatus", "Recount"),
}


def kind_text(kind: str) -> str:
    """'zone' -> 'Zone' (or 库区)."""
    source = KINDS.get(kind) or PLANNED_BY_WAREDESK.get(kind)
    return QCoreApplication.translate("CountKind", source) if source else kind


def count_status_text(status: str) -> str:
    """'approved' -> 'Approved'."""
    source = COUNT_STATUSES.get(status)
    return QCoreApplication.translate("CountStatus", source) if source else status


def bin_status_text(status: str) -> str:
    """'recount' -> 'Recount'."""
    source = BIN_STATUSES.get(status)
    return QCoreApplication.translate("BinStatus", source) if source else status
