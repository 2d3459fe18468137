"""Printers on a serial port or a USB-serial adapter (any pyserial URL), opened per job."""

from __future__ import annotations

import time
from collections.abc import Callable

import serial

from devices.printers.address import PrinterAddress
from devices.printers.transport import CONNECT_TIMEOUT_S, SEND_TIMEOUT_S, PrinterUnreachable


class SerialTransport:
    """A printer at serial:PORT?baud=N. `loop://` echoes what is written (tests)."""

    can_ask = True

    def __init__(self, address: PrinterAddress, *, timeout: float = CONNECT_TIMEOUT_S) -> None:
        self.address = address
        self.timeout = timeout
        #: The open port of a `loop://` address, kept so a test can read what was sent.
        self.port: serial.SerialBase | None = None

    def send(self, data: bytes, *, name: str = "", extension: str = "") -> None:
        """Open the port, write the job, wait until it has left, close."""
        port = self._open()
        try:
            port.write(data)
            port.flush()
        except (serial.SerialException, OSError) as exc:
            raise PrinterUnreachable(f"The printer on {self.address.target} stopped taking "
                                     f"the job: {exc}") from None
        finally:
            self._close(port)

    def ask(self, command: bytes, *, complete: Callable[[bytes], bool],
            timeout: float) -> bytes:
        """Send a question and read the answer until complete or `timeout`."""
        port = self._open()
        answer = b""
        try:
            port.reset_input_buffer()
            port.write(command)
            deadline = time.monotonic() + timeout
            while not complete(answer) and time.monotonic() < deadline:
                answer += port.read(port.in_waiting or 1)
        except (serial.SerialException, OSError) as exc:
            raise PrinterUnreachable(f"The printer on {self.address.target} stopped "
                                     f"answering: {exc}") from None
        finally:
            self._close(port)
        return answer

    def _open(self) -> serial.SerialBase:
        if self.port is not None:
            return self.port
        try:
            port = serial.serial_for_url(self.address.target, baudrate=self.address.baudrate,
                                         timeout=0.05, write_timeout=SEND_TIMEOUT_S)
        except (serial.SerialException, OSError, ValueError) as exc:
            raise PrinterUnreachable(f"The printer port {self.address.target} cannot be "
                                     f"opened: {exc}. Is it plugged in, and free?") from None
        if self.address.target.startswith("loop://"):
            self.port = port
        return port

    def _close(self, port: serial.SerialBase) -> None:
        if port is not self.port:
            port.close()
