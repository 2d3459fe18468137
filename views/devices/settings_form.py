"""The device settings of this workstation as a form: keyboard-wedge timing, a serial or network
scanner, a scale, the GS stand-in, sounds and flash."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSlider,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.device_settings import BAUD_RATES, DeviceSettings
from app.devices_controller import DevicesController

ENCODINGS = ("utf-8", "gbk", "gb18030", "latin-1")


class PortChooser(QWidget):
    """An editable list of the serial ports present, with a refresh button; any pyserial URL
    (socket://host:port) can be typed too."""

    def __init__(self, controller: DevicesController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._controller = controller
        self.combo = QComboBox()
        self.combo.setEditable(True)
        self.combo.setMinimumContentsLength(24)
        refresh = QPushButton(self.tr("Refresh"))
        refresh.clicked.connect(self.refresh)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.combo, 1)
        layout.addWidget(refresh)
        self.refresh()

    def refresh(self) -> None:
        """List the ports present now, keeping what is typed."""
        current = self.value()
        self.combo.clear()
        for device, label in self._controller.ports():
            self.combo.addItem(label, device)
        self.set_value(current)

    def value(self) -> str:
        """The chosen port's device name or URL."""
        index = self.combo.currentIndex()
        if index >= 0 and self.combo.itemText(index) == self.combo.currentText():
            return str(self.combo.itemData(index) or self.combo.currentText())
        return self.combo.currentText().strip()

    def set_value(self, port: str) -> None:
        """Show a port, listed or not."""
        index = self.combo.findData(port)
        if index >= 0:
            self.combo.setCurrentIndex(index)
        else:
            self.combo.setEditText(port)


class DeviceSettingsForm(QWidget):
    """Edits a DeviceSettings."""

    def __init__(self, controller: DevicesController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._controller = controller
        layout = QVBoxLayout(self)
        layout.addWidget(self._wedge_box())
        layout.addWidget(self._scanner_box())
        layout.addWidget(self._scale_box())
        layout.addWidget(self._feedback_box())
        layout.addStretch(1)

    def _wedge_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Keyboard scanner (USB, types like a keyboard)"))
        form = QFormLayout(box)
        self.wedge_enabled = QCheckBox(self.tr("Tell scans from typing"))
        self.min_length = _spin(1, 64, self.tr(" characters"))
        self.max_gap = _spin(5, 500, self.tr(" ms"))
        self.prefix, self.suffix = QLineEdit(), QLineEdit()
        self.end_enter = QCheckBox(self.tr("Enter"))
        self.end_tab = QCheckBox(self.tr("Tab"))
        ends = QHBoxLayout()
        ends.addWidget(self.end_enter)
        ends.addWidget(self.end_tab)
        ends.addStretch(1)
        form.addRow(self.wedge_enabled)
        form.addRow(self.tr("Shortest scan"), self.min_length)
        form.addRow(self.tr("Longest pause between keys"), self.max_gap)
        form.addRow(self.tr("Prefix"), self.prefix)
        form.addRow(self.tr("Suffix"), self.suffix)
        form.addRow(self.tr("A scan ends with"), ends)
        self.gs_standin = QLineEdit()
        self.gs_standin.setMaxLength(1)
        self.gs_standin.setPlaceholderText(self.tr("none (the scanner sends GS)"))
        form.addRow(self.tr("Character standing for GS"), self.gs_standin)
        return box

    def _scanner_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Serial or network scanner"))
        form = QFormLayout(box)
        self.scanner_enabled = QCheckBox(self.tr("Use a serial or network scanner"))
        self.scanner_port = PortChooser(self._controller)
        self.scanner_baud = _choice([str(b) for b in BAUD_RATES])
        self.framing = _coded([(self.tr("CR or LF"), "any"), ("CR", "cr"), ("LF", "lf"),
                               ("CR LF", "crlf"), (self.tr("custom"), "custom")])
        self.custom_terminator = QLineEdit()
        self.custom_terminator.setPlaceholderText("\\x03")
        self.scanner_prefix, self.scanner_suffix = QLineEdit(), QLineEdit()
        self.encoding = _choice(list(ENCODINGS))
        form.addRow(self.scanner_enabled)
        form.addRow(self.tr("Port"), self.scanner_port)
        form.addRow(self.tr("Speed (baud)"), self.scanner_baud)
        form.addRow(self.tr("A scan ends with"), self.framing)
        form.addRow(self.tr("Custom end characters"), self.custom_terminator)
        form.addRow(self.tr("Prefix"), self.scanner_prefix)
        form.addRow(self.tr("Suffix"), self.scanner_suffix)
        form.addRow(self.tr("Text encoding"), self.encoding)
        return box

    def _scale_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Scale"))
        form = QFormLayout(box)
        self.scale_enabled = QCheckBox(self.tr("Use a scale"))
        self.scale_port = PortChooser(self._controller)
        self.scale_baud = _choice([str(b) for b in BAUD_RATES])
        self.protocol = _coded([("MT-SICS (METTLER TOLEDO)", "mt-sics"),
                                ("Toledo 8217", "toledo-8217"),
                                (self.tr("Continuous output (ST,GS,…)"), "continuous")])
        self.unit = _choice(["kg", "g", "lb"])
        self.stable_within = QDoubleSpinBox()
        self.stable_within.setRange(0.5, 60)
        self.stable_within.setSuffix(self.tr(" s"))
        form.addRow(self.scale_enabled)
        form.addRow(self.tr("Port"), self.scale_port)
        form.addRow(self.tr("Speed (baud)"), self.scale_baud)
        form.addRow(self.tr("Protocol"), self.protocol)
        form.addRow(self.tr("Unit (Toledo 8217)"), self.unit)
        form.addRow(self.tr("Wait for a stable weight"), self.stable_within)
        return box

    def _feedback_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Feedback"))
        form = QFormLayout(box)
        self.sounds = QCheckBox(self.tr("Sounds"))
        self.volume = QSlider(Qt.Orientation.Horizontal)
        self.volume.setRange(0, 100)
        self.flash = QCheckBox(self.tr("Colour flash"))
        tries = QHBoxLayout()
        for caption, level in ((self.tr("Play OK"), "ok"), (self.tr("Play warning"), "warning"),
                               (self.tr("Play error"), "error")):
            button = QPushButton(caption)
            button.clicked.connect(lambda _=False, lv=level: self._controller.play(
                lv, self.volume.value()))
            tries.addWidget(button)
        tries.addStretch(1)
        form.addRow(self.sounds)
        form.addRow(self.tr("Volume"), self.volume)
        form.addRow(self.tr("Try the sounds"), tries)
        form.addRow(self.flash)
        return box

    def show_settings(self, d: DeviceSettings) -> None:
        """Fill the form."""
        w, s, c, f = d.wedge, d.serial_scanner, d.scale, d.feedback
        self.wedge_enabled.setChecked(w.enabled)
        self.min_length.setValue(w.min_length)
        self.max_gap.setValue(w.max_gap_ms)
        self.prefix.setText(w.prefix)
        self.suffix.setText(w.suffix)
        self.end_enter.setChecked("enter" in w.terminators)
        self.end_tab.setChecked("tab" in w.terminators)
        self.gs_standin.setText(d.gs_standin)
        self.scanner_enabled.setChecked(s.enabled)
        self.scanner_port.set_value(s.port)
        self.scanner_baud.setCurrentText(str(s.baudrate))
        _select(self.framing, s.framing)
        self.custom_terminator.setText(s.custom_terminator)
        self.scanner_prefix.setText(s.prefix)
        self.scanner_suffix.setText(s.suffix)
        self.encoding.setCurrentText(s.encoding)
        self.scale_enabled.setChecked(c.enabled)
        self.scale_port.set_value(c.port)
        self.scale_baud.setCurrentText(str(c.baudrate))
        _select(self.protocol, c.protocol)
        self.unit.setCurrentText(c.unit)
        self.stable_within.setValue(c.stable_within_s)
        self.sounds.setChecked(f.sounds)
        self.volume.setValue(f.volume)
        self.flash.setChecked(f.flash)

    def settings(self) -> DeviceSettings:
        """The settings as edited (checked when saved)."""
        d = DeviceSettings()
        d.wedge.enabled = self.wedge_enabled.isChecked()
        d.wedge.min_length = self.min_length.value()
        d.wedge.max_gap_ms = self.max_gap.value()
        d.wedge.prefix, d.wedge.suffix = self.prefix.text(), self.suffix.text()
        d.wedge.terminators = [name for name, box in (("enter", self.end_enter),
                                                      ("tab", self.end_tab)) if box.isChecked()]
        d.gs_standin = self.gs_standin.text()
        s = d.serial_scanner
        s.enabled, s.port = self.scanner_enabled.isChecked(), self.scanner_port.value()
        s.baudrate = int(self.scanner_baud.currentText())
        s.framing = self.framing.currentData()
        s.custom_terminator = self.custom_terminator.text()
        s.prefix, s.suffix = self.scanner_prefix.text(), self.scanner_suffix.text()
        s.encoding = self.encoding.currentText()
        c = d.scale
        c.enabled, c.port = self.scale_enabled.isChecked(), self.scale_port.value()
        c.baudrate = int(self.scale_baud.currentText())
        c.protocol, c.unit = self.protocol.currentData(), self.unit.currentText()
        c.stable_within_s = self.stable_within.value()
        d.feedback.sounds, d.feedback.volume = self.sounds.isChecked(), self.volume.value()
        d.feedback.flash = self.flash.isChecked()
        return d


def _spin(low: int, high: int, suffix: str) -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(low, high)
    spin.setSuffix(suffix)
    return spin


def _coded(items: list[tuple[str, str]]) -> QComboBox:
    combo = QComboBox()
    for caption, code in items:
        combo.addItem(caption, code)
    return combo


def _select(combo: QComboBox, code: str) -> None:
    index = combo.findData(code)
    combo.setCurrentIndex(max(index, 0))


def _choice(items: list[str]) -> QComboBox:
    combo = QComboBox()
    combo.addItems(items)
    return combo
