"""The tables of the Waves page: the waves, and one wave's pick list in walk order."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QTableWidget

from app.error_display import in_user_language
from models.entities import WaveStatus
from models.picking.picklist import PickRow, share_text
from models.picking.waves import WaveSummary
from views.counts.tables import fill

WAVE_HEADERS = (QT_TRANSLATE_NOOP("WaveTables", "Wave"),
                QT_TRANSLATE_NOOP("WaveTables", "Status"),
                QT_TRANSLATE_NOOP("WaveTables", "Carrier"),
                QT_TRANSLATE_NOOP("WaveTables", "Orders"),
                QT_TRANSLATE_NOOP("WaveTables", "Units picked"),
                QT_TRANSLATE_NOOP("WaveTables", "Pick tasks"),
                QT_TRANSLATE_NOOP("WaveTables", "Warehouse"),
                QT_TRANSLATE_NOOP("WaveTables", "Created"),
                QT_TRANSLATE_NOOP("WaveTables", "Grouping"))
PICK_HEADERS = (QT_TRANSLATE_NOOP("WaveTables", "Bin"),
                QT_TRANSLATE_NOOP("WaveTables", "SKU"),
                QT_TRANSLATE_NOOP("WaveTables", "Product"),
                QT_TRANSLATE_NOOP("WaveTables", "Lot"),
                QT_TRANSLATE_NOOP("WaveTables", "Qty"),
                QT_TRANSLATE_NOOP("WaveTables", "Picked"),
                QT_TRANSLATE_NOOP("WaveTables", "Orders"))
#: A noun counted on the page: its text for one, and for any other number.
COUNTED = {
    "wave": (QT_TRANSLATE_NOOP("WaveTables", "1 wave"),
             QT_TRANSLATE_NOOP("WaveTables", "{count} waves")),
    "order": (QT_TRANSLATE_NOOP("WaveTables", "1 order"),
              QT_TRANSLATE_NOOP("WaveTables", "{count} orders")),
    "approved order": (QT_TRANSLATE_NOOP("WaveTables", "1 approved order"),
                       QT_TRANSLATE_NOOP("WaveTables", "{count} approved orders")),
    "unit": (QT_TRANSLATE_NOOP("WaveTables", "1 unit"),
             QT_TRANSLATE_NOOP("WaveTables", "{count} units")),
    "stop": (QT_TRANSLATE_NOOP("WaveTables", "1 stop"),
             QT_TRANSLATE_NOOP("WaveTables", "{count} stops")),
}
STATUS_TEXT = {
    WaveStatus.OPEN: QT_TRANSLATE_NOOP("WaveTables", "Open"),
    WaveStatus.PICKING: QT_TRANSLATE_NOOP("WaveTables", "Picking"),
    WaveStatus.DONE: QT_TRANSLATE_NOOP("WaveTables", "Done"),
    WaveStatus.CANCELLED: QT_TRANSLATE_NOOP("WaveTables", "Cancelled"),
}


def headers(sources: Sequence[str]) -> list[str]:
    """Column titles in the user's language."""
    return [QCoreApplication.translate("WaveTables", source) for source in sources]


def status_text(status: str) -> str:
    """'open' -> 'Open' (or 待拣货); a status a later step added shows as stored."""
    source = STATUS_TEXT.get(status)  # type: ignore[call-overload]
    return QCoreApplication.translate("WaveTables", source) if source else status


def counted(count: int, noun: str) -> str:
    """'1 order', '3 orders' (or 3 个订单); `noun` is a key of COUNTED."""
    one, many = COUNTED[noun]
    return QCoreApplication.translate("WaveTables", one if count == 1 else many).format(
        count=count)


def fill_waves(table: QTableWidget, rows: Sequence[WaveSummary]) -> None:
    """The wave list, newest first."""
    fill(table, rows, (
        lambda w: w.code, lambda w: status_text(w.status), lambda w: w.carrier or "–",
        lambda w: w.orders, lambda w: f"{w.picked} / {w.units}", lambda w: w.tasks,
        lambda w: w.warehouse, lambda w: w.created_at.astimezone().strftime("%Y-%m-%d %H:%M"),
        lambda w: in_user_language(w.grouping)), numeric=(3, 4, 5))


def fill_pick_list(table: QTableWidget, rows: Sequence[PickRow]) -> None:
    """A wave's stops in walk order: bin, product, lot, units and the orders they go to, an
    order a line."""
    fill(table, rows, (
        lambda r: r.location, lambda r: r.sku, lambda r: r.name, lambda r: r.lot or "",
        lambda r: r.qty, lambda r: r.picked,
        lambda r: "\n".join(share_text(s) for s in r.shares)), numeric=(4, 5))
