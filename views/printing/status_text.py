"""Printer states, conditions and job statuses in the user's language, with a colour:
unknown is grey and says unknown, never green."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from devices.printers.status import Flag, PrinterStatus, State

CONTEXT = "PrinterStatus"

STATES = {
    State.READY: QT_TRANSLATE_NOOP("PrinterStatus", "Ready"),
    State.BUSY: QT_TRANSLATE_NOOP("PrinterStatus", "Busy"),
    State.PROBLEM: QT_TRANSLATE_NOOP("PrinterStatus", "Needs attention"),
    State.UNKNOWN: QT_TRANSLATE_NOOP("PrinterStatus", "Status unknown"),
    State.OFFLINE: QT_TRANSLATE_NOOP("PrinterStatus", "Not reachable"),
}
FLAGS = {
    Flag.PAPER_OUT: QT_TRANSLATE_NOOP("PrinterStatus", "paper out"),
    Flag.PAUSED: QT_TRANSLATE_NOOP("PrinterStatus", "paused"),
    Flag.HEAD_OPEN: QT_TRANSLATE_NOOP("PrinterStatus", "head open"),
    Flag.RIBBON_OUT: QT_TRANSLATE_NOOP("PrinterStatus", "ribbon out"),
    Flag.BUFFER_FULL: QT_TRANSLATE_NOOP("PrinterStatus", "buffer full"),
    Flag.PAPER_JAM: QT_TRANSLATE_NOOP("PrinterStatus", "paper jam"),
    Flag.COVER_OPEN: QT_TRANSLATE_NOOP("PrinterStatus", "cover open"),
    Flag.PRINTING: QT_TRANSLATE_NOOP("PrinterStatus", "printing"),
    Flag.UNDER_TEMPERATURE: QT_TRANSLATE_NOOP("PrinterStatus", "too cold"),
    Flag.OVER_TEMPERATURE: QT_TRANSLATE_NOOP("PrinterStatus", "too hot"),
    Flag.CORRUPT_RAM: QT_TRANSLATE_NOOP("PrinterStatus", "settings lost"),
}
JOB_STATUSES = {
    "queued": QT_TRANSLATE_NOOP("PrinterStatus", "sending"),
    "sent": QT_TRANSLATE_NOOP("PrinterStatus", "sent"),
    "failed": QT_TRANSLATE_NOOP("PrinterStatus", "failed"),
    "cancelled": QT_TRANSLATE_NOOP("PrinterStatus", "cancelled"),
}
#: How a state and its conditions are joined ("Needs attention: paper out, head open").
WITH_FLAGS = QT_TRANSLATE_NOOP("PrinterStatus", "{state}: {flags}")
FLAG_SEPARATOR = QT_TRANSLATE_NOOP("PrinterStatus", ", ")
COLOURS = {State.READY: "#2e7d32", State.BUSY: "#1565c0", State.PROBLEM: "#c62828",
           State.UNKNOWN: "#757575", State.OFFLINE: "#c62828"}


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def status_text(status: PrinterStatus) -> str:
    """'Needs attention: paper out, head open' in the user's language."""
    text = _tr(STATES[status.state])
    flags = [_tr(FLAGS[f]) for f in sorted(status.flags)]
    if not flags:
        return text
    return _tr(WITH_FLAGS).format(state=text, flags=_tr(FLAG_SEPARATOR).join(flags))


def status_colour(status: PrinterStatus) -> str:
    """The colour the state is shown in."""
    return COLOURS[status.state]


def job_status_text(status: str) -> str:
    """A job status in the user's language."""
    source = JOB_STATUSES.get(status)
    return _tr(source) if source else status
