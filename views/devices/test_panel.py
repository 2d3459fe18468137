"""The live test of this workstation's devices: every scan shows what arrived (text with its
invisible characters, the bytes, the symbology), what WareDesk makes of it and the feedback a
floor screen would give; the scale shows its live weight and can be zeroed, tared and asked for
a stable weight."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.device_bridge import SCALE, SCANNER, ScanInput
from app.devices_controller import DevicesController, ScanExplained
from models.scanning import show_invisible
from views.feedback_flash import FeedbackFlash

if TYPE_CHECKING:
    from devices.scales.readings import ScaleError, WeightReading
    from devices.serial_link import LinkStatus


class DeviceTestPanel(QWidget):
    """Listens to the devices while shown; scans here go to no workflow."""

    def __init__(self, controller: DevicesController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._controller = controller
        self._listening = False
        layout = QVBoxLayout(self)
        layout.addWidget(self._status_box())
        layout.addWidget(self._scan_box(), 1)
        layout.addWidget(self._scale_box())
        bridge = controller.bridge
        bridge.status_changed.connect(self._show_status)
        bridge.weighed.connect(self._show_weight)
        controller.scan_explained.connect(self._show_scan)
        controller.scale_done.connect(self._scale_done)
        for name, status in bridge.statuses.items():
            self._show_status(name, status)
        self.refresh_wedge()

    def _status_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Devices"))
        form = QFormLayout(box)
        self.wedge_state = QLabel()
        self.scanner_state = QLabel(self.tr("not set up"))
        self.scale_state = QLabel(self.tr("not set up"))
        form.addRow(self.tr("Keyboard scanner"), self.wedge_state)
        form.addRow(self.tr("Serial scanner"), self.scanner_state)
        form.addRow(self.tr("Scale"), self.scale_state)
        return box

    def _scan_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Last scan"))
        layout = QVBoxLayout(box)
        self.flash = FeedbackFlash()
        layout.addWidget(self.flash)
        form = QFormLayout()
        self.raw = QLabel()
        self.data = QLabel()
        self.source = QLabel()
        self.symbology = QLabel()
        self.kind = QLabel()
        self.layout_check = QLabel()
        self.layout_check.setWordWrap(True)
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        for label in (self.raw, self.data, self.symbology):
            label.setFont(mono)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow(self.tr("Arrived"), self.raw)
        form.addRow(self.tr("Bytes"), self.data)
        form.addRow(self.tr("From"), self.source)
        form.addRow(self.tr("Symbology"), self.symbology)
        form.addRow(self.tr("Meaning"), self.kind)
        form.addRow(self.tr("Keyboard layout"), self.layout_check)
        self.data.setWordWrap(True)
        self._form = form
        form.setRowVisible(self.layout_check, False)
        layout.addLayout(form)
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setFont(mono)
        self.details.setPlaceholderText(self.tr("Scan any barcode: what WareDesk reads from it "
                                                "appears here."))
        layout.addWidget(self.details, 1)
        return box

    def _scale_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Scale"))
        layout = QVBoxLayout(box)
        self.weight = QLabel("—")
        font = self.weight.font()
        font.setPointSize(30)
        font.setBold(True)
        self.weight.setFont(font)
        self.weight_state = QLabel()
        row = QHBoxLayout()
        row.addWidget(self.weight)
        row.addWidget(self.weight_state, 1)
        layout.addLayout(row)
        buttons = QHBoxLayout()
        self.stable_button = QPushButton(self.tr("Read stable weight"))
        self.zero_button = QPushButton(self.tr("Zero"))
        self.tare_button = QPushButton(self.tr("Tare"))
        self.stable_button.clicked.connect(self._controller.read_stable)
        self.zero_button.clicked.connect(self._controller.zero)
        self.tare_button.clicked.connect(self._controller.tare)
        for button in (self.stable_button, self.zero_button, self.tare_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.scale_result = QLabel()
        self.scale_result.setWordWrap(True)
        layout.addWidget(self.scale_result)
        return box

    def showEvent(self, event: Any) -> None:
        """Listen to scans and the scale only while visible."""
        super().showEvent(event)
        if not self._listening:
            self._controller.bridge.scanned.connect(self._controller.explain)
            self._controller.bridge.watch_weight(True)
            self._listening = True
        self.refresh_wedge()

    def hideEvent(self, event: Any) -> None:
        """Stop listening when another page is shown."""
        super().hideEvent(event)
        if self._listening:
            self._controller.bridge.scanned.disconnect(self._controller.explain)
            self._controller.bridge.watch_weight(False)
            self._listening = False

    def refresh_wedge(self) -> None:
        """Show whether keyboard scans are being told from typing."""
        enabled = self._controller.device_settings().wedge.enabled
        self.wedge_state.setText(self.tr("listening (scan into any field)") if enabled
                                 else self.tr("off"))

    def _show_status(self, name: str, status: LinkStatus) -> None:
        label = {SCANNER: self.scanner_state, SCALE: self.scale_state}.get(name)
        if label is None:
            return
        text = {"connected": self.tr("connected to {port}"),
                "connecting": self.tr("connecting to {port}…"),
                "disconnected": self.tr("disconnected from {port}: {detail}"),
                "stopped": self.tr("not set up")}[status.state.value]
        label.setText(text.format(port=status.port, detail=status.detail))
        colour = {"connected": "#2e7d32", "disconnected": "#c62828"}.get(status.state.value,
                                                                         "#616161")
        label.setStyleSheet(f"color: {colour};")

    def _show_scan(self, result: ScanExplained) -> None:
        scan: ScanInput = result.scan
        self.flash.show_feedback(result.feedback)
        self.raw.setText(show_invisible(scan.raw))
        self.data.setText(scan.data.hex(" ") if scan.data else self.tr("(typed by the "
                                                                        "keyboard scanner)"))
        self.source.setText(scan.source)
        self.symbology.setText(result.meaning.get("symbology") or self.tr("not sent"))
        self.kind.setText(self._kind_name(str(result.meaning.get("kind", ""))))
        self.layout_check.setText(result.layout.diagnosis if result.layout else "")
        self._form.setRowVisible(self.layout_check, result.layout is not None)
        self.details.setPlainText(json.dumps(result.meaning, ensure_ascii=False, indent=2))

    def _kind_name(self, kind: str) -> str:
        names = {"product": self.tr("Product"), "location": self.tr("Location"),
                 "logistic_unit": self.tr("Logistic unit (SSCC)"),
                 "document": self.tr("Document"), "command": self.tr("Command"),
                 "unknown": self.tr("Not understood"), "error": self.tr("Error")}
        return names.get(kind, kind)

    def _show_weight(self, reading: WeightReading | ScaleError) -> None:
        if isinstance(reading, Exception):  # a ScaleError: no answer, overload...
            self.weight.setText("—")
            self.weight_state.setText(str(reading))
            return
        self.weight.setText(self.tr("moving") if reading.value is None
                            else f"{reading.value} {reading.unit}")
        states = {(True, False): self.tr("stable"), (False, False): self.tr("moving"),
                  (True, True): self.tr("stable, net"), (False, True): self.tr("moving, net")}
        self.weight_state.setText(states[(reading.stable, reading.net)])

    def _scale_done(self, action: str, result: object) -> None:
        if isinstance(result, str):
            self.scale_result.setText(result)
            self.scale_result.setStyleSheet("color: #c62828;")
            return
        self.scale_result.setStyleSheet("color: #2e7d32;")
        if action == "stable" and result is not None:
            self.scale_result.setText(self.tr("Stable weight: {weight}").format(
                weight=f"{result.value} {result.unit}"))  # type: ignore[attr-defined]
        elif action == "zero":
            self.scale_result.setText(self.tr("The scale is at zero."))
        else:
            self.scale_result.setText(self.tr("Tare taken."))
