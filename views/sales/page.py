"""Sales orders: search and filter the orders of every shop, open one to see who it goes to
and its lines, enter an order by hand (a phone order), import a shop's order export, and keep
the shops."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QModelIndex
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QPushButton,
    QSplitter,
    QWidget,
)

from app.error_display import error_text
from app.ops.purchasing import find_products
from app.ops.sales import (
    ShopRow,
    decide_orders,
    import_orders,
    list_orders,
    list_shops,
    load_order,
    review_new_orders,
    save_order,
)
from app.workspace import Workspace
from models.entities import SalesOrderStatus
from models.masterdata.import_report import ImportFailed
from models.masterdata.listing import ProductListRow
from models.permissions import Perm
from models.sales.order_import import OrderImportReport
from models.sales.order_pages import OrderDetail, order_key
from models.sales.order_views import OrderRow
from models.sales.review import ReviewSummary
from views.import_problems import ImportProblemsDialog
from views.lazy_table import Column
from views.record_page import RecordPage
from views.sales.import_dialog import ImportDialog
from views.sales.order_editor import SalesOrderEditor
from views.sales.review_bar import ReviewBar
from views.sales.rules_dialog import RulesDialog
from views.sales.shop_dialog import ShopDialog
from views.sales.texts import money, status_text
from views.sku_lookup import best_match

COLUMNS: list[Column[OrderRow]] = [
    Column(QT_TRANSLATE_NOOP("Columns", "Shop"), lambda r: r.shop),
    Column(QT_TRANSLATE_NOOP("Columns", "Order number"), lambda r: r.number),
    Column(QT_TRANSLATE_NOOP("Columns", "Status"), lambda r: status_text(r.status)),
    Column(QT_TRANSLATE_NOOP("Columns", "Ordered at"),
           lambda r: r.ordered_at.astimezone().strftime("%Y-%m-%d %H:%M")),
    Column(QT_TRANSLATE_NOOP("Columns", "Lines"), lambda r: r.lines, numeric=True),
    Column(QT_TRANSLATE_NOOP("Columns", "Units"), lambda r: r.units, numeric=True),
    Column(QT_TRANSLATE_NOOP("Columns", "Paid"), lambda r: money(r.paid_total, r.currency),
           numeric=True),
    Column(QT_TRANSLATE_NOOP("Columns", "Recipient"), lambda r: r.recipient),
    Column(QT_TRANSLATE_NOOP("Columns", "City"), lambda r: r.city),
]


def describe(data: OrderDetail | None) -> str:
    """The detail's heading for an order."""
    return f"{data.shop} {data.number} – {data.recipient}" if data is not None else ""


