"""The Devices page and the device status inside the main window, on the shell's runner, with
a simulated serial scanner and scale."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.device_bridge import DeviceBridge
from app.device_settings import DeviceSettings
from app.workspace import Workspace
from devices.sim.scale import SimulatedScale
from devices.sim.scanner import SimulatedSerialScanner
from devices.sound import SoundPlayer
from views.device_status import DeviceStatusIndicators
from views.devices.page import DevicesPage
from views.main_window import MainWindow


class Recorder:
    name = "recorder"

    def __init__(self) -> None:
        self.played: list[str] = []

    def play(self, path: Path) -> None:
        self.played.append(path.stem.split("-")[0])


@pytest.fixture
def window(qtbot, workspace: Workspace, tmp_path: Path) -> Iterator[dict[str, Any]]:
    scanner = SimulatedSerialScanner(link=tmp_path / "scanner")
    scale = SimulatedScale(link=tmp_path / "scale", settle_s=0.5)
    devices = DeviceSettings()
    devices.serial_scanner.enabled, devices.serial_scanner.port = True, scanner.path
    devices.scale.enabled, devices.scale.port = True, scale.path
    workspace.devices = DeviceBridge(devices)
    recorder = Recorder()
    workspace.sounds = SoundPlayer(tmp_path / "sounds", backend=recorder)
    main = MainWindow(workspace)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    yield {"main": main, "scanner": scanner, "scale": scale, "sounds": recorder,
           "workspace": workspace}
    workspace.devices.stop()
    scanner.close()
    scale.close()


def test_devices_page_shows_a_scan_of_a_sample_product_and_a_stable_weight(window, qtbot):
    main = window["main"]
    main.show_page("devices")
    page = main.current_page()
    assert isinstance(page, DevicesPage)
    panel = page.test_panel
    qtbot.waitUntil(lambda: "connected to" in panel.scanner_state.text(), timeout=5000)
    window["scanner"].scan("]C10116901234567899\x1d10L1")
    qtbot.waitUntil(lambda: panel.kind.text() == "Product", timeout=5000)
    assert "TSH-WHT-M" in panel.flash.message
    assert "× 24" in panel.flash.message  # the case barcode
    window["scale"].put("0.850")
    panel.stable_button.click()
    qtbot.waitUntil(lambda: "0.850 kg" in panel.scale_result.text(), timeout=5000)
    assert window["sounds"].played == ["ok"]


def test_status_bar_shows_the_devices_of_the_workstation(window, qtbot):
    indicators = window["main"].statusBar().findChild(DeviceStatusIndicators)
    assert indicators is not None
    qtbot.waitUntil(lambda: "connected" in indicators.labels["scanner"].text(), timeout=5000)
    window["scanner"].unplug()
    qtbot.waitUntil(lambda: "connected" not in indicators.labels["scanner"].text()
                    or "disconnected" in indicators.labels["scanner"].text(), timeout=5000)
