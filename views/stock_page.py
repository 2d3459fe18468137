"""The stock browser: every quant with stock, by SKU and location, filtered by SKU, name,
barcode, location or lot. Enter or a double click on a row shows its moves."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QT_TRANSLATE_NOOP, QModelIndex
from PySide6.QtWidgets import QWidget

from app.ops.stock import count_stock_rows, load_stock_page
from app.workspace import Workspace
from models.ledger.browse import StockRow
from views.browser_page import BrowserPage
from views.lazy_table import Column

EXPIRY_WARNING_DAYS = 30


def expiry_tone(row: StockRow) -> str | None:
    """Red when the lot has expired, amber when it expires within a month."""
    if row.expiry is None:
        return None
    today = date.today()
    if row.expiry < today:
        return "error"
    return "warn" if row.expiry <= today + timedelta(days=EXPIRY_WARNING_DAYS) else None


COLUMNS: list[Column[StockRow]] = [
    Column(QT_TRANSLATE_NOOP("Columns", "SKU"), lambda r: r.sku),
    Column(QT_TRANSLATE_NOOP("Columns", "Product"), lambda r: r.name),
    Column(QT_TRANSLATE_NOOP("Columns", "Alternative name"), lambda r: r.alt_name),
    Column(QT_TRANSLATE_NOOP("Columns", "Warehouse"), lambda r: r.warehouse),
    Column(QT_TRANSLATE_NOOP("Columns", "Location"), lambda r: r.location),
    Column(QT_TRANSLATE_NOOP("Columns", "Lot"), lambda r: r.lot),
    Column(QT_TRANSLATE_NOOP("Columns", "Expiry"), lambda r: r.expiry, tone=expiry_tone),
    Column(QT_TRANSLATE_NOOP("Columns", "On hand"), lambda r: r.on_hand, numeric=True),
    Column(QT_TRANSLATE_NOOP("Columns", "Reserved"), lambda r: r.reserved, numeric=True,
           tone=lambda r: "muted" if r.reserved == 0 else None),
    Column(QT_TRANSLATE_NOOP("Columns", "Available"), lambda r: r.available, numeric=True),
]


class StockPage(BrowserPage):
    """Stock on hand, reserved and available per product, location and lot."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(
            workspace, title=self.tr("Stock"),
            fields=[("sku", self.tr("SKU")), ("name", self.tr("Name")),
                    ("barcode", self.tr("Barcode")), ("location", self.tr("Location")),
                    ("lot", self.tr("Lot"))],
            columns=COLUMNS, key_of=lambda row: row.key,
            load_page=lambda flt, after: load_stock_page(flt=flt, after=after),
            count=lambda flt: count_stock_rows(flt=flt),
            watches={"stock", "products", "locations"}, parent=parent)
        self._navigate = workspace.navigate
        # Enter or a double click on a row (Qt's "activated").
        self.table.activated.connect(self._show_moves)
        self.table.setToolTip(self.tr("Enter or double-click on a row shows its moves."))

    def _show_moves(self, index: QModelIndex) -> None:
        row = self.model.row_at(index.row())
        self._navigate("moves", {"sku": row.sku, "location": row.location, "lot": row.lot})
