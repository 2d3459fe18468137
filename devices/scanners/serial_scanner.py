"""Serial and network scanners: one scan per frame on a self-reconnecting link."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from devices.framing import Framer, terminator_bytes
from devices.serial_link import LinkStatus, PortSettings, SerialLink


@dataclass(frozen=True)
class ScanEvent:
    """One scan as it arrived: decoded text, the exact bytes, where from and when."""

    text: str
    data: bytes
    source: str
    at: float = field(default_factory=time.time)


@dataclass(frozen=True)
class SerialScannerConfig:
    """A serial (or `socket://` network) scanner: its port, how scans end, what to strip."""

    port: PortSettings
    framing: str = "any"
    custom_terminator: str = ""
    prefix: str = ""
    suffix: str = ""
    encoding: str = "utf-8"


class SerialScanner:
    """Reads scans from a port on a worker thread; `on_scan` and `on_status` are called on that
    thread (the GUI forwards them to its own thread by signal)."""

    def __init__(self, config: SerialScannerConfig, *, on_scan: Callable[[ScanEvent], None],
                 on_status: Callable[[LinkStatus], None] | None = None,
                 retry_s: float = 1.0) -> None:
        self.config = config
        self._on_scan = on_scan
        self._framer = Framer(terminator_bytes(config.framing, config.custom_terminator))
        self._link = SerialLink(config.port, on_data=self._received, on_status=on_status,
                                retry_s=retry_s, name="scanner")

    @property
    def status(self) -> LinkStatus:
        """Connected, connecting or disconnected, with the reason."""
        return self._link.status

    def start(self) -> None:
        """Open the port and start listening."""
        self._link.start()

    def stop(self) -> None:
        """Close the port."""
        self._link.stop()

    def wait_connected(self, timeout: float) -> bool:
        """Wait until the port is open."""
        return self._link.wait_connected(timeout)

    def _received(self, data: bytes) -> None:
        for frame in self._framer.feed(data):
            text = frame.decode(self.config.encoding, errors="replace")
            prefix, suffix = self.config.prefix, self.config.suffix
            if prefix and text.startswith(prefix):
                text = text[len(prefix):]
            if suffix and text.endswith(suffix):
                text = text[:len(text) - len(suffix)]
            if text:
                self._on_scan(ScanEvent(text, frame, self.config.port.url))
