"""Network printers on their raw port (9100): one connection per job, and status questions on
a connection of their own. Every step has a timeout, so a printer that is off never hangs us."""

from __future__ import annotations

import socket
import time
from collections.abc import Callable

from devices.printers.address import PrinterAddress
from devices.printers.transport import CONNECT_TIMEOUT_S, SEND_TIMEOUT_S, PrinterUnreachable

DRAIN_S = 1.0


class TcpTransport:
    """A printer at tcp://host:port."""

    can_ask = True

    def __init__(self, address: PrinterAddress, *, timeout: float = CONNECT_TIMEOUT_S) -> None:
        self.address = address
        self.timeout = timeout

    def send(self, data: bytes, *, name: str = "", extension: str = "") -> None:
        """Connect, write the job, close."""
        with self._connect() as conn:
            conn.settimeout(max(self.timeout, SEND_TIMEOUT_S))
            try:
                conn.sendall(data)
                # Close our side and wait briefly for the printer's close: the bytes are then
                # all in (printers that keep the connection open cost at most DRAIN_S).
                conn.shutdown(socket.SHUT_WR)
                _drain(conn, time.monotonic() + min(self.timeout, DRAIN_S))
            except OSError as exc:
                raise PrinterUnreachable(f"The printer at {self.address} stopped taking the "
                                         f"job: {_reason(exc)}.") from None

    def ask(self, command: bytes, *, complete: Callable[[bytes], bool],
            timeout: float) -> bytes:
        """Send a question and read the answer until it is complete or `timeout` passes."""
        with self._connect() as conn:
            deadline = time.monotonic() + timeout
            answer = b""
            try:
                conn.sendall(command)
                while not complete(answer):
                    left = deadline - time.monotonic()
                    if left <= 0:
                        break
                    conn.settimeout(left)
                    chunk = conn.recv(4096)
                    if not chunk:
                        break
                    answer += chunk
            except TimeoutError:
                pass
            except OSError as exc:
                raise PrinterUnreachable(f"The printer at {self.address} closed the "
                                         f"connection: {_reason(exc)}.") from None
            return answer

    def _connect(self) -> socket.socket:
        try:
            return socket.create_connection((self.address.target, self.address.port),
                                            timeout=self.timeout)
        except OSError as exc:
            raise PrinterUnreachable(f"No printer answers at {self.address}: {_reason(exc)}. "
                                     "Is it switched on and on the network?") from None


def _drain(conn: socket.socket, deadline: float) -> None:
    """Read until the printer closes (some printers keep the connection: then the deadline)."""
    while time.monotonic() < deadline:
        conn.settimeout(max(deadline - time.monotonic(), 0.01))
        try:
            if not conn.recv(4096):
                return
        except TimeoutError:
            return


def _reason(exc: OSError) -> str:
    if isinstance(exc, ConnectionRefusedError):
        return "connection refused"
    if isinstance(exc, TimeoutError):
        return "no answer in time"
    if isinstance(exc, socket.gaierror):
        return "unknown host name"
    return exc.strerror or str(exc) or type(exc).__name__
