"""A serial connection that keeps itself open: it reads on a worker thread, hands every chunk of
bytes to a callback, and when the device is unplugged it reports so and reconnects by itself.

Any pyserial URL works: `COM3`, `/dev/ttyUSB0`, `socket://192.168.1.40:2001` (a network scanner
or a serial-to-Ethernet converter), `loop://`.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

import serial

from devices.errors import NotConnected

log = logging.getLogger(__name__)


class LinkState(StrEnum):
    """Where a link is in its life."""

    CONNECTING = "connecting"
    CONNECTED = "connected"
    DISCONNECTED = "disconnected"
    STOPPED = "stopped"


@dataclass(frozen=True)
class LinkStatus:
    """A link's state, its port, and why it is disconnected (when it is)."""

    state: LinkState
    port: str
    detail: str = ""
    since: float = field(default_factory=time.time)

    def __str__(self) -> str:
        text = f"{self.port}: {self.state}"
        return f"{text} ({self.detail})" if self.detail else text


@dataclass(frozen=True)
class PortSettings:
    """How to open a port: its URL and line settings (pyserial names and values)."""

    url: str
    baudrate: int = 9600
    bytesize: int = 8
    parity: str = "N"
    stopbits: float = 1


class SerialLink:
    """Opens `settings.url`, reads until stopped, reconnects every `retry_s` after a failure."""

    def __init__(self, settings: PortSettings, *, on_data: Callable[[bytes], None],
                 on_status: Callable[[LinkStatus], None] | None = None,
                 retry_s: float = 1.0, name: str = "serial") -> None:
        self.settings = settings
        self._on_data = on_data
        self._on_status = on_status or (lambda status: None)
        self._retry_s = retry_s
        self._name = name
        self._stop = threading.Event()
        self._port: serial.SerialBase | None = None
        self._write_lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self.status = LinkStatus(LinkState.STOPPED, settings.url)

    def start(self) -> None:
        """Start connecting and reading in the background."""
        if self._thread is not None:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name=f"{self._name} link",
                                        daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 2.0) -> None:
        """Close the port and end the worker thread."""
        self._stop.set()
        thread, self._thread = self._thread, None
        if thread is not None:
            thread.join(timeout)
        self._set_status(LinkState.STOPPED)

    def write(self, data: bytes) -> None:
        """Send bytes to the device; NotConnected when the port is not open."""
        with self._write_lock:
            port = self._port
            if port is None:
                raise NotConnected(f"{self.settings.url} is not connected: check the cable and "
                                   f"the port in the device settings.")
            try:
                port.write(data)
                port.flush()
            except (serial.SerialException, OSError) as exc:
                raise NotConnected(f"{self.settings.url} stopped answering: {exc}") from None

    def wait_connected(self, timeout: float) -> bool:
        """Wait until the port is open (for start-up and tests)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.status.state is LinkState.CONNECTED:
                return True
            time.sleep(0.01)
        return self.status.state is LinkState.CONNECTED

    def _run(self) -> None:
        while not self._stop.is_set():
            self._set_status(LinkState.CONNECTING)
            try:
                port = self._open()
            except (serial.SerialException, OSError, ValueError) as exc:
                self._set_status(LinkState.DISCONNECTED, _reason(exc))
                self._stop.wait(self._retry_s)
                continue
            with self._write_lock:
                self._port = port
            self._set_status(LinkState.CONNECTED)
            try:
                self._read_until_stopped(port)
            except (serial.SerialException, OSError) as exc:
                log.info("%s lost: %s", self.settings.url, exc)
                self._set_status(LinkState.DISCONNECTED, "unplugged or switched off")
            finally:
                with self._write_lock:
                    self._port = None
                port.close()
            self._stop.wait(self._retry_s)

    def _open(self) -> serial.SerialBase:
        s = self.settings
        return serial.serial_for_url(s.url, baudrate=s.baudrate, bytesize=s.bytesize,
                                     parity=s.parity, stopbits=s.stopbits, timeout=0.05,
                                     write_timeout=1.0)

    def _read_until_stopped(self, port: serial.SerialBase) -> None:
        while not self._stop.is_set():
            data = port.read(port.in_waiting or 1)
            if data:
                try:
                    self._on_data(data)
                except Exception:
                    log.exception("%s: the data handler failed", self.settings.url)

    def _set_status(self, state: LinkState, detail: str = "") -> None:
        if self.status.state is state and self.status.detail == detail:
            return
        self.status = LinkStatus(state, self.settings.url, detail)
        self._on_status(self.status)


def _reason(exc: Exception) -> str:
    text = str(exc)
    if "No such file" in text or "could not open port" in text or "FileNotFound" in text:
        return "port not found: is the device plugged in?"
    if "Permission denied" in text or "Access is denied" in text:
        return "permission denied: another program may be using the port"
    if "Connection refused" in text:
        return "connection refused: is the device switched on?"
    return text
