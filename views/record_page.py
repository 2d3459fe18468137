"""A master-data page: a searchable list on the left, the selected record's editor on the
right, with New (Ctrl+N) and Save (Ctrl+S). Products and locations are two of these."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from typing import Any, Protocol

from PySide6.QtCore import QItemSelection, QLocale, Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.error_display import error_text
from app.runner import Op
from app.workspace import Workspace
from models.masterdata.fields import FieldError, ValidationFailed
from models.masterdata.listing import PAGE_SIZE
from views.lazy_table import Column, LazyTableModel

SEARCH_DEBOUNCE_MS = 300


class Editor(Protocol):
    """What a record page needs from its form."""

    edited: Signal

    def show_record(self, data: Any | None) -> None: ...
    def values(self) -> dict[str, Any]: ...
    def show_errors(self, errors: list[FieldError]) -> None: ...
    def set_read_only(self, read_only: bool) -> None: ...
    def focus_first(self) -> None: ...


class RecordPage(QWidget):
    """List rows come from `list_page(text, after)` ops; `load(id)` ops fill the editor and
    `save(values, id or None)` ops store it, answering with an object that has `.id` and
    `.data`. Without `can_edit` the editor is read-only and New/Save are hidden; Save and
    Undo changes are enabled only for a record `may_save(data)` accepts. With `empty_hint`
    the page opens on that hint, not on a new record's form, until a record is chosen or
    New is pressed."""

    def __init__(self, workspace: Workspace, *, title: str, new_label: str,
                 search_hint: str, columns: Sequence[Column[Any]],
                 key_of: Callable[[Any], Any],
                 list_page: Callable[[str, Any], Op[list[Any]]],
                 describe: Callable[[Any], str], editor: Editor,
                 load: Callable[[int], Op[Any]], save: Callable[[dict[str, Any], int | None],
                                                                Op[Any]],
                 can_edit: bool, watches: Iterable[str],
                 may_save: Callable[[Any], bool] = lambda _data: True, empty_hint: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = workspace.runner
        self._list_page, self._load, self._save = list_page, load, save
        self._describe = describe
        self._may_save = may_save
        self._watches = frozenset(watches)
        self.can_edit = can_edit
        self.editor = editor
        self.current_id: int | None = None
        self.dirty = False
        self._stale = False
        editor.edited.connect(self._mark_dirty)
        editor.set_read_only(not can_edit)

        heading = QLabel(title, self)
        heading.setObjectName("PageTitle")
        self.new_button = QPushButton(new_label, self)
        self.new_button.setObjectName("new_record")
        self.new_button.setToolTip("Ctrl+N")
        self.new_button.clicked.connect(self.new_record)
        self.new_button.setVisible(can_edit)

        self.search = QLineEdit(self)
        self.search.setObjectName("search")
        self.search.setPlaceholderText(search_hint)
        self.search.setClearButtonEnabled(True)
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DEBOUNCE_MS)
        self._search_timer.timeout.connect(self._apply_search)
        self.search.textEdited.connect(lambda _t: self._search_timer.start())
        self.search.returnPressed.connect(self._apply_search)
        self.model: LazyTableModel[Any] = LazyTableModel(
            self._runner, columns, key_of=key_of, page_size=PAGE_SIZE, parent=self)
        self.list = QTableView(self)
        self.list.setObjectName("record_list")
        self.list.setModel(self.model)
        self.list.setAlternatingRowColors(True)
        self.list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.verticalHeader().hide()
        self.list.verticalHeader().setDefaultSectionSize(26)
        self.list.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.list.horizontalHeader().setStretchLastSection(True)
        self.list.horizontalHeader().setResizeContentsPrecision(40)
        self.model.loading.connect(self._fit_list)
        self._fitted = False
        self.list.selectionModel().selectionChanged.connect(self._selection_changed)
        self.model.failed.connect(self._show_problem)

        self.record_title = QLabel(self)
        self.record_title.setObjectName("record_title")
        self.record_title.setStyleSheet("font-size: 13pt; font-weight: 600;")
        self.status = QLabel(self)
        self.status.setObjectName("save_status")
        self.status.setWordWrap(True)
        self.status.hide()
        self.save_button = QPushButton(self.tr("Save"), self)
        self.save_button.setObjectName("save")
        self.save_button.setProperty("role", "primary")
        self.save_button.setToolTip("Ctrl+S")
        self.save_button.clicked.connect(self.save)
        self.revert_button = QPushButton(self.tr("Undo changes"), self)
        self.revert_button.setObjectName("revert")
        self.revert_button.clicked.connect(self.revert)
        for button in (self.save_button, self.revert_button):
            button.setVisible(can_edit)
        self.empty_hint = QLabel(empty_hint, self)
        self.empty_hint.setObjectName("empty_hint")
        self.empty_hint.setWordWrap(True)
        self.empty_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._detail = QStackedWidget(self)
        self._layout(heading)
        workspace.runner.changed.connect(self._data_changed)
        if empty_hint:
            self._detail.setCurrentWidget(self.empty_hint)
            self.save_button.setEnabled(False)
            self.revert_button.setEnabled(False)
        else:
            self._show_new()
        self._apply_search()

    def _layout(self, heading: QLabel) -> None:
        left = QWidget(self)
        left_column = QVBoxLayout(left)
        left_column.setContentsMargins(0, 0, 8, 0)
        left_column.addWidget(self.search)
        left_column.addWidget(self.list, 1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(self.editor)  # type: ignore[arg-type]
        right = QWidget(self)
        right_column = QVBoxLayout(right)
        right_column.setContentsMargins(8, 0, 0, 0)
        right_column.addWidget(self.record_title)
        right_column.addWidget(self.status)
        self._detail.addWidget(self.empty_hint)
        self._detail.addWidget(scroll)
        self._detail.setCurrentWidget(scroll)
        right_column.addWidget(self._detail, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        right_column.addLayout(buttons)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([400, 800])
        top = QHBoxLayout()
        top.addWidget(heading)
        top.addStretch(1)
        top.addWidget(self.new_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(10)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)

    # --- what the main window's shortcuts call -----------------------------------------------

    def focus_filter(self) -> None:
        """Go to the search field (Ctrl+F)."""
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def refresh(self) -> None:
        """Load the list again (F5)."""
        self._stale = False
        self.model.reload()

    def new_record(self) -> None:
        """Start a new record (Ctrl+N)."""
        if not self.can_edit or not self._may_leave():
            return
        self.list.clearSelection()
        self._show_new()
        self.editor.focus_first()

    def save(self) -> None:
        """Save the record in the editor (Ctrl+S)."""
        if not self.can_edit or not self.save_button.isEnabled():
            return
        self.save_button.setEnabled(False)
        self._save(self.editor.values(), self.current_id) \
            .success(self._saved).failure(self._save_failed) \
            .run_in_background(self._runner, parent=self)

    def revert(self) -> None:
        """Throw away unsaved changes."""
        if self.current_id is None:
            self._show_new()
        else:
            self._open(self.current_id)

    # --- internals -------------------------------------------------------------------------

    def _apply_search(self) -> None:
        self._search_timer.stop()
        text = self.search.text()
        self.model.load(lambda after: self._list_page(text, after))

    def _fit_list(self, busy: bool) -> None:
        if busy or self._fitted or not self.model.rowCount():
            return
        self._fitted = True
        self.list.resizeColumnsToContents()
        for column in range(self.model.columnCount()):
            self.list.setColumnWidth(column, min(self.list.columnWidth(column) + 12, 260))

    def _selection_changed(self, selected: QItemSelection, _old: QItemSelection) -> None:
        rows = selected.indexes()
        if not rows:
            return
        record = self.model.row_at(rows[0].row())
        if record.id == self.current_id:
            return
        if not self._may_leave():
            return
        self._open(record.id)

    def _open(self, record_id: int) -> None:
        self._load(record_id).success(lambda data: self._show(record_id, data)) \
            .run_in_background(self._runner, parent=self, key=("open", id(self)))

    def _show(self, record_id: int | None, data: Any) -> None:
        self.current_id = record_id
        self._detail.setCurrentIndex(1)
        self.editor.show_record(data)
        for button in (self.save_button, self.revert_button):
            button.setEnabled(self._may_save(data))
        self.record_title.setText(self._describe(data))
        self.dirty = False
        self.status.hide()

    def _show_new(self) -> None:
        self._show(None, None)
        self.record_title.setText(self.new_button.text().rstrip("…"))

    def _saved(self, saved: Any) -> None:
        self._show(saved.id, saved.data)
        self._say(self.tr("Saved at {time}.").format(
            time=QLocale().toString(datetime.now().time(), "HH:mm:ss")))

    def _save_failed(self, error: BaseException) -> None:
        self.save_button.setEnabled(True)
        if isinstance(error, ValidationFailed):
            self.editor.show_errors(error.errors)
            self._show_problem(self.tr("Not saved: correct the fields marked in red."))
        else:
            self._show_problem(error_text(error))

    def _say(self, message: str) -> None:
        """Show a message about what just went well, above the editor."""
        self.status.setProperty("tone", "ok")
        self.status.setText(message)
        self._restyle_status()

    def _show_problem(self, message: str) -> None:
        self.status.setProperty("tone", "error")
        self.status.setText(message)
        self._restyle_status()

    def _restyle_status(self) -> None:
        self.status.style().unpolish(self.status)
        self.status.style().polish(self.status)
        self.status.show()

    def _mark_dirty(self) -> None:
        self.dirty = True

    def _may_leave(self) -> bool:
        if not self.dirty:
            return True
        answer = QMessageBox.question(
            self, self.tr("Unsaved changes"),
            self.tr("Throw away the changes to {record}?").format(
                record=self.record_title.text()))
        return answer == QMessageBox.StandardButton.Yes

    def _data_changed(self, areas: frozenset[str]) -> None:
        if not areas & self._watches:
            return
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        """Catch up with changes made while another page was shown."""
        super().showEvent(event)
        if self._stale:
            self.refresh()
