"""Waves: plan waves of approved orders (by carrier, cut-off, single- or multi-item, zone, the
most orders and units per wave), the wave list, the chosen wave's pick list in walk order;
print it or save it as PDF, and cancel a wave nothing was picked in."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.error_display import in_user_language
from app.ops import waves as ops
from app.printer_profiles import PrinterSettings
from app.workspace import Workspace
from models.entities import WaveStatus
from models.picking.picklist import PickRow
from models.picking.planning import PlannedWave
from models.picking.waves import WaveSummary
from views.counts.tables import make_table
from views.message_line import MessageLine
from views.waves.plan_form import PlanForm
from views.waves.tables import (
    PICK_HEADERS,
    WAVE_HEADERS,
    counted,
    fill_pick_list,
    fill_waves,
    headers,
)


class WavesPage(QWidget):
    """Plan waves and follow them, with each wave's pick list."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self._runner = workspace.runner
        self.waves: list[WaveSummary] = []
        self.pick_rows: list[PickRow] = []
        self.current: WaveSummary | None = None
        self._select_next: int | None = None
        heading = QLabel(self.tr("Waves"), self)
        heading.setObjectName("PageTitle")
        self.form = PlanForm(self)
        self.form.warehouse_changed.connect(self._load_waiting)
        self.form.plan.connect(self.plan)
        language = workspace.settings.language
        self.result = MessageLine(language, self)
        self.result.setObjectName("plan_result")
        self.wave_list = make_table(headers(WAVE_HEADERS), parent=self)
        self.wave_list.setObjectName("wave_list")
        self.wave_list.itemSelectionChanged.connect(self._wave_chosen)
        self.wave_title = QLabel(self)
        self.wave_title.setObjectName("record_title")
        self.wave_title.setStyleSheet("font-size: 13pt; font-weight: 600;")
        self.print_button = QPushButton(self.tr("Print pick list"), self)
        self.print_button.setObjectName("print_pick_list")
        self.print_button.setToolTip(self.tr("To this workstation's PDF printer"))
        self.print_button.clicked.connect(self.print_pick_list)
        self.save_button = QPushButton(self.tr("Save as PDF…"), self)
        self.save_button.setObjectName("save_pick_list")
        self.save_button.clicked.connect(self.save_pdf)
        self.cancel_button = QPushButton(self.tr("Cancel wave…"), self)
        self.cancel_button.setObjectName("cancel_wave")
        self.cancel_button.setToolTip(self.tr("Only while nothing is picked: its orders are "
                                              "approved again, their stock stays reserved"))
        self.cancel_button.clicked.connect(self.cancel_wave)
        self.message = MessageLine(language, self)
        self.message.setObjectName("wave_message")
        # The product and the orders share what is left, an order a line; a row grows to show
        # every order and the whole name, wrapped, rather than shorten them to "#2 …".
        self.pick_table = make_table(headers(PICK_HEADERS), stretch=6, parent=self)
        self.pick_table.setObjectName("pick_list")
        self.pick_table.setWordWrap(True)
        self.pick_table.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.pick_table.verticalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.pick_table.horizontalHeader().setSectionResizeMode(
            2, QHeaderView.ResizeMode.Stretch)
        self.pick_total = QLabel(self)
        self._layout(heading)
        self._show_wave(None)
        self._runner.changed.connect(self._data_changed)
        ops.planning_choices().success(self.form.set_choices).failure(self.message.fail) \
            .run_in_background(self._runner, parent=self)
        self.refresh()

    def _layout(self, heading: QLabel) -> None:
        planning = QGroupBox(self.tr("Plan waves from approved orders"), self)
        plan_column = QVBoxLayout(planning)
        plan_column.addWidget(self.form)
        plan_column.addWidget(self.result)
        right = QWidget(self)
        right_column = QVBoxLayout(right)
        right_column.setContentsMargins(8, 0, 0, 0)
        right_column.addWidget(self.wave_title)
        actions = QHBoxLayout()
        for button in (self.print_button, self.save_button, self.cancel_button):
            actions.addWidget(button)
        actions.addStretch(1)
        right_column.addLayout(actions)
        right_column.addWidget(self.message)
        right_column.addWidget(self.pick_table, 1)
        right_column.addWidget(self.pick_total)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.wave_list)
        splitter.addWidget(right)
        # The pick list gets more: its orders, an order a line, must show whole.
        splitter.setSizes([600, 800])
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(planning)
        layout.addWidget(splitter, 1)

    # --- planning --------------------------------------------------------------------------

    def _load_waiting(self, warehouse: str) -> None:
        if warehouse:
            ops.waiting(warehouse=warehouse).success(self.form.show_waiting) \
                .run_in_background(self._runner, parent=self, key=("waiting", id(self)))

    def plan(self) -> None:
        """Plan waves by the criteria in the form."""
        self.result.clear()
        ops.plan(actor=self.workspace.actor, rules=self.form.rules()) \
            .success(self._planned).failure(self.result.fail) \
            .with_progress(self.tr("Planning waves…")) \
            .run_in_background(self._runner, parent=self)

    def _planned(self, planned: list[PlannedWave]) -> None:
        if not planned:
            self.result.note(self.tr("No approved order fits these criteria."))
            return
        self.result.say(self.tr("{waves}, {orders}, {units}: {codes}.").format(
            waves=counted(len(planned), "wave"),
            orders=counted(sum(w.orders for w in planned), "order"),
            units=counted(sum(w.units for w in planned), "unit"),
            codes=", ".join(w.code for w in planned)))
        self._select_next = planned[0].id
        self.refresh()

    # --- the list --------------------------------------------------------------------------

    def refresh(self) -> None:
        """F5: load the waves again, and the orders waiting."""
        ops.waves().success(self._waves_loaded).failure(self.message.fail) \
            .run_in_background(self._runner, parent=self, key=("waves", id(self)))
        self._load_waiting(self.form.warehouse.currentData() or "")

    def _waves_loaded(self, rows: list[WaveSummary]) -> None:
        chosen = self._select_next or (self.current.id if self.current is not None else None)
        self._select_next = None
        self.waves = rows
        row = next((i for i, w in enumerate(rows) if w.id == chosen), -1)
        self.wave_list.blockSignals(True)
        fill_waves(self.wave_list, rows)
        if row >= 0:
            self.wave_list.selectRow(row)
        self.wave_list.blockSignals(False)
        self._show_wave(rows[row] if row >= 0 else None)

    def _wave_chosen(self) -> None:
        rows = self.wave_list.selectionModel().selectedRows()
        self.message.clear()
        self._show_wave(self.waves[rows[0].row()] if rows else None)

    def _show_wave(self, wave: WaveSummary | None) -> None:
        self.current = wave
        for button in (self.print_button, self.save_button):
            button.setEnabled(wave is not None)
        self.cancel_button.setEnabled(
            wave is not None and wave.status in (WaveStatus.OPEN, WaveStatus.PICKING)
            and wave.picked == 0)
        if wave is None:
            self.wave_title.setText(self.tr("Choose a wave in the list"))
            self.pick_table.setRowCount(0)
            self.pick_total.clear()
            return
        self.wave_title.setText(self.tr("{code}: {orders}, carrier {carrier}").format(
            code=wave.code, orders=counted(wave.orders, "order"),
            carrier=wave.carrier or "–"))
        ops.pick_list(wave_id=wave.id).success(self._pick_list_loaded).failure(self.message.fail) \
            .run_in_background(self._runner, parent=self, key=("pick-list", id(self)))

    def _pick_list_loaded(self, rows: list[PickRow]) -> None:
        self.pick_rows = rows
        fill_pick_list(self.pick_table, rows)
        self.pick_total.setText(self.tr("{stops}; {picked} of {units} picked.").format(
            stops=counted(len(rows), "stop"), picked=sum(r.picked for r in rows),
            units=counted(sum(r.qty for r in rows), "unit")))

    def _data_changed(self, areas: frozenset[str]) -> None:
        if areas & {"waves", "sales", "stock"}:
            self.refresh()

    # --- the chosen wave -------------------------------------------------------------------

    def print_pick_list(self) -> None:
        """Send the chosen wave's pick list to this workstation's PDF printer."""
        if self.current is None:
            return
        ops.print_pick_list(actor=self.workspace.actor,
                            printers=PrinterSettings.of(self.workspace.settings),
                            wave_id=self.current.id) \
            .success(lambda said: self.message.say(in_user_language(
                said, self.workspace.settings.language))) \
            .failure(self.message.fail).run_in_background(self._runner, parent=self)

    def save_pdf(self) -> None:
        """Ask where to save the chosen wave's pick list, then write it."""
        if self.current is None:
            return
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the pick list as PDF"),
                                              f"{self.current.code}.pdf",
                                              self.tr("PDF files (*.pdf)"))
        if path:
            self.save_pdf_to(Path(path))

    def save_pdf_to(self, path: Path) -> None:
        """Write the chosen wave's A4 pick list to `path`."""
        if self.current is None:
            return
        ops.save_pick_list(wave_id=self.current.id, path=path) \
            .success(lambda written: self.message.say(self.tr("Pick list saved to {path}.").format(
                path=written))) \
            .failure(self.message.fail).run_in_background(self._runner, parent=self)

    def confirm(self, question: str) -> bool:
        """Ask before cancelling a wave."""
        answer = QMessageBox.question(self, self.tr("Cancel wave"), question)
        return answer == QMessageBox.StandardButton.Yes

    def cancel_wave(self) -> None:
        """Cancel the chosen wave, once confirmed."""
        wave = self.current
        if wave is None or not self.confirm(self.tr(
                "Cancel {code}? Its orders ({orders}) are approved again and keep their "
                "reserved stock.").format(code=wave.code, orders=wave.orders)):
            return
        ops.cancel(actor=self.workspace.actor, wave_id=wave.id) \
            .success(lambda orders: self.message.say(self.tr(
                "{code} cancelled: {orders} approved again.").format(
                code=wave.code, orders=counted(orders, "order")))) \
            .failure(self.message.fail).run_in_background(self._runner, parent=self)
