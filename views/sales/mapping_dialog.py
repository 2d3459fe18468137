"""The mapping editor: which column of an unknown order export holds which order field, with
the options of the export and a live preview of its first rows as the import would read them;
saved under a name, it imports this file and is recognised the next time."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.error_display import error_text, in_user_language
from app.ops.order_mappings import preview_mapping, save_mapping
from app.workspace import Workspace
from models.masterdata.fields import FieldError, ValidationFailed
from models.sales.column_guess import guess_columns
from models.sales.custom_profiles import PRICES, REQUIRED, SavedMapping, profile_of
from models.sales.order_preview import OrderPreview
from models.sales.profiles import OrderProfile
from views.field_errors import set_error_state
from views.sales.texts import FIELD_TEXT, field_text, money

#: Street lines a mapping can join (address line 1, 2, …).
STREET_LINES = 2
_BAD_ROW = QColor("#ffebee")
_PREVIEW_DELAY_MS = 150
PREVIEW_COLUMNS = 10
#: The problems column is kept this narrow; the whole text is in the tooltip.
_PROBLEMS_WIDTH = 320


class OffsetBox(QSpinBox):
    """Hours from UTC, shown signed: UTC+8, UTC-5."""

    def textFromValue(self, value: int) -> str:
        """+8 rather than 8."""
        return f"{value:+d}"

    def valueFromText(self, text: str) -> int:
        """'+8' -> 8; a half-typed '-' keeps the value."""
        try:
            return int(text.removeprefix(self.prefix()).strip())
        except ValueError:
            return self.value()


class MappingDialog(QDialog):
    """Maps the columns of `path` (whose header is `header`) to order fields, starting from
    `profile` when one is edited, else from a guess; `saved` holds the mapping once saved."""

    def __init__(self, workspace: Workspace, path: Path, header: list[str],
                 profile: OrderProfile | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._path = path
        self._header = header
        self.saved: SavedMapping | None = None
        self.preview: OrderPreview | None = None
        self.setWindowTitle(self.tr("Map the columns of {file}").format(file=path.name))
        self.resize(1280, 760)
        start = ({f: list(c) for f, c in profile.columns.items()} if profile else
                 {f: [c] for f, c in guess_columns(header).items()})
        self.combos: dict[str, list[QComboBox]] = {}
        form = QFormLayout()
        for field in FIELD_TEXT:
            # A mapping saved on the command line may give a field more columns.
            lines = max(STREET_LINES if field == "street" else 1, len(start.get(field, [])))
            for index in range(lines):
                combo = self._combo(field, index, start.get(field, []))
                self.combos.setdefault(field, []).append(combo)
                form.addRow(self._label(field, index, combo), combo)
        fields = QWidget(self)
        fields.setLayout(form)
        scroll = QScrollArea(self)
        scroll.setWidget(fields)
        scroll.setWidgetResizable(True)
        scroll.setMinimumWidth(420)
        required = QLabel(self.tr("* required; of unit price and line total, one is "
                                  "needed."), self)
        required.setWordWrap(True)
        left = QVBoxLayout()
        left.addWidget(scroll, 1)
        left.addWidget(required)
        left.addWidget(self._options(profile))
        left_side = QWidget(self)
        left_side.setLayout(left)
        self.summary = QLabel(self)
        self.summary.setObjectName("preview_summary")
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, PREVIEW_COLUMNS, self)
        self.table.setObjectName("mapping_preview")
        self.table.setHorizontalHeaderLabels([
            self.tr("Line"), self.tr("Problems"), self.tr("Order number"),
            self.tr("Ordered at"), self.tr("Recipient"), self.tr("SKU"), self.tr("Title"),
            self.tr("Qty"), self.tr("Price"), self.tr("Address")])
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(
            PREVIEW_COLUMNS - 1, QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        right = QVBoxLayout()
        right.addWidget(QLabel(self.tr("The first rows as they would be imported:"), self))
        right.addWidget(self.summary)
        right.addWidget(self.table, 1)
        right_side = QWidget(self)
        right_side.setLayout(right)
        split = QSplitter(self)
        split.addWidget(left_side)
        split.addWidget(right_side)
        split.setSizes([440, 840])
        self.name = QLineEdit(profile.name if profile else "", self)
        self.name.setObjectName("mapping_name")
        self.name.setPlaceholderText(self.tr("e.g. youzan (a-z, 0-9, _ and -)"))
        self.name.textChanged.connect(self._check)
        self.title = QLineEdit(profile.title if profile else "", self)
        self.title.setObjectName("mapping_title")
        self.title.setPlaceholderText(self.tr("e.g. 有赞微商城 order export"))
        self.error = QLabel(self)
        self.error.setObjectName("mapping_error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #c62828;")
        self.error.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.save_button = buttons.addButton(self.tr("Save and import"),
                                             QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setObjectName("save_mapping")
        self.save_button.setToolTip("Ctrl+S")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence("Ctrl+S"), self, activated=self.save)
        naming = QHBoxLayout()
        for text, edit, stretch in ((self.tr("&Save as"), self.name, 1),
                                    (self.tr("&Description"), self.title, 2)):
            label = QLabel(text, self)
            label.setBuddy(edit)  # Alt+S, Alt+D
            naming.addWidget(label)
            naming.addWidget(edit, stretch)
        naming.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        layout.addWidget(self.error)
        layout.addLayout(naming)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(_PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self.refresh_preview)
        self._check()
        self.refresh_preview()
        self.combos["number"][0].setFocus()

    # --- building --------------------------------------------------------------------------

    def _combo(self, field: str, index: int, columns: list[str]) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(f"map_{field}" + (f"_{index + 1}" if index else ""))
        combo.addItem(self.tr("(not in this file)"), "")
        for column in self._header:
            if column:
                combo.addItem(column, column)
        chosen = columns[index] if index < len(columns) else ""
        if chosen and combo.findData(chosen) < 0:
            combo.addItem(chosen, chosen)  # an edited mapping's column this file lacks
        combo.setCurrentIndex(max(combo.findData(chosen), 0))
        combo.currentIndexChanged.connect(self._changed)
        return combo

    def _label(self, field: str, index: int, buddy: QWidget) -> QLabel:
        text = field_text(field)
        if index:
            text = self.tr("{field}, line {n}").format(field=text, n=index + 1)
        needed = field in REQUIRED or field in PRICES
        label = QLabel(text + (" *" if needed else ""), self)
        if needed:
            font = QFont(label.font())
            font.setBold(True)
            label.setFont(font)
        label.setBuddy(buddy)
        return label

    def _options(self, profile: OrderProfile | None) -> QGroupBox:
        box = QGroupBox(self.tr("Options"), self)
        self.first_row_only = QCheckBox(self.tr("An order's own cells are on its first row "
                                                "only"), box)
        self.first_row_only.setObjectName("first_row_only")
        self.first_row_only.setChecked(profile is not None and not profile.repeats)
        self.currency = QLineEdit(profile.currency if profile else "CNY", box)
        self.currency.setObjectName("mapping_currency")
        self.currency.setMaxLength(3)
        self.country = QLineEdit(profile.country if profile else "", box)
        self.country.setObjectName("mapping_country")
        self.country.setPlaceholderText(self.tr("e.g. CN"))
        self.zone = OffsetBox(box)
        self.zone.setObjectName("mapping_zone")
        self.zone.setRange(-12, 14)
        self.zone.setPrefix("UTC ")
        self.zone.setValue(profile.zone_hours if profile else 8)
        self.first_row_only.toggled.connect(self._changed)
        for edit in (self.currency, self.country):
            edit.textChanged.connect(self._changed)
        self.zone.valueChanged.connect(self._changed)
        form = QFormLayout(box)
        form.addRow(self.first_row_only)
        form.addRow(self.tr("Currency, when a row has none"), self.currency)
        form.addRow(self.tr("Country, when a row has none"), self.country)
        form.addRow(self.tr("Time zone of the times"), self.zone)
        return box

    # --- the mapping -----------------------------------------------------------------------

    def profile(self) -> OrderProfile:
        """The mapping as chosen now."""
        columns = {field: [c.currentData() for c in combos if c.currentData()]
                   for field, combos in self.combos.items()}
        return profile_of(self.name.text(), columns, title=self.title.text(),
                          repeats=not self.first_row_only.isChecked(),
                          currency=self.currency.text(), country=self.country.text(),
                          zone_hours=self.zone.value())

    def choose(self, field: str, column: str, *, line: int = 1) -> None:
        """Read `field` from `column` ("" for none)."""
        combo = self.combos[field][line - 1]
        combo.setCurrentIndex(max(combo.findData(column), 0))

    def _changed(self) -> None:
        self._timer.start()

    def _check(self) -> None:
        self.save_button.setEnabled(bool(self.name.text().strip()))

    # --- preview ---------------------------------------------------------------------------

    def refresh_preview(self) -> None:
        """Read the first rows again through the mapping as chosen now."""
        self._timer.stop()
        preview_mapping(path=self._path, profile=self.profile()) \
            .success(self._previewed).failure(self._preview_failed) \
            .run_in_background(self._workspace.runner, parent=self,
                               key=("mapping-preview", id(self)))

    def _previewed(self, preview: OrderPreview) -> None:
        self.preview = preview
        self._mark(preview.mapping_errors, focus=False)
        bad = sum(1 for row in preview.rows if row.problems)
        if preview.mapping_errors:
            missing = [field_text(e.field) for e in preview.mapping_errors]
            self.summary.setText(self.tr("Still to choose or correct: {fields}.").format(
                fields=", ".join(dict.fromkeys(missing))))
        else:
            self.summary.setText(self.tr("{rows} rows read: {orders} orders, {bad} rows with "
                                         "problems.").format(rows=len(preview.rows),
                                                             orders=preview.orders, bad=bad))
        self.table.setRowCount(len(preview.rows))
        for row, line in enumerate(preview.rows):
            problems = "; ".join(in_user_language(p) for p in line.problems)
            ordered = line.ordered_at.strftime("%Y-%m-%d %H:%M") if line.ordered_at else ""
            price = money(line.unit_price) if line.unit_price is not None else ""
            qty = "" if line.qty is None else str(line.qty)
            for column, text in enumerate((str(line.line), problems, line.number, ordered,
                                           line.recipient, line.sku, line.title, qty, price,
                                           line.address)):
                item = QTableWidgetItem(text)
                if problems:
                    item.setBackground(QBrush(_BAD_ROW))
                    item.setToolTip(problems)
                if column in (0, 7, 8):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
        for column in range(PREVIEW_COLUMNS - 1):
            self.table.resizeColumnToContents(column)
        self.table.setColumnWidth(1, min(self.table.columnWidth(1), _PROBLEMS_WIDTH))

    def _preview_failed(self, error: BaseException) -> None:
        self.table.setRowCount(0)
        self.summary.setText(error_text(error))

    # --- saving ----------------------------------------------------------------------------

    def save(self) -> None:
        """Save the mapping (Ctrl+S); the dialog closes once it is saved."""
        if not self.save_button.isEnabled():
            return
        save_mapping(actor=self._workspace.actor, profile=self.profile(),
                     header=self._header) \
            .success(self._saved).failure(self._save_failed) \
            .run_in_background(self._workspace.runner, parent=self)

    def _saved(self, saved: SavedMapping) -> None:
        self.saved = saved
        self.accept()

    def _save_failed(self, error: BaseException) -> None:
        if isinstance(error, ValidationFailed):
            self._mark(error.errors, focus=True)
        self.error.setText(error_text(error))
        self.error.show()

    def _mark(self, errors: list[FieldError], *, focus: bool) -> None:
        """Frame the combo boxes (or the name) of the fields `errors` names in red."""
        named = {e.field for e in errors}
        widgets: dict[str, QWidget] = {f: c[0] for f, c in self.combos.items()}
        widgets |= {"name": self.name, "title": self.title, "currency": self.currency,
                    "country": self.country, "zone_hours": self.zone}
        for field, widget in widgets.items():
            set_error_state(widget, field in named)
        first = next((widgets[e.field] for e in errors if e.field in widgets), None)
        if focus and first is not None:
            first.setFocus()
