"""Purchase orders: search and filter the list, edit an order and its lines, close or reopen
it, print it as PDF, import orders from a file, and keep suppliers."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QPushButton,
    QWidget,
)

from app.error_display import error_text
from app.ops.purchasing import (
    OrderChoices,
    SavedOrder,
    close_order,
    find_products,
    import_orders,
    list_orders,
    load_order,
    order_choices,
    print_order_pdf,
    reopen_order,
    save_order,
)
from app.workspace import Workspace
from models.entities import PoStatus
from models.masterdata.import_report import ImportFailed, ImportReport
from models.masterdata.listing import ProductListRow
from models.permissions import Perm
from models.purchasing.order_views import OrderListRow, OrderView
from views.import_problems import ImportProblemsDialog
from views.lazy_table import Column
from views.purchasing.order_editor import OrderEditor
from views.purchasing.statuses import status_text, status_tone
from views.purchasing.supplier_dialog import SupplierDialog
from views.record_page import RecordPage
from views.sku_lookup import best_match, product_label


def _tone(row: OrderListRow) -> str | None:
    return status_tone(row.status)


COLUMNS: list[Column[OrderListRow]] = [
    Column(QT_TRANSLATE_NOOP("Columns", "Order"), lambda r: r.code, tone=_tone),
    Column(QT_TRANSLATE_NOOP("Columns", "Supplier"), lambda r: r.supplier_name, tone=_tone),
    Column(QT_TRANSLATE_NOOP("Columns", "Status"), lambda r: status_text(r.status),
           tone=_tone),
    Column(QT_TRANSLATE_NOOP("Columns", "Expected"), lambda r: r.expected_date, tone=_tone),
    Column(QT_TRANSLATE_NOOP("Columns", "Received"), lambda r: f"{r.received} / {r.ordered}",
           numeric=True, tone=_tone),
    Column(QT_TRANSLATE_NOOP("Columns", "Warehouse"), lambda r: r.warehouse, tone=_tone),
]


def describe(data: OrderView | None) -> str:
    """The editor's heading for an order."""
    return f"{data.code} – {data.supplier_name}" if data is not None else ""


