"""Device status in the status bar: a coloured dot and a word per device, so a worker sees at
a glance that the scanner or the scale is unplugged."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from app.device_bridge import SCALE, SCANNER, DeviceBridge

if TYPE_CHECKING:
    from devices.serial_link import LinkStatus

_COLOURS = {"connected": "#2e7d32", "connecting": "#f9a825", "disconnected": "#c62828"}


class DeviceStatusIndicators(QWidget):
    """One indicator per serial device that is set up; hidden when it is not."""

    def __init__(self, bridge: DeviceBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.labels = {SCANNER: QLabel(), SCALE: QLabel()}
        self._names = {SCANNER: self.tr("Scanner"), SCALE: self.tr("Scale")}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for label in self.labels.values():
            label.hide()
            layout.addWidget(label)
        bridge.status_changed.connect(self.show_status)
        for name, status in bridge.statuses.items():
            self.show_status(name, status)

    def show_status(self, name: str, status: LinkStatus) -> None:
        """Update one device's indicator."""
        label = self.labels.get(name)
        if label is None:
            return
        state = status.state.value
        if state == "stopped":
            label.hide()
            return
        words = {"connected": self.tr("connected"), "connecting": self.tr("connecting…"),
                 "disconnected": self.tr("disconnected")}
        label.setText(f"<span style='color:{_COLOURS[state]}'>●</span> {self._names[name]}: "
                      f"{words[state]}")
        label.setToolTip(str(status))
        label.show()
