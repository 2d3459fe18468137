"""Printing off the GUI thread: jobs go out on a thread of their own (a batch may take
minutes and must not hold the database runner), status questions on another (a silent
printer takes seconds to time out). Results come back to the GUI thread by signal."""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal

from app.print_jobs.sending import Control, JobOutcome
from app.print_jobs.service import printer_status
from app.printer_profiles import PrinterProfile
from devices.printers.status import PrinterStatus

log = logging.getLogger(__name__)


class PrintWorker(QObject):
    """Runs print jobs one at a time, and status questions beside them."""

    #: done, total labels of the running job
    progressed = Signal(int, int)
    #: a JobOutcome, or the exception that stopped the job before it was logged
    finished = Signal(object)
    #: printer name, PrinterStatus
    status_known = Signal(str, object)
    _done = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._jobs = ThreadPoolExecutor(max_workers=1, thread_name_prefix="waredesk-print")
        self._status = ThreadPoolExecutor(max_workers=1, thread_name_prefix="waredesk-status")
        self._cancel = threading.Event()
        self._running = 0
        self._done.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    @property
    def busy(self) -> bool:
        """True while a job is being sent."""
        return self._running > 0

    def run(self, job: Callable[[Control], JobOutcome]) -> None:
        """Run `job(control)` on the print thread; `finished` carries its outcome."""
        self._cancel.clear()
        self._running += 1
        control = Control(report=lambda done, total: self._emit(self.progressed, done, total),
                          cancelled=self._cancel.is_set)

        def work() -> None:
            try:
                result: Any = job(control)
            except Exception as exc:  # shown to the user; unexpected ones logged too
                if not hasattr(exc, "exit_code"):
                    log.exception("print job failed")
                result = exc
            self._emit(self._done, result)

        self._jobs.submit(work)

    def cancel(self) -> None:
        """Stop the running job after the chunk being sent."""
        self._cancel.set()

    def ask_status(self, profile: PrinterProfile) -> None:
        """Ask the printer how it is; `status_known` carries the answer."""
        def work() -> None:
            try:
                status: PrinterStatus | str = printer_status(profile)
            except Exception as exc:  # a bad address: shown as the status text
                status = str(exc)
            self._emit(self.status_known, profile.name, status)

        self._status.submit(work)

    def _emit(self, signal: Any, *values: object) -> None:
        # RuntimeError: the page was closed while the printer was being asked.
        with contextlib.suppress(RuntimeError):
            signal.emit(*values)

    def _deliver(self, result: object) -> None:
        self._running -= 1
        self.finished.emit(result)

    def shutdown(self) -> None:
        """Cancel, and let the threads end."""
        self._cancel.set()
        self._jobs.shutdown(wait=False, cancel_futures=True)
        self._status.shutdown(wait=False, cancel_futures=True)
