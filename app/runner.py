"""Background operations, in the manner of Anki's QueryOp and CollectionOp.

Every piece of database work is an `Op`: a function of the Database run on one worker thread,
one operation at a time, so the GUI thread never waits on the database and two operations
never race each other. The result, or the error, comes back to the GUI thread by a queued
signal and is handed to the op's `success` or `failure` callback there. A change (an op with
`changes`) announces the areas it touched once it has committed, so open screens refresh.

    Op.query(lambda db, _: load_page(db, flt)).success(self.show_page) \\
        .run_in_background(runner, parent=self, key="stock-page")
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget
from shiboken6 import isValid

from app.error_display import show_error
from models.db import Database

log = logging.getLogger(__name__)

T = TypeVar("T")


class Cancelled(Exception):
    """Raised inside an op when the user cancelled it; not an error."""


class Progress:
    """Handed to every op: report how far it is, and find out whether the user cancelled."""

    #: Reports closer together than this are dropped (the last step always gets through):
    #: an import may report every row, and the GUI thread need not hear of each.
    INTERVAL_S = 0.05

    def __init__(self, report: Callable[[str, int, int], None] | None = None) -> None:
        self._report = report
        self._cancelled = threading.Event()
        self._reported_at = 0.0

    def update(self, label: str = "", done: int = 0, total: int = 0) -> None:
        """Say what the op is doing; `total` 0 means unknown. Safe from the worker thread."""
        now = time.monotonic()
        if self._report is None or (now - self._reported_at < self.INTERVAL_S
                                    and done != total):
            return
        self._reported_at = now
        self._report(label, done, total)

    def cancel(self) -> None:
        """Ask the op to stop at its next check."""
        self._cancelled.set()

    @property
    def cancelled(self) -> bool:
        """True once the user asked to cancel."""
        return self._cancelled.is_set()

    def check(self) -> None:
        """Raise Cancelled when the user asked to cancel; long ops call this between steps."""
        if self._cancelled.is_set():
            raise Cancelled


Work = Callable[[Database, Progress], T]


@dataclass(eq=False)
class Op(Generic[T]):
    """One piece of database work and what to do with its outcome on the GUI thread."""

    work: Work[T]
    changes: frozenset[str] = frozenset()
    on_success: Callable[[T], None] | None = None
    on_failure: Callable[[BaseException], None] | None = None
    progress_label: str | None = None
    cancellable: bool = False

    @classmethod
    def query(cls, work: Work[T]) -> Op[T]:
        """An op that only reads."""
        return cls(work)

    @classmethod
    def change(cls, work: Work[T], *, changes: Iterable[str]) -> Op[T]:
        """An op that writes; `changes` names the areas it touches ("stock", "products"...)."""
        return cls(work, changes=frozenset(changes))

    def success(self, callback: Callable[[T], None]) -> Op[T]:
        """Call `callback(result)` on the GUI thread when the op succeeds."""
        self.on_success = callback
        return self

    def failure(self, callback: Callable[[BaseException], None]) -> Op[T]:
        """Call `callback(error)` instead of showing the error in a message box."""
        self.on_failure = callback
        return self

    def with_progress(self, label: str, *, cancellable: bool = False) -> Op[T]:
        """Show a progress dialog when the op takes more than a moment."""
        self.progress_label = label
        self.cancellable = cancellable
        return self

    def run_in_background(self, runner: Runner, *, parent: QObject | None = None,
                          key: object = None) -> Ticket:
        """Queue the op; see `Runner.submit`."""
        return runner.submit(self, parent=parent, key=key)


@dataclass(eq=False)
class Ticket:
    """A submitted op: cancel it, or ask whether it is still to come."""

    op: Op[Any]
    parent: QObject | None
    key: object
    progress: Progress = field(default_factory=Progress)
    future: Future[Any] | None = None
    dialog: QProgressDialog | None = None
    superseded: bool = False

    def cancel(self) -> None:
        """Drop the op if it has not started; ask it to stop if it has. No callback runs."""
        self.superseded = True
        self.progress.cancel()
        if self.future is not None:
            self.future.cancel()


class Runner(QObject):
    """Runs ops on one worker thread and delivers their outcomes on the GUI thread."""

    #: Emitted after a change op committed, with the areas it touched.
    changed = Signal(object)
    #: True while ops are queued or running: for a "working" indicator.
    busy = Signal(bool)
    _finished = Signal(object)  # ticket, its future done or cancelled
    _progressed = Signal(object, str, int, int)  # ticket, label, done, total

    def __init__(self, db: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="waredesk-db")
        self._latest: dict[object, Ticket] = {}
        self._outstanding = 0
        self._finished.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        self._progressed.connect(self._show_progress, Qt.ConnectionType.QueuedConnection)

    def submit(self, op: Op[Any], *, parent: QObject | None = None,
               key: object = None) -> Ticket:
        """Queue `op` behind the ops already submitted.

        With a `key`, a newer op with the same key replaces an older one: the older is dropped
        if it has not started, and its outcome is ignored if it has (a filter typed further
        must not be answered by the results of what was typed before). Callbacks are skipped
        when `parent` has been deleted in the meantime.
        """
        if key is not None and key in self._latest:
            self._latest.pop(key).cancel()
        ticket = Ticket(op, parent, key)
        ticket.progress = Progress(partial(self._progressed.emit, ticket))
        if key is not None:
            self._latest[key] = ticket
        if op.progress_label is not None:
            ticket.dialog = self._progress_dialog(ticket)
        self._outstanding += 1
        if self._outstanding == 1:
            self.busy.emit(True)
        # The work runs on the worker thread, which must never touch a widget; the done
        # callback (worker thread, or here when cancelled) only emits the queued signal.
        ticket.future = self._pool.submit(op.work, self.db, ticket.progress)
        ticket.future.add_done_callback(lambda _future: self._finished.emit(ticket))
        return ticket

    def _deliver(self, ticket: Ticket) -> None:
        assert ticket.future is not None
        if ticket.future.cancelled():
            result, error = None, Cancelled()
        else:
            result, error = None, ticket.future.exception()
            if error is None:
                result = ticket.future.result()
        self._outstanding -= 1
        if self._outstanding == 0:
            self.busy.emit(False)
        if ticket.key is not None and self._latest.get(ticket.key) is ticket:
            del self._latest[ticket.key]
        if ticket.dialog is not None:
            ticket.dialog.reset()
            ticket.dialog.deleteLater()
        if error is None and ticket.op.changes:
            # Announced even when the caller went away: the data changed regardless.
            self.changed.emit(ticket.op.changes)
        if ticket.superseded or (ticket.parent is not None and not isValid(ticket.parent)):
            return
        if isinstance(error, Cancelled):
            return
        if error is not None:
            if ticket.op.on_failure is not None:
                ticket.op.on_failure(error)
            else:
                parent = ticket.parent if isinstance(ticket.parent, QWidget) else None
                show_error(parent, error)
        elif ticket.op.on_success is not None:
            ticket.op.on_success(result)

    def _progress_dialog(self, ticket: Ticket) -> QProgressDialog:
        parent = ticket.parent if isinstance(ticket.parent, QWidget) else None
        dialog = QProgressDialog(ticket.op.progress_label or "", self.tr("Cancel"), 0, 0, parent)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(400)
        if not ticket.op.cancellable:
            dialog.setCancelButton(None)
        dialog.canceled.connect(ticket.progress.cancel)
        return dialog

    def _show_progress(self, ticket: Ticket, label: str, done: int, total: int) -> None:
        dialog = ticket.dialog
        if dialog is None or not isValid(dialog):
            return
        if label:
            dialog.setLabelText(label)
        dialog.setMaximum(max(total, 0))
        dialog.setValue(min(done, total) if total else 0)

    def wait_idle(self) -> None:
        """Block until every submitted op has run (for shutdown and tests)."""
        self._pool.submit(lambda: None).result()

    def shutdown(self) -> None:
        """Cancel what is queued, let the running op finish, stop the worker."""
        for ticket in list(self._latest.values()):
            ticket.cancel()
        self._pool.shutdown(wait=True, cancel_futures=True)
