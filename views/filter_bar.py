"""A row of labelled filter fields above a browser: typing filters after a short pause, Enter
(a scanner's terminator) filters at once, Esc empties the field."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QGridLayout, QLabel, QLineEdit, QPushButton, QWidget

DEBOUNCE_MS = 300


class FilterBar(QWidget):
    """Filter fields named by `fields` ((name, label) pairs); `changed` when they settle."""

    changed = Signal()

    def __init__(self, fields: Sequence[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._edits: dict[str, QLineEdit] = {}
        self._timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._timer.timeout.connect(self.changed)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(2)
        for column, (name, label) in enumerate(fields):
            edit = QLineEdit(self)
            edit.setObjectName(f"filter_{name}")
            edit.setClearButtonEnabled(True)
            edit.textEdited.connect(lambda _text: self._timer.start())
            edit.returnPressed.connect(self.apply_now)
            edit.installEventFilter(self)
            caption = QLabel(label, self)
            caption.setObjectName("Muted")
            caption.setBuddy(edit)
            grid.addWidget(caption, 0, column)
            grid.addWidget(edit, 1, column)
            self._edits[name] = edit
        clear = QPushButton(self.tr("Clear filters"), self)
        clear.setObjectName("clear_filters")
        clear.clicked.connect(self.clear)
        grid.addWidget(clear, 1, len(fields))

    def values(self) -> dict[str, str]:
        """Each field's text, by name."""
        return {name: edit.text() for name, edit in self._edits.items()}

    def field(self, name: str) -> QLineEdit:
        """The field called `name`."""
        return self._edits[name]

    def set_values(self, **values: str) -> None:
        """Fill fields (others are emptied) and filter at once."""
        for name, edit in self._edits.items():
            edit.setText(values.get(name, ""))
        self.apply_now()

    def focus_first(self) -> None:
        """Put the cursor in the first field, its text selected (Ctrl+F)."""
        first = next(iter(self._edits.values()))
        first.setFocus(Qt.FocusReason.ShortcutFocusReason)
        first.selectAll()

    def clear(self) -> None:
        """Empty every field and show everything."""
        if any(self.values().values()):
            self.set_values()

    def apply_now(self) -> None:
        """Filter without waiting for the pause."""
        self._timer.stop()
        self.changed.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Esc in a field that has text empties it (and does not close anything)."""
        if (event.type() == QEvent.Type.KeyPress and isinstance(watched, QLineEdit)
                and isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_Escape
                and watched.text()):
            watched.clear()
            self.apply_now()
            return True
        return super().eventFilter(watched, event)
