"""An in-memory printer: it keeps every job it is sent and answers status questions with a
prepared answer. Tests and demos reach it as `memory:NAME`; it can be made to fail."""

from __future__ import annotations

import threading
from collections.abc import Callable

from devices.printers.address import PrinterAddress
from devices.printers.transport import PrinterUnreachable

_PRINTERS: dict[str, MemoryPrinter] = {}
_LOCK = threading.Lock()


class MemoryPrinter:
    """Jobs in `jobs`; `answers` maps a question to its answer; `offline` makes it refuse."""

    can_ask = True

    def __init__(self, name: str) -> None:
        self.address = PrinterAddress("memory", name)
        self.jobs: list[bytes] = []
        self.names: list[str] = []
        self.answers: dict[bytes, bytes] = {}
        self.offline = False
        #: Called before each job is taken (a test can cancel a batch from here).
        self.on_job: Callable[[bytes], None] | None = None

    def send(self, data: bytes, *, name: str = "", extension: str = "") -> None:
        """Keep the job, or refuse it while offline."""
        if self.offline:
            raise PrinterUnreachable(f"No printer answers at {self.address}: it is offline.")
        if self.on_job is not None:
            self.on_job(data)
        self.jobs.append(data)
        self.names.append(name)

    def ask(self, command: bytes, *, complete: Callable[[bytes], bool],
            timeout: float) -> bytes:
        """The prepared answer to `command`, b"" for none."""
        if self.offline:
            raise PrinterUnreachable(f"No printer answers at {self.address}: it is offline.")
        return self.answers.get(command, b"")

    @property
    def received(self) -> bytes:
        """Every job's bytes in the order they came."""
        return b"".join(self.jobs)


def memory_printer(name: str) -> MemoryPrinter:
    """The in-memory printer called `name` (made on first use, shared in this process)."""
    with _LOCK:
        if name not in _PRINTERS:
            _PRINTERS[name] = MemoryPrinter(name)
        return _PRINTERS[name]


def forget_memory_printers() -> None:
    """Drop every in-memory printer (between tests)."""
    with _LOCK:
        _PRINTERS.clear()
