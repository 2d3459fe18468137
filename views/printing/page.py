"""The Printing page: a template filled with data (sample, typed, or a product or location),
its PNG preview, a simple layout editor, printing with copies and batches (progress and
cancel) on this workstation's printers with their live status, and the print log."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.ops import printing as ops
from app.print_jobs.sending import JobOutcome
from app.print_jobs.service import print_labels, reprint_job, retry_job
from app.print_worker import PrintWorker
from app.printer_profiles import PrinterSettings
from app.workspace import Workspace
from models.entities import JobStatus
from models.errors import InputError
from models.permissions import Perm
from views.printing.data_table import DataTable, read_rows
from views.printing.layout_editor import LayoutEditor
from views.printing.log_panel import PrintLogPanel
from views.printing.preview import LabelPreview
from views.printing.printer_bar import PrinterBar


class PrintingPage(QWidget):
    """Everything about printing at this workstation."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.worker = PrintWorker(self)
        self.worker.progressed.connect(self._progress)
        self.worker.finished.connect(self._job_done)
        self.template_name = ""
        self.body = ""
        self.saved_body = ""
        self._preview_timer = QTimer(self, singleShot=True, interval=250)
        self._preview_timer.timeout.connect(self.refresh_preview)
        self.last_png = b""

        heading = QLabel(self.tr("Printing"), self)
        heading.setObjectName("PageTitle")
        self.tabs = QTabWidget()
        self.tabs.addTab(self._labels_tab(), self.tr("Labels"))
        self.log_panel = PrintLogPanel()
        self.log_panel.reprint.connect(self.reprint)
        self.log_panel.retry.connect(self.retry)
        self.log_panel.refresh_requested.connect(self.refresh_log)
        self.tabs.addTab(self.log_panel, self.tr("Print log"))
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        self.printer_bar = PrinterBar(workspace.settings, self.worker)
        self.printer_bar.printers_changed.connect(self._printers_changed)
        layout.addWidget(self.printer_bar)
        layout.addWidget(self.tabs, 1)

        for info in ops.templates():
            self.templates.addItem(f"{info.title}", info.name)
        self.templates.currentIndexChanged.connect(self._template_chosen)
        self._printers_changed()
        self._template_chosen()
        self.refresh_log()

    # Building.

    def _labels_tab(self) -> QWidget:
        self.templates = QComboBox()
        self.templates.setObjectName("template")
        self.data = DataTable()
        self.data.setObjectName("label_data")
        self.data.edited.connect(self._schedule_preview)
        self.data.currentCellChanged.connect(lambda *_: self._schedule_preview())
        add = QPushButton(self.tr("Add label"))
        add.clicked.connect(lambda: self.data.add_row())
        remove = QPushButton(self.tr("Remove label"))
        remove.clicked.connect(self.data.remove_current)
        load = QPushButton(self.tr("Load from file…"))
        load.clicked.connect(self.load_rows)
        self.lookup = QLineEdit()
        self.lookup.setObjectName("lookup")
        self.lookup.setPlaceholderText(self.tr("SKU or location code"))
        product = QPushButton(self.tr("Fill from product"))
        product.setObjectName("fill_product")
        product.clicked.connect(lambda: self.fill_live("product"))
        location = QPushButton(self.tr("Fill from location"))
        location.clicked.connect(lambda: self.fill_live("location"))
        self.layout_editor = LayoutEditor()
        self.layout_editor.setObjectName("layout_editor")
        self.layout_editor.changed.connect(self._layout_changed)
        self.save_layout_button = QPushButton(self.tr("Save layout for every workstation"))
        self.save_layout_button.setObjectName("save_layout")
        self.save_layout_button.clicked.connect(self.save_layout)
        self.reset_layout_button = QPushButton(self.tr("Reset to built-in"))
        self.reset_layout_button.clicked.connect(self.reset_layout)
        self.layout_note = QLabel()
        self.layout_note.setObjectName("Muted")

        left = QWidget()
        column = QVBoxLayout(left)
        column.addWidget(self.templates)
        column.addWidget(QLabel(self.tr("Data (one row per label)")))
        column.addWidget(self.data, 2)
        rows = QHBoxLayout()
        for button in (add, remove, load):
            rows.addWidget(button)
        column.addLayout(rows)
        live = QHBoxLayout()
        live.addWidget(self.lookup, 1)
        live.addWidget(product)
        live.addWidget(location)
        column.addLayout(live)
        column.addWidget(QLabel(self.tr("Layout (positions and sizes in mm)")))
        column.addWidget(self.layout_editor, 2)
        edit = QHBoxLayout()
        edit.addWidget(self.layout_note, 1)
        edit.addWidget(self.reset_layout_button)
        edit.addWidget(self.save_layout_button)
        column.addLayout(edit)

        self.preview = LabelPreview()
        self.copies = QSpinBox()
        self.copies.setObjectName("copies")
        self.copies.setRange(1, 999)
        self.print_button = QPushButton(self.tr("Print"))
        self.print_button.setObjectName("print")
        self.print_button.setDefault(True)
        self.print_button.clicked.connect(self.print_labels)
        self.progress = QProgressBar()
        self.progress.setObjectName("print_progress")
        self.progress.hide()
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setObjectName("cancel_print")
        self.cancel_button.clicked.connect(self.worker.cancel)
        self.cancel_button.hide()
        self.message = QLabel()
        self.message.setObjectName("print_message")
        self.message.setWordWrap(True)
        right = QWidget()
        side = QVBoxLayout(right)
        side.addWidget(QLabel(self.tr("Preview")))
        side.addWidget(self.preview, 1)
        actions = QHBoxLayout()
        actions.addWidget(QLabel(self.tr("Copies")))
        actions.addWidget(self.copies)
        actions.addStretch(1)
        actions.addWidget(self.print_button)
        side.addLayout(actions)
        running = QHBoxLayout()
        running.addWidget(self.progress, 1)
        running.addWidget(self.cancel_button)
        side.addLayout(running)
        side.addWidget(self.message)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([560, 520])
        return splitter

    # Templates, data and preview.

    def _template_chosen(self) -> None:
        name = self.templates.currentData()
        if not name:
            return
        ops.load_editable(name=name).success(self._show_template).run_in_background(
            self.workspace.runner, parent=self, key="print-template")

    def _show_template(self, editable: ops.EditableTemplate) -> None:
        template = editable.template
        self.template_name = template.name
        self.body = self.saved_body = template.source
        self.data.set_variables([v.name for v in template.variables], [template.sample])
        self.layout_editor.show_template(template.source)
        can_edit = self.workspace.actor.can(Perm.LABELS_EDIT)
        self.save_layout_button.setEnabled(can_edit)
        self.reset_layout_button.setEnabled(can_edit and bool(editable.customised_by))
        self.layout_note.setText(
            self.tr("Customised by {user}").format(user=editable.customised_by)
            if editable.customised_by else self.tr("Built-in layout"))
        self.refresh_preview()

    def _layout_changed(self, body: str) -> None:
        self.body = body
        self.layout_note.setText(self.tr("Changed: save it to print with it"))
        self._schedule_preview()

    def _schedule_preview(self) -> None:
        self._preview_timer.start()

    def refresh_preview(self) -> None:
        """Render the current row as PNG in the background and show it."""
        if not self.template_name:
            return
        data = self.data.row_values(self.data.current_row())
        ops.preview(name=self.template_name, body=self.body, data=data) \
            .success(self._show_preview).failure(self._preview_failed) \
            .run_in_background(self.workspace.runner, parent=self, key="print-preview")

    def _show_preview(self, png: bytes) -> None:
        self.last_png = png
        self.preview.show_png(png)

    def _preview_failed(self, error: BaseException) -> None:
        self.preview.show_problem(str(error))

    def load_rows(self) -> None:
        """Fill the data from a JSON or CSV file (a batch)."""
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Label data"), "",
                                              self.tr("Data files (*.json *.csv)"))
        if path:
            self.load_rows_from(Path(path))

    def load_rows_from(self, path: Path) -> None:
        """Fill the data from `path`."""
        try:
            self.data.set_rows(read_rows(path))
        except InputError as exc:
            self._say(str(exc), ok=False)
            return
        self._say(self.tr("{count} labels loaded.").format(count=self.data.rowCount()), ok=True)

    def fill_live(self, kind: str) -> None:
        """Put a product's or a location's values into the current row."""
        code = self.lookup.text().strip()
        if not code:
            self._say(self.tr("Type a SKU or a location code first."), ok=False)
            return
        ops.live_data(kind=kind, code=code).success(self._fill) \
            .failure(lambda error: self._say(str(error), ok=False)) \
            .run_in_background(self.workspace.runner, parent=self)

    def _fill(self, values: dict[str, Any]) -> None:
        self.data.fill_current(values)
        self._say("", ok=True)

    def save_layout(self) -> None:
        """Share the edited layout with every workstation."""
        try:
            op = ops.save_layout(actor=self.workspace.actor, name=self.template_name,
                                 body=self.body)
        except InputError as exc:
            self._say(str(exc), ok=False)
            return
        op.success(lambda _: self._layout_saved()).run_in_background(
            self.workspace.runner, parent=self)

    def _layout_saved(self) -> None:
        self._say(self.tr("Layout saved: every workstation prints it now."), ok=True)
        self._template_chosen()

    def reset_layout(self) -> None:
        """Go back to the built-in layout."""
        ops.reset_layout(actor=self.workspace.actor, name=self.template_name) \
            .success(lambda _: self._template_chosen()) \
            .run_in_background(self.workspace.runner, parent=self)

    # Printing.

    def print_labels(self) -> None:
        """Print every row of the data on the chosen printer."""
        profile = self.printer_bar.profile()
        if profile is None or self.worker.busy:
            return
        if self.body != self.saved_body:
            self._say(self.tr("Save the layout first: printing uses the saved layout."),
                      ok=False)
            return
        rows, copies = self.data.rows(), self.copies.value()
        db, actor, name = self.workspace.runner.db, self.workspace.actor, self.template_name
        self._start(len(rows))
        self.worker.run(lambda control: print_labels(
            db, actor, template=name, rows=rows, printer=profile, copies=copies,
            control=control))

    def reprint(self, job_id: int) -> None:
        """Print a logged job again on the chosen printer."""
        profile = self.printer_bar.profile()
        if profile is None or self.worker.busy:
            return
        db, actor = self.workspace.runner.db, self.workspace.actor
        printers = PrinterSettings.of(self.workspace.settings)
        self._start(0)
        self.worker.run(lambda control: reprint_job(db, actor, job_id, printers,
                                                    printer=profile.name, control=control))

    def retry(self, job_id: int) -> None:
        """Send the rest of a failed or cancelled job."""
        if self.worker.busy:
            return
        db = self.workspace.runner.db
        printers = PrinterSettings.of(self.workspace.settings)
        self._start(0)
        self.worker.run(lambda control: retry_job(db, job_id, printers, control=control))

    def _start(self, total: int) -> None:
        self.print_button.setEnabled(False)
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(0)
        self.progress.show()
        self.cancel_button.show()
        self._say(self.tr("Sending…"), ok=True)

    def _progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.progress.setFormat(self.tr("{done} of {total} labels").format(done=done,
                                                                           total=total))

    def _job_done(self, result: JobOutcome | BaseException) -> None:
        self.print_button.setEnabled(True)
        self.progress.hide()
        self.cancel_button.hide()
        if isinstance(result, BaseException):
            self._say(str(result), ok=False)
        elif result.status is JobStatus.SENT:
            self._say(self.tr("Labels sent: {count} (job {job}).").format(
                job=result.job_id, count=result.rows_sent), ok=True)
        elif result.status is JobStatus.CANCELLED:
            self._say(self.tr("Job {job} cancelled: {done} of {total} labels sent.").format(
                job=result.job_id, done=result.rows_sent, total=result.row_count), ok=False)
        else:
            self._say(self.tr("Job {job} failed: {error} Retry it from the print log.")
                      .format(job=result.job_id, error=result.error), ok=False)
        self.refresh_log()
        self.printer_bar.check_status()

    # The log.

    def refresh_log(self) -> None:
        """Load the print log again."""
        ops.print_log().success(self.log_panel.show_jobs).run_in_background(
            self.workspace.runner, parent=self, key="print-log")

    def refresh(self) -> None:
        """F5: the log, the printers and the preview again."""
        self.refresh_log()
        self.printer_bar.fill()
        self.refresh_preview()

    def _say(self, text: str, *, ok: bool) -> None:
        self.message.setStyleSheet(f"color: {'#2e7d32' if ok else '#c62828'};")
        self.message.setText(text)

    def shutdown(self) -> None:
        """Stop the timers and the print threads (the window is closing)."""
        self._preview_timer.stop()
        self.printer_bar.timer.stop()
        self.worker.shutdown()

    def _printers_changed(self) -> None:
        self.print_button.setEnabled(self.printer_bar.profile() is not None)


def printing_page(workspace: Workspace) -> QWidget:
    """The page as the main window shows it."""
    return PrintingPage(workspace)
