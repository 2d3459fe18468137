"""The operating system's print queue. Label languages (ZPL, TSPL) go through as raw bytes:
CUPS `lp -o raw`, or the Windows spooler's RAW data type (win32print, when installed). PDFs
go to CUPS as documents, which the queue's driver prints."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from collections.abc import Callable

from devices.printers.address import PrinterAddress
from devices.printers.transport import SEND_TIMEOUT_S, PrinterUnreachable

#: Jobs whose bytes the printer itself understands: the queue must not convert them.
RAW_EXTENSIONS = ("zpl", "tspl", "prn", "bin")


def lp_command(queue: str, *, raw: bool, title: str = "") -> list[str]:
    """The `lp` command line that queues standard input on `queue`."""
    argv = ["lp", "-d", queue]
    if raw:
        argv += ["-o", "raw"]
    if title:
        argv += ["-t", title]
    return [*argv, "--", "-"]


class QueueTransport:
    """A printer at queue:NAME."""

    can_ask = False

    def __init__(self, address: PrinterAddress, *, timeout: float = SEND_TIMEOUT_S) -> None:
        self.address = address
        self.timeout = timeout

    def send(self, data: bytes, *, name: str = "", extension: str = "zpl") -> None:
        """Queue the job."""
        raw = extension in RAW_EXTENSIONS
        if sys.platform == "win32" and importlib.util.find_spec("win32print") is not None:
            if not raw:
                raise PrinterUnreachable("Printing a PDF to a Windows queue needs the app's "
                                         "print dialog; send label languages here.")
            _windows_raw(self.address.target, data, name or "WareDesk")
            return
        if shutil.which("lp") is None:
            raise PrinterUnreachable("This computer has no print system (CUPS `lp` is "
                                     "missing): install CUPS, or use a tcp:// address.")
        argv = lp_command(self.address.target, raw=raw, title=name)
        try:
            done = subprocess.run(argv, input=data, capture_output=True, timeout=self.timeout,
                                  check=False)
        except subprocess.TimeoutExpired:
            raise PrinterUnreachable(f"The print queue {self.address.target} did not take "
                                     f"the job within {self.timeout:.0f} s.") from None
        if done.returncode != 0:
            reason = done.stderr.decode(errors="replace").strip().splitlines()
            raise PrinterUnreachable(f"The print queue {self.address.target} refused the job: "
                                     f"{reason[-1] if reason else 'lp failed'}.")

    def ask(self, command: bytes, *, complete: Callable[[bytes], bool],
            timeout: float) -> bytes:
        """A queue passes no answers back from the printer."""
        return b""


def _windows_raw(queue: str, data: bytes, title: str) -> None:
    """Hand raw bytes to the Windows spooler (the RAW data type bypasses the driver)."""
    import win32print  # type: ignore[import-not-found]

    try:
        handle = win32print.OpenPrinter(queue)
    except Exception as exc:  # pywin32 raises its own pywintypes.error
        raise PrinterUnreachable(f"The Windows printer '{queue}' cannot be opened: "
                                 f"{exc}") from None
    try:
        win32print.StartDocPrinter(handle, 1, (title, None, "RAW"))
        try:
            win32print.StartPagePrinter(handle)
            win32print.WritePrinter(handle, data)
            win32print.EndPagePrinter(handle)
        finally:
            win32print.EndDocPrinter(handle)
    finally:
        win32print.ClosePrinter(handle)