class PurchaseOrdersPage(RecordPage):
    """The purchase order list and editor."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        actor = workspace.actor
        self._status = ""
        self.order_editor = OrderEditor()
        super().__init__(
            workspace, title=self.tr("Purchase orders"), new_label=self.tr("New order…"),
            search_hint=self.tr("Search number or supplier (Ctrl+F)"), columns=COLUMNS,
            key_of=lambda row: row.key,
            list_page=lambda text, after: list_orders(text=text, status=self._status,
                                                      after=after),
            describe=describe, editor=self.order_editor,
            load=lambda order_id: load_order(order_id=order_id),
            save=lambda values, order_id: save_order(actor=actor, values=values,
                                                     order_id=order_id),
            can_edit=actor.can(Perm.PURCHASING_EDIT), watches={"purchasing", "products"},
            parent=parent)
        self._workspace = workspace
        self.import_problems: ImportProblemsDialog | None = None
        self.status_filter = QComboBox(self)
        self.status_filter.setObjectName("status_filter")
        self.status_filter.addItem(self.tr("Every status"), "")
        for status in PoStatus:
            self.status_filter.addItem(status_text(status), str(status))
        self.status_filter.activated.connect(self._status_chosen)
        self.import_button = QPushButton(self.tr("Import file…"), self)
        self.import_button.setObjectName("import_orders")
        self.import_button.clicked.connect(self.import_file)
        self.suppliers_button = QPushButton(self.tr("Suppliers…"), self)
        self.suppliers_button.setObjectName("suppliers")
        self.suppliers_button.clicked.connect(self.open_suppliers)
        self.import_button.setVisible(self.can_edit and actor.can(Perm.DATA_IMPORT))
        tools = QHBoxLayout()
        tools.addWidget(self.status_filter, 1)
        tools.addWidget(self.import_button)
        tools.addWidget(self.suppliers_button)
        left_column = self.search.parentWidget().layout()
        left_column.insertLayout(1, tools)  # type: ignore[attr-defined]
        editor = self.order_editor
        editor.sku_entered.connect(self._look_up)
        editor.close_requested.connect(self._close_order)
        editor.reopen_requested.connect(self._reopen_order)
        editor.print_requested.connect(self.print_pdf)
        self._load_choices()

    # --- list ------------------------------------------------------------------------------

    def _status_chosen(self, _index: int) -> None:
        self._status = self.status_filter.currentData() or ""
        self._apply_search()

    def _load_choices(self) -> None:
        order_choices().success(self._choices_loaded) \
            .run_in_background(self._workspace.runner, parent=self, key=("choices", id(self)))

    def _choices_loaded(self, choices: OrderChoices) -> None:
        self.order_editor.set_choices(choices)

    # --- lines -----------------------------------------------------------------------------

    def _look_up(self, row: int, sku: str) -> None:
        find_products(text=sku).success(lambda found: self._found(row, sku, found)) \
            .run_in_background(self._workspace.runner, parent=self)

    def _found(self, row: int, sku: str, found: list[ProductListRow]) -> None:
        hit = best_match(sku, found)
        self.order_editor.set_product_name(
            row, hit.sku if hit else sku, product_label(hit) if hit else None)

    # --- order actions ---------------------------------------------------------------------

    def _current_view(self) -> OrderView | None:
        return self.order_editor.view if self.current_id is not None else None

    def _close_order(self) -> None:
        if self.current_id is None or not self._may_leave():
            return
        close_order(actor=self._workspace.actor, order_id=self.current_id) \
            .success(lambda saved: self._changed(saved, self.tr("Closed: nothing more is "
                                                               "expected."))) \
            .failure(lambda error: self._show_problem(error_text(error))) \
            .run_in_background(self._runner, parent=self)

    def _reopen_order(self) -> None:
        if self.current_id is None:
            return
        reopen_order(actor=self._workspace.actor, order_id=self.current_id) \
            .success(lambda saved: self._changed(saved, self.tr("Reopened."))) \
            .failure(lambda error: self._show_problem(error_text(error))) \
            .run_in_background(self._runner, parent=self)

    def _changed(self, saved: SavedOrder, message: str) -> None:
        self._show(saved.id, saved.data)
        self._say(message)

    def print_pdf(self) -> None:
        """Ask where to save the order's PDF, then write it (Ctrl+P)."""
        view = self._current_view()
        if view is None:
            return
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the purchase order as PDF"), f"{view.code}.pdf",
            self.tr("PDF files (*.pdf)"))
        if path:
            self.print_to(Path(path))

    def print_to(self, path: Path) -> None:
        """Write the shown order's PDF to `path`."""
        view = self._current_view()
        if view is None:
            return
        print_order_pdf(order_id=view.id, path=path) \
            .success(lambda written: self._say(
                self.tr("PDF saved to {path}.").format(path=written))) \
            .failure(lambda error: self._show_problem(error_text(error))) \
            .run_in_background(self._runner, parent=self)

    # --- import and suppliers --------------------------------------------------------------

    def import_file(self) -> None:
        """Ask for a CSV or XLSX file of order lines and import it."""
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import purchase orders"), "",
            self.tr("Spreadsheets (*.csv *.xlsx)"))
        if path:
            self.import_from(Path(path))

    def import_from(self, path: Path) -> None:
        """Import `path`; bad rows are listed in a dialog, nothing being saved."""
        import_orders(actor=self._workspace.actor, path=path, dry_run=False) \
            .success(self._imported).failure(self._import_failed) \
            .with_progress(self.tr("Importing purchase orders…")) \
            .run_in_background(self._runner, parent=self)

    def _imported(self, report: ImportReport) -> None:
        self._say(self.tr("{file}: {count} rows; created {created} orders, updated "
                          "{updated}.").format(file=report.file, count=report.rows,
                                               created=report.created, updated=report.updated))

    def _import_failed(self, error: BaseException) -> None:
        if not isinstance(error, ImportFailed):
            self._show_problem(error_text(error))
            return
        self._show_problem(str(error))
        self.import_problems = ImportProblemsDialog(error.report, self)
        self.import_problems.open()

    def open_suppliers(self) -> SupplierDialog:
        """Open the supplier list and form."""
        dialog = SupplierDialog(self._workspace, self)
        dialog.changed.connect(self._load_choices)
        dialog.open()
        return dialog

