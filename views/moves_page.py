"""The move history: the ledger's moves, newest first, filtered by SKU, name, barcode,
location (from or to), lot or document reference."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QWidget

from app.ops.stock import count_move_rows, load_move_page
from app.workspace import Workspace
from models.ledger.queries import MoveRecord
from views.browser_page import BrowserPage
from views.lazy_table import Column

# Posting reasons as people say them; unknown reasons (added by later operations) show as
# stored.
REASONS = {
    "opening": QT_TRANSLATE_NOOP("Reasons", "Opening stock"),
    "receipt": QT_TRANSLATE_NOOP("Reasons", "Receipt"),
    "putaway": QT_TRANSLATE_NOOP("Reasons", "Putaway"),
    "transfer": QT_TRANSLATE_NOOP("Reasons", "Transfer"),
    "pick": QT_TRANSLATE_NOOP("Reasons", "Pick"),
    "shipment": QT_TRANSLATE_NOOP("Reasons", "Shipment"),
    "return": QT_TRANSLATE_NOOP("Reasons", "Return"),
    "restock": QT_TRANSLATE_NOOP("Reasons", "Restock"),
    "quarantine": QT_TRANSLATE_NOOP("Reasons", "Quarantine"),
    "adjustment": QT_TRANSLATE_NOOP("Reasons", "Adjustment"),
    "count": QT_TRANSLATE_NOOP("Reasons", "Count"),
    "scrap": QT_TRANSLATE_NOOP("Reasons", "Scrap"),
    "reversal": QT_TRANSLATE_NOOP("Reasons", "Reversal"),
}


def reason_text(reason: str) -> str:
    """A posting reason in the user's language."""
    source = REASONS.get(reason)
    return QCoreApplication.translate("Reasons", source) if source else reason


COLUMNS: list[Column[MoveRecord]] = [
    Column(QT_TRANSLATE_NOOP("Columns", "Time"), lambda r: r.at),
    Column(QT_TRANSLATE_NOOP("Columns", "Reason"), lambda r: reason_text(r.reason)),
    Column(QT_TRANSLATE_NOOP("Columns", "Reference"), lambda r: r.reference),
    Column(QT_TRANSLATE_NOOP("Columns", "SKU"), lambda r: r.sku),
    Column(QT_TRANSLATE_NOOP("Columns", "Product"), lambda r: r.product_name),
    Column(QT_TRANSLATE_NOOP("Columns", "Lot"), lambda r: r.lot_number),
    Column(QT_TRANSLATE_NOOP("Columns", "Serial"), lambda r: r.serial),
    Column(QT_TRANSLATE_NOOP("Columns", "Quantity"), lambda r: r.qty, numeric=True),
    Column(QT_TRANSLATE_NOOP("Columns", "From"), lambda r: r.from_code),
    Column(QT_TRANSLATE_NOOP("Columns", "To"), lambda r: r.to_code),
    Column(QT_TRANSLATE_NOOP("Columns", "User"), lambda r: r.username),
    Column(QT_TRANSLATE_NOOP("Columns", "Workstation"), lambda r: r.workstation),
]


class MovesPage(BrowserPage):
    """Every stock move: when, why, what, how many, from where to where, by whom."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(
            workspace, title=self.tr("Move history"),
            fields=[("sku", self.tr("SKU")), ("name", self.tr("Name")),
                    ("barcode", self.tr("Barcode")), ("location", self.tr("Location")),
                    ("lot", self.tr("Lot")), ("reference", self.tr("Reference"))],
            columns=COLUMNS, key_of=lambda row: row.move_id,
            load_page=lambda flt, before: load_move_page(flt=flt, before=before),
            count=lambda flt: count_move_rows(flt=flt),
            watches={"stock"}, parent=parent)
