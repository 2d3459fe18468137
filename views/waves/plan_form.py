"""What a wave plan takes: the warehouse, a carrier, a cut-off time, single- or multi-item
orders, a zone and the most orders and units in one wave; with how many approved orders wait,
by carrier."""

from __future__ import annotations

from datetime import UTC, datetime, time

from PySide6.QtCore import QDateTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from app.ops.waves import PlanningChoices
from models.picking.planning import WaveRules
from views.waves.tables import counted

DEFAULT_MAX_ORDERS = 50
DEFAULT_MAX_UNITS = 200


class PlanForm(QWidget):
    """The planning criteria; `warehouse_changed` asks the page for the orders waiting there,
    `plan` for the waves."""

    warehouse_changed = Signal(str)
    plan = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.warehouse = QComboBox(self)
        self.warehouse.setObjectName("wave_warehouse")
        self.warehouse.currentIndexChanged.connect(
            lambda _i: self.warehouse_changed.emit(self.warehouse.currentData() or ""))
        self.carrier = QComboBox(self)
        self.carrier.setObjectName("wave_carrier")
        self.use_cutoff = QCheckBox(self.tr("Paid by"), self)
        self.use_cutoff.setObjectName("wave_use_cutoff")
        self.use_cutoff.setToolTip(self.tr("Only orders paid (or ordered, when unpaid) at or "
                                           "before this time"))
        self.cutoff = QDateTimeEdit(self)
        self.cutoff.setObjectName("wave_cutoff")
        self.cutoff.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.cutoff.setCalendarPopup(True)
        # The usual afternoon collection: 16:00 today.
        self.cutoff.setDateTime(QDateTime(datetime.combine(datetime.now().date(), time(16))))
        self.cutoff.setEnabled(False)
        self.use_cutoff.toggled.connect(self.cutoff.setEnabled)
        self.items = QComboBox(self)
        self.items.setObjectName("wave_items")
        for label, value in ((self.tr("Single- and multi-item"), None),
                             (self.tr("Single-item (one unit)"), "single"),
                             (self.tr("Multi-item"), "multi")):
            self.items.addItem(label, value)
        self.zone = QLineEdit(self)
        self.zone.setObjectName("wave_zone")
        self.zone.setPlaceholderText(self.tr("every zone; or e.g. ZA: every bin of the order "
                                             "in it"))
        self.max_orders = QSpinBox(self)
        self.max_orders.setObjectName("wave_max_orders")
        self.max_units = QSpinBox(self)
        self.max_units.setObjectName("wave_max_units")
        for box, default in ((self.max_orders, DEFAULT_MAX_ORDERS),
                             (self.max_units, DEFAULT_MAX_UNITS)):
            box.setRange(0, 100_000)
            box.setSpecialValueText(self.tr("no limit"))
            box.setValue(default)
        self.waiting = QLabel(self)
        self.waiting.setObjectName("wave_waiting")
        self.waiting.setWordWrap(True)
        self.plan_button = QPushButton(self.tr("Plan waves"), self)
        self.plan_button.setObjectName("plan_waves")
        self.plan_button.setProperty("role", "primary")
        self.plan_button.clicked.connect(self.plan)
        cutoff = QHBoxLayout()
        cutoff.addWidget(self.use_cutoff)
        cutoff.addWidget(self.cutoff, 1)
        sizes = QHBoxLayout()
        sizes.addWidget(self.max_orders, 1)
        sizes.addWidget(QLabel(self.tr("orders, at most"), self))
        sizes.addWidget(self.max_units, 1)
        sizes.addWidget(QLabel(self.tr("units"), self))
        form = QFormLayout()
        form.addRow(self.tr("Warehouse"), self.warehouse)
        form.addRow(self.tr("Carrier"), self.carrier)
        form.addRow(self.tr("Cut-off"), cutoff)
        form.addRow(self.tr("Orders"), self.items)
        form.addRow(self.tr("Zone"), self.zone)
        form.addRow(self.tr("A wave holds at most"), sizes)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form, 3)
        side = QFormLayout()
        side.addRow(self.waiting)
        side.addRow(self.plan_button)
        layout.addLayout(side, 2)

    def set_choices(self, choices: PlanningChoices) -> None:
        """Offer these warehouses and carriers."""
        self.warehouse.blockSignals(True)
        self.warehouse.clear()
        for code in choices.warehouses:
            self.warehouse.addItem(code, code)
        self.warehouse.blockSignals(False)
        self.carrier.clear()
        self.carrier.addItem(self.tr("Every carrier (a wave each)"), "")
        for code in choices.carriers:
            self.carrier.addItem(code, code)
        self.warehouse_changed.emit(self.warehouse.currentData() or "")

    def show_waiting(self, by_carrier: dict[str, int]) -> None:
        """Say how many approved orders wait, and for which carriers."""
        total = sum(by_carrier.values())
        if not total:
            self.waiting.setText(self.tr("No approved order waits for a wave here."))
            return
        none = self.tr("no carrier")
        carriers = ", ".join(f"{carrier or none} {count}" for carrier, count in by_carrier.items())
        self.waiting.setText(self.tr("{orders} waiting: {carriers}.").format(
            orders=counted(total, "approved order"), carriers=carriers))

    def rules(self) -> WaveRules:
        """The criteria as the planner takes them (the cut-off in UTC)."""
        cutoff = None
        if self.use_cutoff.isChecked():
            local = self.cutoff.dateTime().toSecsSinceEpoch()
            cutoff = datetime.fromtimestamp(local, UTC).replace(second=0)
        return WaveRules(self.warehouse.currentData() or "",
                         carrier=self.carrier.currentData() or None, cutoff=cutoff,
                         items=self.items.currentData(),
                         zone=self.zone.text().strip() or None,
                         max_orders=self.max_orders.value() or None,
                         max_units=self.max_units.value() or None)
