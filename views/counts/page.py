"""Counts: the list of stock counts with their progress; plan a new one; for the selected
count its bins (status, counter) and the variance list with quantity and value impact,
filtered; send bins to a recount, approve, and save the count sheet or report as PDF."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.error_display import error_text, in_user_language
from app.ops import counting as ops
from app.workspace import Workspace
from models.counting.plans import BinProgress, CountSummary
from models.counting.review import VarianceRow
from models.permissions import Perm
from views.counts.approval import ApprovedDialog, ApproveDialog
from views.counts.labels import COUNT_STATUSES, count_status_text
from views.counts.plan_dialog import PlanDialog
from views.counts.tables import (
    BIN_HEADERS,
    COUNT_HEADERS,
    VARIANCE_HEADERS,
    fill_bins,
    fill_counts,
    fill_variances,
    headers,
    make_table,
    variance_totals,
)
from views.message_line import MessageLine

FILTER_DEBOUNCE_MS = 300


class CountsPage(QWidget):
    """Plan, follow, review and approve stock counts."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self._runner = workspace.runner
        self.counts: list[CountSummary] = []
        self.bins: list[BinProgress] = []
        self.variances: list[VarianceRow] = []
        self.current: CountSummary | None = None
        self._select_next: int | None = None
        #: The dialog opened last (plan, approve, approved): tests drive it.
        self.dialog: Any = None
        can_plan = workspace.actor.can(Perm.STOCK_ADJUST)

        heading = QLabel(self.tr("Counts"), self)
        heading.setObjectName("PageTitle")
        self.status_filter = QComboBox(self)
        self.status_filter.addItem(self.tr("Every status"), "")
        for status in COUNT_STATUSES:
            self.status_filter.addItem(count_status_text(status), status)
        self.status_filter.activated.connect(lambda _i: self.refresh())
        self.plan_button = QPushButton(self.tr("Plan count…"), self)
        self.plan_button.setObjectName("plan_count")
        self.plan_button.setProperty("role", "primary")
        self.plan_button.setToolTip("Ctrl+N")
        self.plan_button.clicked.connect(self.new_record)
        self.plan_button.setVisible(can_plan)
        self.count_list = make_table(headers(COUNT_HEADERS), parent=self)
        self.count_list.setObjectName("count_list")
        self.count_list.itemSelectionChanged.connect(self._count_chosen)

        self.count_title = QLabel(self)
        self.count_title.setObjectName("record_title")
        self.count_title.setStyleSheet("font-size: 13pt; font-weight: 600;")
        self.message = MessageLine(workspace.settings.language, self)
        self.message.setObjectName("count_message")
        self.recount_button = QPushButton(self.tr("Request recount"), self)
        self.recount_button.setObjectName("request_recount")
        self.recount_button.setToolTip(self.tr("Send the selected bins to a recount by "
                                               "another counter"))
        self.recount_button.clicked.connect(self.request_recount)
        self.approve_button = QPushButton(self.tr("Approve…"), self)
        self.approve_button.setObjectName("approve_count")
        self.approve_button.clicked.connect(self.ask_approval)
        self.sheet_button = QPushButton(self.tr("Count sheet PDF…"), self)
        self.sheet_button.clicked.connect(lambda: self.save_pdf("sheet"))
        self.report_button = QPushButton(self.tr("Count report PDF…"), self)
        self.report_button.clicked.connect(lambda: self.save_pdf("report"))
        self.moves_button = QPushButton(self.tr("Adjustments in move history"), self)
        self.moves_button.setObjectName("count_moves")
        self.moves_button.clicked.connect(self.show_moves)
        for button in (self.recount_button, self.approve_button):
            button.setVisible(can_plan)

        self.bin_table = make_table(headers(BIN_HEADERS), multi=True, parent=self)
        self.bin_table.setObjectName("count_bins")
        self.only_variances = QCheckBox(self.tr("Only variances"), self)
        self.only_variances.setChecked(True)
        self.only_variances.toggled.connect(lambda _on: self.load_variances())
        self.location_filter = QLineEdit(self)
        self.location_filter.setPlaceholderText(self.tr("Location"))
        self.sku_filter = QLineEdit(self)
        self.sku_filter.setPlaceholderText(self.tr("SKU"))
        self._filter_timer = QTimer(self, singleShot=True, interval=FILTER_DEBOUNCE_MS)
        self._filter_timer.timeout.connect(self.load_variances)
        for field in (self.location_filter, self.sku_filter):
            field.setClearButtonEnabled(True)
            field.textEdited.connect(lambda _t: self._filter_timer.start())
            field.returnPressed.connect(self.load_variances)
        self.variance_table = make_table(headers(VARIANCE_HEADERS), stretch=2, parent=self)
        self.variance_table.setObjectName("variances")
        self.variance_total = QLabel(self)
        self._layout(heading)
        self._show_count(None)
        self._runner.changed.connect(self._data_changed)
        self.refresh()

    def _layout(self, heading: QLabel) -> None:
        left = QWidget(self)
        left_column = QVBoxLayout(left)
        left_column.setContentsMargins(0, 0, 8, 0)
        tools = QHBoxLayout()
        tools.addWidget(self.status_filter, 1)
        tools.addWidget(self.plan_button)
        left_column.addLayout(tools)
        left_column.addWidget(self.count_list, 1)

        bins_tab = QWidget(self)
        bins_column = QVBoxLayout(bins_tab)
        bins_column.addWidget(self.bin_table, 1)
        variance_tab = QWidget(self)
        variance_column = QVBoxLayout(variance_tab)
        filters = QHBoxLayout()
        filters.addWidget(self.only_variances)
        filters.addWidget(self.location_filter, 1)
        filters.addWidget(self.sku_filter, 1)
        variance_column.addLayout(filters)
        variance_column.addWidget(self.variance_table, 1)
        variance_column.addWidget(self.variance_total)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(bins_tab, self.tr("Bins"))
        self.tabs.addTab(variance_tab, self.tr("Variances"))

        right = QWidget(self)
        right_column = QVBoxLayout(right)
        right_column.setContentsMargins(8, 0, 0, 0)
        right_column.addWidget(self.count_title)
        actions = QHBoxLayout()
        for button in (self.recount_button, self.approve_button, self.sheet_button,
                       self.report_button, self.moves_button):
            actions.addWidget(button)
        actions.addStretch(1)
        right_column.addLayout(actions)
        right_column.addWidget(self.message)
        right_column.addWidget(self.tabs, 1)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([560, 840])  # the list shows its progress column without scrolling
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(splitter, 1)

    # --- the list --------------------------------------------------------------------------

    def refresh(self) -> None:
        """F5: load the counts again (and the selected count's bins and variances)."""
        ops.list_counts(status=self.status_filter.currentData() or "") \
            .success(self._counts_loaded).failure(self.message.fail) \
            .run_in_background(self._runner, parent=self, key=("counts", id(self)))

    def _counts_loaded(self, rows: list[CountSummary]) -> None:
        chosen = self._select_next or (self.current.id if self.current is not None else None)
        self._select_next = None
        self.counts = rows
        self.count_list.blockSignals(True)
        fill_counts(self.count_list, rows)
        self.count_list.blockSignals(False)
        row = next((i for i, r in enumerate(rows) if r.id == chosen), -1)
        if row >= 0:
            self.count_list.selectRow(row)
            self.current = rows[row]
            self._show_count(rows[row])
        else:
            self._show_count(None)

    def select_count(self, count_id: int) -> None:
        """Show the count with this id (it must be in the list)."""
        for row, count in enumerate(self.counts):
            if count.id == count_id:
                self.count_list.selectRow(row)
                return

    def _count_chosen(self) -> None:
        rows = {index.row() for index in self.count_list.selectedIndexes()}
        count = self.counts[min(rows)] if rows else None
        self.current = count
        self.message.clear()
        self._show_count(count)

    def _show_count(self, count: CountSummary | None) -> None:
        is_open = count is not None and count.status == "open"
        for button in (self.recount_button, self.approve_button):
            button.setEnabled(is_open)
        for button in (self.sheet_button, self.report_button):
            button.setEnabled(count is not None)
        self.moves_button.setEnabled(count is not None and count.status == "approved")
        if count is None:
            self.count_title.setText(self.tr("Choose a count, or plan one"))
            self.bins, self.variances = [], []
            fill_bins(self.bin_table, [])
            fill_variances(self.variance_table, [])
            self.variance_total.clear()
            return
        self.count_title.setText(self.tr("{code} – {title} – {status}").format(
            code=count.code, title=count.title, status=count_status_text(count.status)))
        ops.count_bins(count_id=count.id).success(self._bins_loaded).failure(self.message.fail) \
            .run_in_background(self._runner, parent=self, key=("count-bins", id(self)))
        self.load_variances()

    def _bins_loaded(self, rows: list[BinProgress]) -> None:
        self.bins = rows
        fill_bins(self.bin_table, rows)

    def load_variances(self) -> None:
        """The selected count's variance list, with the filters."""
        if self.current is None:
            return
        flt = ops.VarianceFilter(only_variances=self.only_variances.isChecked(),
                                 location=self.location_filter.text().strip(),
                                 sku=self.sku_filter.text().strip())
        ops.load_variances(count_id=self.current.id, flt=flt) \
            .success(self._variances_loaded).failure(self.message.fail) \
            .run_in_background(self._runner, parent=self, key=("variances", id(self)))

    def _variances_loaded(self, rows: list[VarianceRow]) -> None:
        self.variances = rows
        fill_variances(self.variance_table, rows)
        lines, units, value = variance_totals(rows)
        self.variance_total.setText(self.tr("{lines} lines differ: {units} units, value "
                                            "{value}").format(lines=lines, units=f"{units:+d}",
                                                              value=f"{value:+,.2f}"))

    def _data_changed(self, areas: frozenset[str]) -> None:
        if areas & {"counts", "stock"}:
            self.refresh()

    # --- planning --------------------------------------------------------------------------

    def new_record(self) -> None:
        """Ctrl+N: plan a count."""
        if not self.plan_button.isVisible():
            return
        ops.plan_choices().success(self._open_plan).failure(self.message.fail) \
            .run_in_background(self._runner, parent=self)

    def _open_plan(self, choices: ops.PlanChoices) -> None:
        dialog = PlanDialog(choices, self)
        dialog.planned.connect(lambda values: self._plan(dialog, values))
        self.dialog = dialog
        dialog.open()

    def _plan(self, dialog: PlanDialog, values: ops.PlanInput) -> None:
        ops.plan(actor=self.workspace.actor, values=values) \
            .success(lambda planned: self._planned(dialog, planned)) \
            .failure(lambda error: dialog.show_problem(error_text(error))) \
            .run_in_background(self._runner, parent=self)

    def _planned(self, dialog: PlanDialog, planned: ops.Planned) -> None:
        dialog.accept()
        self._select_next = planned.id  # the list reloads on the "counts" change
        self.message.say(self.tr("{code} planned: {n} bins to count. Counters scan {code} on the "
                          "Counting screen.").format(code=planned.code, n=planned.bins))

    # --- review actions --------------------------------------------------------------------

    def selected_bins(self) -> list[str]:
        """The location codes of the bins selected in the Bins tab."""
        rows = sorted({index.row() for index in self.bin_table.selectedIndexes()})
        return [self.bins[row].location for row in rows if row < len(self.bins)]

    def request_recount(self) -> None:
        """Send the selected bins to a recount by another counter."""
        if self.current is None:
            return
        locations = self.selected_bins()
        ops.request_recount(actor=self.workspace.actor, count_id=self.current.id,
                            locations=locations) \
            .success(lambda codes: self.message.say(self.tr(
                "{locations}: to be recounted by another counter.").format(
                locations=", ".join(codes)))) \
            .failure(self.message.fail).run_in_background(self._runner, parent=self)

    def ask_approval(self) -> None:
        """Approve…: what would be posted, a note, then approve."""
        count = self.current
        if count is None:
            return
        ops.load_variances(count_id=count.id, flt=ops.VarianceFilter()) \
            .success(lambda rows: self._confirm(count, rows)).failure(self.message.fail) \
            .run_in_background(self._runner, parent=self)

    def _confirm(self, count: CountSummary, rows: list[VarianceRow]) -> None:
        lines, units, value = variance_totals(rows)
        pending = sum(b.status == "pending" for b in self.bins)
        dialog = ApproveDialog(count.code, lines=lines, units=units, value=value,
                               pending=pending, parent=self)
        dialog.approved.connect(lambda note: self._approve(count, note))
        self.dialog = dialog
        dialog.open()

    def _approve(self, count: CountSummary, note: str) -> None:
        ops.approve(actor=self.workspace.actor, count_id=count.id, note=note) \
            .success(lambda done: self._approved(count, done)).failure(self.message.fail) \
            .run_in_background(self._runner, parent=self)

    def _approved(self, count: CountSummary, done: ops.Approved) -> None:
        self.message.say(in_user_language(done.result.message, self.workspace.settings.language))
        dialog = ApprovedDialog(count.code, done.result, done.accuracy, self,
                                language=self.workspace.settings.language)
        self.dialog = dialog
        dialog.open()

    def show_moves(self) -> None:
        """The move history of the approved count's adjustments (reference COUNT-<n>)."""
        if self.current is not None:
            self.workspace.navigate("moves", {"reference": self.current.code})

    def save_pdf(self, which: str) -> None:
        """Ask where to save the count sheet or report, then write it."""
        if self.current is None:
            return
        name = f"{self.current.code}-{'sheet' if which == 'sheet' else 'report'}.pdf"
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save as PDF"), name,
                                              self.tr("PDF files (*.pdf)"))
        if path:
            self.save_pdf_to(which, Path(path))

    def save_pdf_to(self, which: str, path: Path) -> None:
        """Write the selected count's sheet ("sheet") or report ("report") to `path`."""
        if self.current is None:
            return
        make = ops.count_sheet_pdf if which == "sheet" else ops.count_report_pdf
        make(count_id=self.current.id, path=path) \
            .success(lambda written: self.message.say(self.tr("PDF saved to {path}.").format(
                path=written))) \
            .failure(self.message.fail).run_in_background(self._runner, parent=self)

    # --- messages --------------------------------------------------------------------------

