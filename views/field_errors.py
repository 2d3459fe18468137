"""Marking the fields a save rejected: a red frame on the field and the reason under it."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from app.error_display import error_text
from models.masterdata.fields import FieldError, ValidationFailed

# The services' field messages that name no value, so they can be said in the user's
# language; messages quoting a value ("'abc' is not a number") are shown as the service
# wrote them.
FIXED_MESSAGES = [
    QT_TRANSLATE_NOOP("FieldErrors", "is required"),
    QT_TRANSLATE_NOOP("FieldErrors", "is at most 255 characters"),
    QT_TRANSLATE_NOOP("FieldErrors", "is at most 32 characters"),
    QT_TRANSLATE_NOOP("FieldErrors", "is at most 64 characters, without tabs or line breaks"),
    QT_TRANSLATE_NOOP("FieldErrors", "is required, at most 16 characters"),
    QT_TRANSLATE_NOOP("FieldErrors", "must be more than zero"),
    QT_TRANSLATE_NOOP("FieldErrors", "must be more than zero, or empty for no limit"),
    QT_TRANSLATE_NOOP("FieldErrors", "must be at least the minimum stock"),
    QT_TRANSLATE_NOOP("FieldErrors", "cannot exceed the maximum stock"),
    QT_TRANSLATE_NOOP("FieldErrors", "cannot exceed the shelf life"),
    QT_TRANSLATE_NOOP("FieldErrors", "must be zero or more"),
    QT_TRANSLATE_NOOP("FieldErrors", "a barcode is empty"),
    QT_TRANSLATE_NOOP("FieldErrors", "a location cannot be its own parent"),
    QT_TRANSLATE_NOOP("FieldErrors",
                      "expiry is kept per lot: set tracking to lot or serial"),
    QT_TRANSLATE_NOOP("FieldErrors",
                      "is 1 to 64 letters, digits, '.', '_', '/' or '-', starting with a "
                      "letter or digit"),
    QT_TRANSLATE_NOOP("FieldErrors", "is 1 to 64 letters, digits, '.', '_', '/' or '-'"),
    QT_TRANSLATE_NOOP("FieldErrors",
                      "must not start with PO-, SO-, WAVE-, TOTE-, COUNT- or CMD-: WareDesk "
                      "keeps those for its documents and commands"),
]


def message_text(message: str) -> str:
    """A field message in the user's language when it is one of the fixed ones."""
    if message in FIXED_MESSAGES:
        return QCoreApplication.translate("FieldErrors", message)
    return message


def set_error_state(widget: QWidget, on: bool) -> None:
    """Turn the red frame of the style sheet's `[error="true"]` rule on or off."""
    widget.setProperty("error", on)
    widget.style().unpolish(widget)
    widget.style().polish(widget)


class FieldErrors:
    """The fields of a form by the names services use in FieldError, each with a label for its
    message; errors for fields the form does not show go to `general`."""

    def __init__(self, general: QLabel) -> None:
        self.general = general
        self._fields: dict[str, tuple[QWidget, QLabel]] = {}

    def add(self, name: str, widget: QWidget, label: QLabel) -> None:
        """Register the widget and message label of field `name`."""
        label.setObjectName(f"error_{name}")
        label.setProperty("tone", "")
        label.setStyleSheet("color: #c62828;")
        label.setWordWrap(True)
        label.hide()
        self._fields[name] = (widget, label)

    def add_row(self, form: QFormLayout, label: str, name: str, widget: QWidget) -> None:
        """Put field `name` into `form` under `label`, with the line for its message below."""
        holder = QWidget(widget.parentWidget())  # in the form's window: keeps the Tab order
        message = QLabel(holder)
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        column.addWidget(message)
        self.add(name, widget, message)
        form.addRow(label, holder)

    def show(self, errors: Iterable[FieldError]) -> None:
        """Mark every field named in `errors`; focus the first."""
        self.clear()
        messages: dict[str, list[str]] = {}
        for error in errors:
            messages.setdefault(error.field, []).append(message_text(error.message))
        other = []
        first: QWidget | None = None
        for name, texts in messages.items():
            if name not in self._fields:
                other.extend(f"{name}: {text}" for text in texts)
                continue
            widget, label = self._fields[name]
            set_error_state(widget, True)
            label.setText("; ".join(texts))
            label.show()
            first = first or widget
        if other:
            self.general.setText("\n".join(other))
            self.general.show()
        if first is not None:
            first.setFocus()

    def show_failure(self, error: BaseException) -> None:
        """Mark the fields a refused save names, or say any other error in `general`."""
        if isinstance(error, ValidationFailed):
            self.show(error.errors)
        else:
            self.general.setText(error_text(error))
            self.general.show()

    def clear(self) -> None:
        """Unmark every field."""
        for widget, label in self._fields.values():
            set_error_state(widget, False)
            label.clear()
            label.hide()
        self.general.hide()

    def marked(self) -> dict[str, str]:
        """The fields marked now, with their messages."""
        return {name: label.text() for name, (widget, label) in self._fields.items()
                if widget.property("error")}
