"""The workstation's devices seen from the GUI thread: the wedge filter, a serial or network
scanner and a scale, started from the device settings, with everything they report turned
into Qt signals (device threads never touch a widget)."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication

from app.device_settings import DeviceSettings
from app.wedge_filter import WedgeFilter
from devices.scales.readings import ScaleError, WeightReading
from devices.scales.scale import Scale
from devices.scanners.serial_scanner import ScanEvent, SerialScanner
from devices.serial_link import LinkState, LinkStatus

SCANNER, SCALE, WEDGE = "scanner", "scale", "wedge"


@dataclass(frozen=True)
class ScanInput:
    """A scan from any device, as workflows and the test page receive it."""

    raw: str
    source: str
    data: bytes = b""
    at: float = field(default_factory=time.time)


class DeviceBridge(QObject):
    """Owns the running devices; re-created devices follow `apply(settings)`."""

    scanned = Signal(object)  # ScanInput
    status_changed = Signal(str, object)  # device name, LinkStatus
    weighed = Signal(object)  # WeightReading or ScaleError, for live displays

    def __init__(self, settings: DeviceSettings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.wedge = WedgeFilter(settings.wedge.config(), self)
        self.wedge.scanned.connect(lambda text: self.scanned.emit(ScanInput(text, WEDGE)))
        self._wedge_installed = False
        self._listening = True
        self.serial_scanner: SerialScanner | None = None
        self.scale: Scale | None = None
        self.statuses: dict[str, LinkStatus] = {}
        self.apply(settings)

    def apply(self, settings: DeviceSettings) -> None:
        """Start, stop or reconfigure the devices for new settings."""
        self.settings = settings
        self.wedge.set_config(settings.wedge.config())
        self._install_wedge(self._listening and settings.wedge.enabled)
        self._stop_serial_devices()
        if settings.serial_scanner.enabled and settings.serial_scanner.port:
            self.serial_scanner = SerialScanner(
                settings.serial_scanner.config(), on_scan=self._serial_scan,
                on_status=lambda status: self._status(SCANNER, status))
            self.serial_scanner.start()
        if settings.scale.enabled and settings.scale.port:
            self.scale = Scale(settings.scale.config(), on_reading=self._reading,
                               on_status=lambda status: self._status(SCALE, status))
            self.scale.start()

    def listen_to_keyboard(self, listening: bool) -> None:
        """Tell wedge scans from typing (while a main window is open) or let every key through
        (sign-in, no window), as the settings allow."""
        self._listening = listening
        self._install_wedge(listening and self.settings.wedge.enabled)

    def watch_weight(self, enabled: bool) -> None:
        """Send live readings to `weighed` (while a page shows the weight)."""
        if self.scale is not None:
            self.scale.watch(enabled)

    def stop(self) -> None:
        """Stop every device (at exit)."""
        self._install_wedge(False)
        self._stop_serial_devices()

    def _install_wedge(self, enabled: bool) -> None:
        app = QApplication.instance()
        if app is None or enabled == self._wedge_installed:
            return
        if enabled:
            app.installEventFilter(self.wedge)
        else:
            app.removeEventFilter(self.wedge)
        self._wedge_installed = enabled

    def _stop_serial_devices(self) -> None:
        for name, device in ((SCANNER, self.serial_scanner), (SCALE, self.scale)):
            if device is not None:
                device.stop()
                self.statuses.pop(name, None)
                self.status_changed.emit(name, LinkStatus(LinkState.STOPPED, ""))
        self.serial_scanner = self.scale = None

    # Called on device threads: only emit signals (queued to the GUI thread).

    def _serial_scan(self, event: ScanEvent) -> None:
        self.scanned.emit(ScanInput(event.text, event.source, event.data, event.at))

    def _status(self, name: str, status: LinkStatus) -> None:
        self.statuses[name] = status
        self.status_changed.emit(name, status)

    def _reading(self, reading: WeightReading | ScaleError) -> None:
        self.weighed.emit(reading)
