"""What every printer transport does: send one job's bytes, and ask a question (a status
query) when the connection can carry an answer. `open_transport` picks one from an address."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from devices.errors import DeviceError
from devices.printers.address import PrinterAddress

#: Seconds to reach a printer, and to hand it a job, before giving up.
CONNECT_TIMEOUT_S = 5.0
SEND_TIMEOUT_S = 30.0


class PrinterUnreachable(DeviceError):
    """The job could not be handed to the printer (switched off, wrong address, cable)."""


class Transport(Protocol):
    """A way to a printer."""

    address: PrinterAddress

    @property
    def can_ask(self) -> bool:
        """True when the printer's answers come back this way (TCP, serial)."""
        ...

    def send(self, data: bytes, *, name: str, extension: str) -> None:
        """Hand over one job; PrinterUnreachable when it cannot be delivered."""
        ...

    def ask(self, command: bytes, *, complete: Callable[[bytes], bool],
            timeout: float) -> bytes:
        """Send `command` and collect the answer until `complete(answer)` or `timeout`;
        what arrived (b"" for none). PrinterUnreachable when the printer cannot be reached."""
        ...


def open_transport(address: PrinterAddress, *, timeout: float = CONNECT_TIMEOUT_S) -> Transport:
    """The transport for `address`."""
    if address.kind == "tcp":
        from devices.printers.tcp import TcpTransport
        return TcpTransport(address, timeout=timeout)
    if address.kind == "serial":
        from devices.printers.serial_transport import SerialTransport
        return SerialTransport(address, timeout=timeout)
    if address.kind == "queue":
        from devices.printers.system_queue import QueueTransport
        return QueueTransport(address)
    if address.kind == "folder":
        from devices.printers.folder import FolderTransport
        return FolderTransport(address)
    from devices.printers.memory import memory_printer
    return memory_printer(address.target)
