"""Purchase order statuses in the user's language."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from models.entities import PoStatus

STATUS_TEXT = {
    PoStatus.OPEN: QT_TRANSLATE_NOOP("PoStatus", "Open"),
    PoStatus.PARTLY_RECEIVED: QT_TRANSLATE_NOOP("PoStatus", "Partly received"),
    PoStatus.RECEIVED: QT_TRANSLATE_NOOP("PoStatus", "Received"),
    PoStatus.CLOSED: QT_TRANSLATE_NOOP("PoStatus", "Closed"),
}


def status_text(status: str) -> str:
    """'partly_received' -> 'Partly received' (or 部分收货)."""
    source = STATUS_TEXT.get(PoStatus(status)) if status in tuple(PoStatus) else None
    return QCoreApplication.translate("PoStatus", source) if source else status


def status_tone(status: str) -> str | None:
    """How a status is coloured in the list: closed orders are greyed out."""
    return "muted" if status == PoStatus.CLOSED else None