class SalesOrdersPage(RecordPage):
    """The sales order list and the order's detail, which is also the manual entry form."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        actor = workspace.actor
        self._shop = self._status = ""
        self.order_editor = SalesOrderEditor(workspace.settings.language)
        super().__init__(
            workspace, title=self.tr("Sales orders"), new_label=self.tr("New order…"),
            search_hint=self.tr("Search number, buyer, recipient or SKU (Ctrl+F)"),
            columns=COLUMNS, key_of=order_key,
            list_page=lambda text, after: list_orders(text=text, shop=self._shop,
                                                      status=self._status, after=after),
            describe=describe, editor=self.order_editor,
            load=lambda order_id: load_order(order_id=order_id),
            save=lambda values, _order_id: save_order(actor=actor, shop=values["shop"],
                                                      values=values),
            can_edit=actor.can(Perm.ORDERS_IMPORT), watches={"sales", "products"},
            # An order can be corrected only while it is new.
            may_save=lambda data: data is None or data.status == SalesOrderStatus.NEW,
            empty_hint=self.tr("Choose an order in the list, or enter one with New order…"),
            parent=parent)
        self._workspace = workspace
        self.shops: list[ShopRow] = []
        self.import_dialog: ImportDialog | None = None
        self._import_shop = ""  # the shop the last import was for
        self.import_problems: ImportProblemsDialog | None = None
        self.shop_filter = QComboBox(self)
        self.shop_filter.setObjectName("shop_filter")
        self.shop_filter.activated.connect(self._filter_chosen)
        self.status_filter = QComboBox(self)
        self.status_filter.setObjectName("status_filter")
        self.status_filter.addItem(self.tr("Every status"), "")
        for status in SalesOrderStatus:
            self.status_filter.addItem(status_text(status), str(status))
        self.status_filter.activated.connect(self._filter_chosen)
        self.import_button = QPushButton(self.tr("Import file…"), self)
        self.import_button.setObjectName("import_orders")
        self.import_button.setToolTip("Ctrl+I")
        self.import_button.clicked.connect(self.import_file)
        self.shops_button = QPushButton(self.tr("Shops…"), self)
        self.shops_button.setObjectName("shops")
        self.shops_button.clicked.connect(self.open_shops)
        for button in (self.import_button, self.shops_button):
            button.setVisible(self.can_edit)
        self.rules_button = QPushButton(self.tr("Rules…"), self)
        self.rules_button.setObjectName("review_rules")
        self.rules_button.setToolTip(self.tr("The review rules, in the order they are tried"))
        self.rules_button.clicked.connect(self.open_rules)
        QShortcut(QKeySequence("Ctrl+I"), self, activated=self.import_file)
        tools = QHBoxLayout()
        tools.addWidget(self.shop_filter, 1)
        tools.addWidget(self.status_filter, 1)
        tools.addWidget(self.import_button)
        tools.addWidget(self.shops_button)
        tools.addWidget(self.rules_button)
        self.review_bar = ReviewBar(actor, self)
        self.review_bar.review_new.connect(self.review_new)
        self.review_bar.decided.connect(self.decide)
        left_column = self.search.parentWidget().layout()
        left_column.insertLayout(1, tools)  # type: ignore[attr-defined]
        left_column.insertWidget(2, self.review_bar)  # type: ignore[attr-defined]
        # Several orders can be chosen for the review actions; the first is shown.
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        # Nine columns: the list gets more of the width than a master-data list does.
        self.findChild(QSplitter).setSizes([560, 740])
        self.list.activated.connect(self._open_detail)
        self.order_editor.sku_entered.connect(self._look_up)
        self._load_shops()

    # --- list ------------------------------------------------------------------------------

    def _filter_chosen(self, _index: int) -> None:
        self._shop = self.shop_filter.currentData() or ""
        self._status = self.status_filter.currentData() or ""
        self._apply_search()

    def _open_detail(self, _index: QModelIndex) -> None:
        """Enter or a double-click: on to the order's detail, its lines if it is read-only."""
        editor = self.order_editor
        if editor.edits["recipient"].isReadOnly():
            editor.lines.setFocus()
        else:
            editor.edits["recipient"].setFocus()

    def _load_shops(self) -> None:
        list_shops().success(self._shops_loaded) \
            .run_in_background(self._workspace.runner, parent=self, key=("shops", id(self)))

    def _shops_loaded(self, shops: list[ShopRow]) -> None:
        self.shops = shops
        self.order_editor.set_shops(shops)
        self.shop_filter.clear()
        self.shop_filter.addItem(self.tr("Every shop"), "")
        for shop in shops:
            self.shop_filter.addItem(f"{shop.code} – {shop.name}", shop.code)
        self.shop_filter.setCurrentIndex(max(self.shop_filter.findData(self._shop), 0))

    # --- lines -----------------------------------------------------------------------------

    def _look_up(self, row: int, sku: str) -> None:
        find_products(text=sku).success(lambda found: self._found(row, sku, found)) \
            .run_in_background(self._workspace.runner, parent=self)

    def _found(self, row: int, sku: str, found: list[ProductListRow]) -> None:
        hit = best_match(sku, found)
        if hit is None and sku.isdigit() and len(found) == 1:
            # A barcode: the line keeps it as the shop's SKU and is matched by it.
            self.order_editor.set_product(row, sku, found[0].sku, found[0].name)
            return
        self.order_editor.set_product(row, hit.sku if hit else sku, hit.sku if hit else None,
                                      hit.name if hit else None)

    # --- import and shops ------------------------------------------------------------------

    def import_file(self) -> ImportDialog | None:
        """Ask for the export, its shop and profile, then import it (Ctrl+I)."""
        if not self.can_edit:
            return None
        dialog = self.import_dialog = ImportDialog(
            self._workspace, self.shops, self._shop or self._import_shop or None, self)
        dialog.accepted.connect(lambda: self.import_from(
            dialog.path(), shop=dialog.shop_code(), profile=dialog.profile_name()))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def import_from(self, path: Path, *, shop: str, profile: str | None = None) -> None:
        """Import `path` into `shop`; bad rows are listed in a dialog, nothing being saved."""
        self._import_shop = shop
        import_orders(actor=self._workspace.actor, path=path, shop=shop, profile=profile) \
            .success(self._imported).failure(self._import_failed) \
            .with_progress(self.tr("Importing sales orders…")) \
            .run_in_background(self._runner, parent=self)

    def _imported(self, report: OrderImportReport) -> None:
        created = self.tr("1 new order") if report.created == 1 else \
            self.tr("{count} new orders").format(count=report.created)
        lines = self.tr("1 line") if report.lines == 1 else \
            self.tr("{count} lines").format(count=report.lines)
        message = self.tr(
            "{file} into {shop}: {created}, {updated} updated, {unchanged} unchanged; "
            "{lines}.").format(file=report.file, shop=report.shop, created=created,
                               updated=report.updated, unchanged=report.unchanged,
                               lines=lines)
        if report.kept:
            message += " " + self.tr("Left alone, being past new: {orders}.").format(
                orders=", ".join(report.kept))
        self._say(message)

    def _import_failed(self, error: BaseException) -> None:
        if not isinstance(error, ImportFailed):
            self._show_problem(error_text(error))
            return
        self._show_problem(self.tr("{file}: {count} rows are wrong; nothing was "
                                   "imported.").format(file=error.report.file,
                                                       count=len(error.report.errors)))
        self.import_problems = ImportProblemsDialog(error.report, self)
        self.import_problems.open()

    def open_shops(self) -> ShopDialog:
        """Open the shop list and form."""
        dialog = ShopDialog(self._workspace, self)
        dialog.changed.connect(self._load_shops)
        dialog.open()
        return dialog

    def open_rules(self) -> RulesDialog:
        """Open the review rules (read-only without orders.review)."""
        dialog = RulesDialog(self._workspace, self)
        dialog.open()
        return dialog

    # --- review ----------------------------------------------------------------------------

    def selected_ids(self) -> list[int]:
        """The ids of the orders chosen in the list, top to bottom."""
        rows = sorted(index.row() for index in self.list.selectionModel().selectedRows())
        return [self.model.row_at(row).id for row in rows]

    def review_new(self) -> None:
        """Review every new order (of the shop filtered on) by the rules."""
        review_new_orders(actor=self._workspace.actor, shop=self._shop) \
            .success(self._reviewed).failure(lambda e: self._show_problem(error_text(e))) \
            .with_progress(self.tr("Reviewing orders…")) \
            .run_in_background(self._runner, parent=self)

    def decide(self, action: str, reason: str) -> None:
        """Retry, release, approve, hold or cancel the chosen orders."""
        ids = self.selected_ids()
        if not ids:
            self._show_problem(self.tr("Choose the orders in the list first."))
            return
        decide_orders(actor=self._workspace.actor, action=action, order_ids=ids,
                      reason=reason) \
            .success(self._reviewed).failure(lambda e: self._show_problem(error_text(e))) \
            .run_in_background(self._runner, parent=self)

    def _reviewed(self, summary: ReviewSummary) -> None:
        self._say(self.review_bar.summary_text(summary, self._workspace.settings.language))
        if self.current_id is not None:
            self._open(self.current_id)
