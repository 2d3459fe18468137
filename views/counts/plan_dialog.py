"""The plan dialog: which warehouse, what to count (the whole of it, a zone, an aisle, a
location range, products or a category, a cycle count by ABC class, a random sample), blind
or not, and when a bin's variance sends it to a recount."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.ops.counting import PlanChoices, PlanInput
from views.counts.labels import KINDS, kind_text

#: The fields each kind asks for (the rest are hidden).
FIELDS_OF = {
    "full": (),
    "zone": ("zone",),
    "aisle": ("aisle",),
    "range": ("location_from", "location_to"),
    "products": ("skus",),
    "category": ("category",),
    "cycle": ("abc_by", "due_a", "due_b", "due_c"),
    "sample": ("sample", "seed"),
}


class PlanDialog(QDialog):
    """Asks for a count plan; `planned` carries it when the user clicks Plan."""

    planned = Signal(object)  # PlanInput

    def __init__(self, choices: PlanChoices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Plan a count"))
        self._choices = choices
        self.warehouse = QComboBox()
        for code, name in choices.warehouses:
            self.warehouse.addItem(f"{code} – {name}", code)
        self.kind = QComboBox()
        for kind in KINDS:
            self.kind.addItem(kind_text(kind), kind)
        self.title = QLineEdit()
        self.title.setPlaceholderText(self.tr("Optional: what this count is for"))
        self.zone = QComboBox()
        self.aisle = QComboBox()
        self.location_from = QLineEdit()
        self.location_to = QLineEdit()
        self.skus = QLineEdit()
        self.skus.setPlaceholderText(self.tr("SKUs separated by commas or spaces"))
        self.category = QComboBox()
        self.category.addItems(choices.categories)
        self.abc_by = QComboBox()
        self.abc_by.addItem(self.tr("Stock value"), "value")
        self.abc_by.addItem(self.tr("Velocity (units moved out)"), "velocity")
        # A monthly, B quarterly, C yearly unless changed.
        self.due: dict[str, QSpinBox] = {}
        for cls, days in (("A", 30), ("B", 90), ("C", 365)):
            spin = QSpinBox()
            spin.setRange(1, 3650)
            spin.setValue(days)
            spin.setSuffix(self.tr(" days"))
            self.due[cls] = spin
        self.sample = QSpinBox()
        self.sample.setRange(1, 100_000)
        self.sample.setValue(20)
        self.sample.setSuffix(self.tr(" bins"))
        self.seed = QLineEdit()
        self.seed.setPlaceholderText(self.tr("Optional: the same number draws the same bins"))
        self.blind = QCheckBox(self.tr("Blind: counters do not see the expected quantities"))
        self.blind.setChecked(True)
        self.recount_pct = QSpinBox()
        self.recount_pct.setRange(0, 100)
        self.recount_pct.setValue(5)
        self.recount_pct.setSuffix(" %")
        self.recount_units = QSpinBox()
        self.recount_units.setRange(0, 100_000)
        self.recount_units.setValue(1)
        self.recount_units.setSuffix(self.tr(" units"))

        form = QFormLayout()
        self._form = form
        form.addRow(self.tr("Warehouse"), self.warehouse)
        form.addRow(self.tr("Count"), self.kind)
        form.addRow(self.tr("Title"), self.title)
        self._rows = {
            "zone": (self.tr("Zone"), self.zone),
            "aisle": (self.tr("Aisle"), self.aisle),
            "location_from": (self.tr("From location"), self.location_from),
            "location_to": (self.tr("To location"), self.location_to),
            "skus": (self.tr("Products"), self.skus),
            "category": (self.tr("Category"), self.category),
            "abc_by": (self.tr("ABC classes by"), self.abc_by),
            "due_a": (self.tr("Count class A every"), self.due["A"]),
            "due_b": (self.tr("Count class B every"), self.due["B"]),
            "due_c": (self.tr("Count class C every"), self.due["C"]),
            "sample": (self.tr("Sample size"), self.sample),
            "seed": (self.tr("Seed"), self.seed),
        }
        for label, widget in self._rows.values():
            form.addRow(label, widget)
        form.addRow("", self.blind)
        form.addRow(self.tr("Recount when a line is off by"), self.recount_pct)
        form.addRow(self.tr("and by at least"), self.recount_units)
        self.problem = QLabel()
        self.problem.setObjectName("plan_problem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #c62828;")
        self.problem.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.plan_button = buttons.addButton(self.tr("Plan"),
                                             QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self._plan)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.warehouse.currentIndexChanged.connect(self._warehouse_chosen)
        self.kind.currentIndexChanged.connect(self._kind_chosen)
        self._warehouse_chosen()
        self._kind_chosen()

    def choose(self, *, warehouse: str | None = None, kind: str | None = None) -> None:
        """Pick a warehouse and a kind by their codes (links and tests)."""
        if warehouse is not None:
            self.warehouse.setCurrentIndex(self.warehouse.findData(warehouse))
        if kind is not None:
            self.kind.setCurrentIndex(self.kind.findData(kind))

    def _warehouse_chosen(self) -> None:
        code = self.warehouse.currentData() or ""
        for combo, options in ((self.zone, self._choices.zones),
                               (self.aisle, self._choices.aisles)):
            combo.clear()
            combo.addItems(options.get(code, []))

    def _kind_chosen(self) -> None:
        wanted = FIELDS_OF.get(self.kind.currentData(), ())
        for name, (_label, widget) in self._rows.items():
            self._form.setRowVisible(widget, name in wanted)
        self.adjustSize()

    def values(self) -> PlanInput:
        """The plan as the form says it."""
        kind = self.kind.currentData()
        wanted = FIELDS_OF.get(kind, ())

        def text(name: str, widget: QLineEdit | QComboBox) -> str | None:
            if name not in wanted:
                return None
            value = widget.currentText() if isinstance(widget, QComboBox) else widget.text()
            return value.strip() or None

        skus = text("skus", self.skus)
        seed = text("seed", self.seed)
        return PlanInput(
            # A category is a products plan (the products of that category).
            warehouse_code=self.warehouse.currentData() or "",
            kind="products" if kind == "category" else kind,
            title=self.title.text().strip(), zone=text("zone", self.zone),
            aisle=text("aisle", self.aisle),
            location_from=text("location_from", self.location_from),
            location_to=text("location_to", self.location_to),
            skus=skus.replace(",", " ").split() if skus else None,
            category=text("category", self.category),
            abc_by=self.abc_by.currentData() if "abc_by" in wanted else "value",
            abc_due={cls: spin.value() for cls, spin in self.due.items()}
            if "abc_by" in wanted else None,
            sample=self.sample.value() if "sample" in wanted else None,
            seed=int(seed) if seed and seed.isdigit() else None,
            blind=self.blind.isChecked(), recount_pct=self.recount_pct.value(),
            recount_units=self.recount_units.value())

    def _plan(self) -> None:
        self.planned.emit(self.values())

    def show_problem(self, text: str) -> None:
        """The planner refused: say why and stay open."""
        self.problem.setText(text)
        self.problem.show()
