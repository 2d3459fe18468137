"""Simulated scanners: a serial scanner on a pseudo-terminal and a network scanner that listens
on a loopback TCP port (as fixed-mount scanners do). Each `scan()` sends one code with its
terminator; `send()` sends raw bytes, to test partial reads."""

from __future__ import annotations

import contextlib
import socket
import threading
from pathlib import Path

from devices.sim.pty_port import PtyPort


class SimulatedSerialScanner:
    """A serial scanner; connect to `path`."""

    def __init__(self, *, link: Path | None = None, terminator: bytes = b"\r\n",
                 encoding: str = "utf-8") -> None:
        self.port = PtyPort(link)
        self.terminator = terminator
        self.encoding = encoding

    @property
    def path(self) -> str:
        """The port to open."""
        return self.port.path

    def scan(self, code: str) -> None:
        """Send one scan."""
        self.port.write(code.encode(self.encoding) + self.terminator)

    def send(self, data: bytes) -> None:
        """Send raw bytes."""
        self.port.write(data)

    def unplug(self) -> None:
        """Pull the cable."""
        self.port.unplug()

    def replug(self) -> None:
        """Plug it back in (a new pty behind the same link)."""
        self.port.plug()

    def close(self) -> None:
        """Switch the simulator off."""
        self.port.close()


class SimulatedTcpScanner:
    """A network scanner listening on 127.0.0.1; connect to `url`."""

    def __init__(self, port: int = 0, *, terminator: bytes = b"\r\n") -> None:
        self.terminator = terminator
        self._clients: list[socket.socket] = []
        self._lock = threading.Lock()
        self._server: socket.socket | None = None
        self.port = port
        self.replug()

    @property
    def url(self) -> str:
        """The pyserial URL of this scanner."""
        return f"socket://127.0.0.1:{self.port}"

    def replug(self) -> None:
        """Start listening (again, on the same port)."""
        server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind(("127.0.0.1", self.port))
        server.listen()
        self.port = server.getsockname()[1]
        self._server = server
        threading.Thread(target=self._accept, args=(server,), name="sim tcp scanner",
                         daemon=True).start()

    def clients(self) -> int:
        """How many programs are connected."""
        with self._lock:
            return len(self._clients)

    def scan(self, code: str) -> None:
        """Send one scan to every connected program."""
        self.send(code.encode("utf-8") + self.terminator)

    def send(self, data: bytes) -> None:
        """Send raw bytes to every connected program."""
        with self._lock:
            for client in list(self._clients):
                try:
                    client.sendall(data)
                except OSError:
                    self._clients.remove(client)

    def unplug(self) -> None:
        """Drop every connection and stop listening."""
        if self._server is not None:
            # shutdown wakes the thread blocked in accept(); close alone would not on Linux,
            # and the port would stay taken.
            with contextlib.suppress(OSError):
                self._server.shutdown(socket.SHUT_RDWR)
            self._server.close()
            self._server = None
        with self._lock:
            for client in self._clients:
                client.close()
            self._clients.clear()

    def close(self) -> None:
        """Switch the simulator off."""
        self.unplug()

    def _accept(self, server: socket.socket) -> None:
        while True:
            try:
                client, _ = server.accept()
            except OSError:
                return  # unplugged
            with self._lock:
                self._clients.append(client)
