"""The floor screen every scanner workflow shares: what to do next in large type, the colour
flash and sound of the last answer, the line in focus, progress, the lines, the last scans and
an entry field, all driven by scanner and keyboard.

The screen holds no state of its own: it forwards scans, typed entries and keys to the
workflow through ops on the runner (one call at a time, in order) and renders the `view()`
each call returns.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QProgressBar,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.device_bridge import ScanInput
from app.error_display import error_text, in_user_language
from app.ops import floor as ops
from app.workspace import Workspace
from devices.sound import Sound
from models.feedback import Feedback, Level
from models.floor import FloorLine, FloorView, FloorWorkflow
from models.scanning import ScanOptions
from views.feedback_flash import FeedbackFlash
from views.floor.approval import ApprovalDialog
from views.floor.entry import FloorEntry

Call = Callable[[Any], Feedback]

CURRENT_LINE_COLOUR = "#fff59d"
COMPLETE_COLOUR = "#2e7d32"  # a line with all its expected units done


def _font(widget: QWidget, size: int, *, bold: bool = False) -> None:
    font = QFont(widget.font())
    font.setPointSize(size)
    font.setBold(bold)
    widget.setFont(font)


class FloorScreen(QWidget):
    """A floor screen for any FloorWorkflow; pages add their own keys with `add_key`."""

    def __init__(self, workspace: Workspace, *, title: str,
                 create: ops.WorkflowFactory | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self._create = create
        self._title = title
        self.workflow: FloorWorkflow | None = None
        self.view: FloorView | None = None
        self.last_feedback: Feedback | None = None
        #: The dialog a key opened last (reason, approval, summary).
        self.dialog: QDialog | None = None
        # Calls made before the workflow exists, made once it does (a scan at once on arrival).
        self._waiting: list[Call] = []
        self._starting = False
        self._listening = False
        self._keys: list[tuple[str, str, Callable[[], None]]] = []
        self._build()
        self.add_key("Esc", self.tr("Cancel"), self.cancel)
        self.add_key("F5", self.tr("Refresh"), self.refresh, shortcut=False)
        self.restart()

    # --- layout ------------------------------------------------------------------------------

    def _build(self) -> None:
        self.title = QLabel(self._title)
        _font(self.title, 24, bold=True)
        # A long supplier name must not widen the window past the screen: the label may
        # shrink, and the whole title stays in its tooltip.
        self.title.setMinimumWidth(1)
        self.title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.lines_progress = QLabel()
        self.units_progress = QLabel()
        for label in (self.lines_progress, self.units_progress):
            _font(label, 20, bold=True)
        self.progress_bar = QProgressBar()
        self.progress_bar.setTextVisible(False)
        self.progress_bar.setFixedHeight(14)
        self.prompt = QLabel()
        self.prompt.setWordWrap(True)
        _font(self.prompt, 26, bold=True)
        self.flash = FeedbackFlash(flash=self._flash_enabled())
        self.current = QLabel()
        self.current.setWordWrap(True)
        _font(self.current, 22, bold=True)
        self.markers = QLabel()
        self.markers.setWordWrap(True)  # the packing screen says how to print, at length
        self.markers.setObjectName("floorMarkers")
        _font(self.markers, 18, bold=True)
        self.markers.setStyleSheet("#floorMarkers { background: #ffe082; color: #000000; "
                                   "border-radius: 6px; padding: 4px 12px; }")
        self.table = self._lines_table()
        self.recent = QListWidget()
        self.recent.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        _font(self.recent, 15)
        self.entry = FloorEntry()
        _font(self.entry, 20)
        self.entry.setMinimumHeight(48)
        self.entry.returnPressed.connect(self.submit_entry)
        self.legend = QLabel()
        self.legend.setWordWrap(True)
        _font(self.legend, 13)
        self.legend.setObjectName("floorLegend")
        self.legend.setStyleSheet("#floorLegend { color: #37474f; }")

        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.lines_progress)
        head.addSpacing(24)
        head.addWidget(self.units_progress)
        focus = QHBoxLayout()
        focus.addWidget(self.current, 1)
        focus.addWidget(self.markers, 0, Qt.AlignmentFlag.AlignRight)
        recent_box = QVBoxLayout()
        recent_title = QLabel(self.tr("Last scans"))
        _font(recent_title, 14, bold=True)
        recent_box.addWidget(recent_title)
        recent_box.addWidget(self.recent, 1)
        middle = QHBoxLayout()
        middle.addWidget(self.table, 3)
        middle.addLayout(recent_box, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 10)
        layout.addLayout(head)
        layout.addWidget(self.progress_bar)
        layout.addWidget(self.prompt)
        layout.addWidget(self.flash)
        layout.addLayout(focus)
        layout.addLayout(middle, 1)
        layout.addWidget(self.entry)
        layout.addWidget(self.legend)
        self.setFocusProxy(self.entry)

    def _lines_table(self) -> QTableWidget:
        headers = [self.tr("SKU"), self.tr("Name"), self.tr("Expected"), self.tr("Done"),
                   self.tr("Damaged"), self.tr("Detail")]
        table = QTableWidget(0, len(headers))
        table.setHorizontalHeaderLabels(headers)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        table.verticalHeader().hide()
        _font(table, 16)
        # The application style sheet sets header fonts; only a style sheet outranks it.
        table.setStyleSheet("QHeaderView::section { font-size: 14pt; font-weight: bold; }")
        # Long names and details (a pick's totes, a lot) wrap onto more lines, never cut.
        table.setWordWrap(True)
        table.setTextElideMode(Qt.TextElideMode.ElideNone)
        rows = table.verticalHeader()
        rows.setMinimumSectionSize(40)
        rows.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        return table

    def _flash_enabled(self) -> bool:
        devices = self.workspace.devices
        return devices is None or devices.settings.feedback.flash

    # --- keys --------------------------------------------------------------------------------

    def add_key(self, keys: str, label: str, action: Callable[[], None], *,
                shortcut: bool = True) -> None:
        """Bind `keys` (a QKeySequence string such as "F8" or "Ctrl+Z") on this screen and
        list it in the legend. F5 comes from the main window's shortcut (shortcut=False)."""
        self._keys.append((keys, label, action))
        if shortcut:
            bound = QShortcut(QKeySequence(keys), self)
            bound.setContext(Qt.ShortcutContext.WindowShortcut)
            bound.activated.connect(action)
        self.show_legend()

    def set_key_label(self, keys: str, label: str) -> None:
        """Change what the legend says a key does (F6 Blind: on)."""
        self._keys = [(k, label if k == keys else old, a) for k, old, a in self._keys]
        self.show_legend()

    def show_legend(self) -> None:
        """Write the key legend."""
        native = QKeySequence.SequenceFormat.NativeText
        self.legend.setText("&nbsp;&nbsp;&nbsp; ".join(
            f"<b>{QKeySequence(keys).toString(native)}</b>&nbsp;{label}"
            for keys, label, _ in self._keys))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Keys the shortcuts did not get: F5 outside a main window, and Esc after the
        keyboard-scanner filter took it for the start of a scan and gave it back."""
        pressed = QKeySequence(event.keyCombination())
        for keys, _label, action in self._keys:
            if QKeySequence(keys).matches(pressed) == QKeySequence.SequenceMatch.ExactMatch:
                action()
                event.accept()
                return
        super().keyPressEvent(event)

    # --- workflow calls ----------------------------------------------------------------------

    def workflow_factory(self) -> ops.WorkflowFactory:
        """How to build this screen's workflow on the worker (pages override)."""
        assert self._create is not None, "give FloorScreen a create function or override this"
        return self._create

    def restart(self) -> None:
        """Start a new workflow (when the screen is built)."""
        self.workflow = None
        self._starting = True
        ops.start_workflow(create=self.workflow_factory()).success(self._started) \
            .failure(self._start_failed).run_in_background(self.workspace.runner, parent=self)

    def _started(self, result: tuple[FloorWorkflow, FloorView]) -> None:
        self.workflow, view = result
        self._starting = False
        self.render(view)
        waiting, self._waiting = self._waiting, []
        for call in waiting:
            self.call(call)

    def _start_failed(self, error: BaseException) -> None:
        self._starting = False
        self._waiting.clear()
        self.show_feedback(Feedback.error(error_text(error, self.language)))

    def call(self, call: Call) -> None:
        """Make one workflow call on the runner, then show its feedback and the new view."""
        if self.workflow is None:
            self._waiting.append(call)
            if not self._starting:
                self.restart()
            return
        ops.call_workflow(workflow=self.workflow, call=call).success(self._answered) \
            .failure(self.show_error).run_in_background(self.workspace.runner, parent=self)

    def _answered(self, result: tuple[Feedback, FloorView]) -> None:
        feedback, view = result
        self.render(view)
        self.show_feedback(feedback)

    def show_error(self, error: BaseException) -> None:
        """An op's error on the flash, with the error sound (never a message box here: the
        worker is looking at the flash, not the mouse)."""
        self.show_feedback(Feedback.error(error_text(error, self.language)))

    def scan(self, scan: ScanInput) -> None:
        """Hand a scan from any device to the workflow."""
        self.call(lambda w: w.scan(scan.raw))

    def submit_entry(self) -> None:
        """Enter in the entry field: what the view asks for, or a quantity or typed barcode."""
        text = self.entry.text().strip()
        self.entry.clear()
        if text:
            self.enter(text)

    def enter(self, text: str) -> None:
        """Hand typed text to the workflow (pages with their own entry modes override)."""
        self.call(lambda w: w.enter(text))

    def cancel(self) -> None:
        """Esc: drop what is pending (a quantity, a question)."""
        self.entry.clear()
        self.call(lambda w: w.cancel())

    def refresh(self) -> None:
        """F5: show the workflow's view again."""
        if self.workflow is None:
            return
        ops.show_workflow(workflow=self.workflow).success(self.render) \
            .failure(self.show_error).run_in_background(self.workspace.runner, parent=self)

    def focus_filter(self) -> None:
        """Ctrl+F puts the cursor in the entry field."""
        self.entry.setFocus()

    def scan_options(self) -> ScanOptions | None:
        """This workstation's way of reading scans (its GS stand-in)."""
        devices = self.workspace.devices
        return devices.settings.scan_options() if devices is not None else None

    def open_dialog(self, dialog: QDialog) -> None:
        """Show a page's dialog without blocking (scans keep arriving; tests drive it); the
        cursor comes back to the entry field when it closes."""
        self.dialog = dialog
        dialog.finished.connect(lambda _result: self.entry.setFocus())
        dialog.open()

    def ask_approval(self) -> None:
        """F9: a supervisor approves what waits for approval (an over-receipt, a weight
        outside the tolerance); the workflow's `approve` checks who may."""
        if self.view is None or self.view.asking != "approval":
            self.show_feedback(Feedback.warning(self.tr("Nothing is waiting for approval")))
            return
        # The refusal says by how much (over the order, outside the weight); the prompt not.
        last = self.last_feedback
        why = last.message if last is not None and last.level is Level.ERROR \
            else self.shown(self.view.prompt)
        dialog = ApprovalDialog(why, parent=self)
        dialog.approved.connect(self._approve)
        self.open_dialog(dialog)

    def _approve(self, username: str, password: str) -> None:
        self.call(lambda w: w.approve(username=username, password=password))

    # --- showing -----------------------------------------------------------------------------

    @property
    def language(self) -> str:
        """The worker's language, from this workstation's settings."""
        return self.workspace.settings.language

    def shown(self, text: str) -> str:
        """A workflow's text (English, from models/) in the worker's language."""
        return in_user_language(text, self.language)

    def show_feedback(self, feedback: Feedback) -> None:
        """Flash and sound one answer, in the worker's language (`last_feedback` is what was
        shown)."""
        feedback = replace(feedback, message=self.shown(feedback.message),
                           next_step=self.shown(feedback.next_step))
        self.last_feedback = feedback
        self.flash.flash_enabled = self._flash_enabled()
        self.flash.show_feedback(feedback)
        if self.workspace.sounds is not None:
            self.workspace.sounds.play(Sound(feedback.level.value))

    def render(self, view: FloorView) -> None:
        """Show a workflow's view, its texts in the worker's language (`self.view` stays as
        the workflow wrote it: pages read its fields)."""
        self.view = view
        shown = self.shown
        title = shown(view.title) or self._title
        self.title.setText(title)
        self.title.setToolTip(title)
        self.prompt.setText(shown(view.prompt))
        self.current.setText(shown(view.current))
        self.current.setVisible(bool(view.current))
        self.markers.setText("   ".join(shown(m) for m in view.markers))
        self.markers.setVisible(bool(view.markers))
        self.lines_progress.setText(self.tr("Lines {done} / {total}").format(
            done=view.done_lines, total=view.total_lines))
        self.units_progress.setVisible(view.total_units is not None)
        if view.total_units is not None:
            self.units_progress.setText(self.tr("Units {done} / {total}").format(
                done=view.done_units, total=view.total_units))
            done, total = view.done_units, view.total_units
        else:
            done, total = view.done_lines, view.total_lines
        self.progress_bar.setMaximum(max(total, 1))
        self.progress_bar.setValue(min(done, total))
        self._show_lines(view.lines)
        self.recent.clear()
        self.recent.addItems([shown(line) for line in view.recent])
        self.entry.setPlaceholderText(self.placeholder(view.asking))

    def placeholder(self, asking: str) -> str:
        """What the entry field says it is for."""
        texts = {
            "": self.tr("Type a quantity for the next scan, or a barcode, then Enter"),
            "lot": self.tr("Type the lot number, then Enter"),
            "expiry": self.tr("Type the expiry date (YYYY-MM-DD), then Enter"),
            "serial": self.tr("Type the serial number, then Enter"),
            "reason": self.tr("Type the reason, then Enter"),
            "approval": self.tr("A supervisor must approve this: F9"),
        }
        return texts.get(asking, texts[""])

    def _show_lines(self, lines: tuple[FloorLine, ...]) -> None:
        self.table.setRowCount(len(lines))
        current_row = -1
        for row, line in enumerate(lines):
            cells = (line.sku, line.name, "" if line.expected is None else str(line.expected),
                     str(line.done), str(line.damaged) if line.damaged else "",
                     self.shown(line.detail))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column in (1, 5):
                    item.setToolTip(text)
                if column in (2, 3, 4):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                if column == 3 and line.expected and line.done >= line.expected:
                    item.setForeground(QColor(COMPLETE_COLOUR))
                    item.setText(f"✔ {text}")
                if line.current:
                    item.setBackground(QColor(CURRENT_LINE_COLOUR))
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.table.setItem(row, column, item)
            if line.current:
                current_row = row
        if current_row >= 0:
            self.table.scrollToItem(self.table.item(current_row, 0))

    # --- scans only while shown --------------------------------------------------------------

    def showEvent(self, event: Any) -> None:
        """Take the workstation's scans while this screen is on show."""
        super().showEvent(event)
        devices = self.workspace.devices
        if devices is not None and not self._listening:
            devices.scanned.connect(self.scan)
            self._listening = True
        self.entry.setFocus()

    def hideEvent(self, event: Any) -> None:
        """Another page is shown: its scans are not ours."""
        super().hideEvent(event)
        devices = self.workspace.devices
        if devices is not None and self._listening:
            devices.scanned.disconnect(self.scan)
            self._listening = False
