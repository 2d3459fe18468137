"""The Devices page with a simulated serial scanner and scale: a scan shows what arrived and
what it means, the scale's stable weight is read, settings are checked and applied."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QPushButton

from app.device_bridge import DeviceBridge
from app.device_settings import DeviceSettings
from app.devices_controller import DevicesController
from app.settings import Settings
from devices.sim.scale import SimulatedScale
from devices.sim.scanner import SimulatedSerialScanner
from devices.sound import SoundPlayer
from models.db import Database
from tests import factories
from views.device_status import DeviceStatusIndicators
from views.devices.page import DevicesPage


class Recorder:
    name = "recorder"

    def __init__(self) -> None:
        self.played: list[str] = []

    def play(self, path: Path) -> None:
        self.played.append(path.stem.split("-")[0])


def synchronous_query(db: Database) -> Callable[..., None]:
    """The operation runner's contract, run at once (the real one runs on a worker)."""
    def query(work: Callable[[Any], Any], done: Callable[[Any], None],
              failed: Callable[[BaseException], None]) -> None:
        try:
            with db.read() as session:
                result = work(session)
        except Exception as exc:
            failed(exc)
            return
        done(result)
    return query


@pytest.fixture
def rig(qtbot, sqlite_db: Database, tmp_path: Path) -> Iterator[dict[str, Any]]:
    with sqlite_db.write() as s:
        factories.product(s, "SHAMPOO-250", barcode="4006381333931")
    scanner = SimulatedSerialScanner(link=tmp_path / "scanner")
    scale = SimulatedScale(link=tmp_path / "scale", settle_s=0.5)
    devices = DeviceSettings()
    devices.serial_scanner.enabled, devices.serial_scanner.port = True, scanner.path
    devices.scale.enabled, devices.scale.port = True, scale.path
    bridge = DeviceBridge(devices)
    sounds = Recorder()
    controller = DevicesController(bridge, query=synchronous_query(sqlite_db),
                                   sounds=SoundPlayer(tmp_path / "sounds", backend=sounds))
    page = DevicesPage(controller)
    status = DeviceStatusIndicators(bridge)
    qtbot.addWidget(page)
    qtbot.addWidget(status)
    page.resize(900, 1000)
    page.show()
    qtbot.waitExposed(page)
    qtbot.waitUntil(lambda: "connected to" in page.test_panel.scanner_state.text()
                    and "connected to" in page.test_panel.scale_state.text(), timeout=5000)
    yield {"page": page, "scanner": scanner, "scale": scale, "sounds": sounds,
           "bridge": bridge, "status": status}
    bridge.stop()
    scanner.close()
    scale.close()


def test_serial_scan_shows_what_arrived_and_what_it_means(rig, qtbot):
    panel = rig["page"].test_panel
    rig["scanner"].scan("]C10104006381333931\x1d10L42\x1d17301231")
    qtbot.waitUntil(lambda: panel.kind.text() == "Product", timeout=5000)
    assert panel.raw.text() == "]C10104006381333931<GS>10L42<GS>17301231"
    assert panel.data.text().startswith("5d 43 31")  # "]C1" as bytes
    assert panel.symbology.text() == "]C1"
    assert "SHAMPOO-250" in panel.flash.message
    assert "lot L42" in panel.flash.message
    assert rig["sounds"].played == ["ok"]


def test_unknown_scan_shows_the_reason_and_sounds_the_error(rig, qtbot):
    panel = rig["page"].test_panel
    rig["scanner"].scan("0104006381333931" "10ABC123" "17301231")
    qtbot.waitUntil(lambda: panel.kind.text() == "Not understood", timeout=5000)
    assert "may really be 'ABC123'" in panel.flash.message
    assert rig["sounds"].played == ["error"]


def test_stable_weight_is_read_from_the_scale(rig, qtbot):
    panel = rig["page"].test_panel
    rig["scale"].put("1.234")
    panel.stable_button.click()
    qtbot.waitUntil(lambda: "1.234 kg" in panel.scale_result.text(), timeout=5000)
    qtbot.waitUntil(lambda: panel.weight.text() == "1.234 kg", timeout=5000)


def test_status_bar_shows_an_unplugged_scanner(rig, qtbot):
    label = rig["status"].labels["scanner"]
    qtbot.waitUntil(lambda: "connected" in label.text(), timeout=5000)
    rig["scanner"].unplug()
    qtbot.waitUntil(lambda: "disconnected" in label.text()
                    or "connecting" in label.text(), timeout=5000)


def test_settings_that_cannot_work_are_not_saved(rig):
    page = rig["page"]
    page.form.scale_port.set_value("")
    assert not page.save()
    assert "Scale: choose its port." in page.message.text()
    assert rig["bridge"].scale is not None


def test_saved_settings_restart_the_devices(rig, qtbot):
    page = rig["page"]
    page.form.scale_enabled.setChecked(False)
    page.form.max_gap.setValue(35)
    assert page.save()
    assert rig["bridge"].scale is None
    assert rig["bridge"].wedge.config.max_gap_ms == 35
    assert DeviceSettings.of(Settings.load()).wedge.max_gap_ms == 35


def test_sound_buttons_play_each_sound_at_the_volume_being_set(rig):
    page = rig["page"]
    page.tabs.setCurrentIndex(1)
    page.form.volume.setValue(30)
    buttons = [b for b in page.form.findChildren(QPushButton) if b.text().startswith("Play")]
    for button in buttons:
        button.click()
    assert rig["sounds"].played == ["ok", "warning", "error"]


def test_keyboard_scanner_burst_shows_on_the_test_page_and_not_in_the_field(rig, qtbot):
    page = rig["page"]
    panel = page.test_panel
    page.activateWindow()
    panel.details.setFocus()
    qtbot.waitUntil(panel.details.hasFocus)
    clock = 50_000
    for char in "4006381333931\r":
        key = Qt.Key.Key_Return if char == "\r" else Qt.Key(ord(char))
        event = QKeyEvent(QEvent.Type.KeyPress, key, Qt.KeyboardModifier.NoModifier,
                          "" if char == "\r" else char)
        event.setTimestamp(clock)
        QApplication.sendEvent(panel.details, event)
        clock += 9
    qtbot.waitUntil(lambda: panel.kind.text() == "Product", timeout=5000)
    assert panel.source.text() == "wedge"
    assert '"sku": "SHAMPOO-250"' in panel.details.toPlainText()
    assert "SHAMPOO-250" in panel.flash.message
