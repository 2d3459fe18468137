"""The device bridge in a Qt application: simulated serial scanner and scale report to the GUI
thread by signal; settings changes restart them."""

from __future__ import annotations

import threading
from decimal import Decimal

from app.device_bridge import SCALE, SCANNER, DeviceBridge, ScanInput
from app.device_settings import DeviceSettings
from devices.scales.readings import WeightReading
from devices.serial_link import LinkState
from devices.sim.scale import SimulatedScale
from devices.sim.scanner import SimulatedSerialScanner


def _settings(scanner: str = "", scale: str = "") -> DeviceSettings:
    devices = DeviceSettings()
    devices.serial_scanner.enabled, devices.serial_scanner.port = bool(scanner), scanner
    devices.scale.enabled, devices.scale.port = bool(scale), scale
    return devices


def test_serial_scan_reaches_the_gui_thread_as_a_signal(qtbot, tmp_path):
    sim = SimulatedSerialScanner(link=tmp_path / "scanner")
    bridge = DeviceBridge(_settings(scanner=sim.path))
    threads: list[threading.Thread] = []
    scans: list[ScanInput] = []
    bridge.scanned.connect(lambda s: (scans.append(s), threads.append(threading.current_thread())))
    try:
        qtbot.waitUntil(lambda: bridge.statuses.get(SCANNER) is not None
                        and bridge.statuses[SCANNER].state is LinkState.CONNECTED, timeout=5000)
        sim.scan("A-01-01")
        qtbot.waitUntil(lambda: bool(scans), timeout=5000)
        assert (scans[0].raw, scans[0].data, scans[0].source) == ("A-01-01", b"A-01-01",
                                                                  sim.path)
        assert threads == [threading.main_thread()]
    finally:
        bridge.stop()
        sim.close()


def test_unplugged_scanner_status_reaches_the_gui(qtbot, tmp_path):
    sim = SimulatedSerialScanner(link=tmp_path / "scanner")
    bridge = DeviceBridge(_settings(scanner=sim.path))
    states: list[LinkState] = []
    try:
        qtbot.waitUntil(lambda: SCANNER in bridge.statuses
                        and bridge.statuses[SCANNER].state is LinkState.CONNECTED, timeout=5000)
        bridge.status_changed.connect(lambda name, status: states.append(status.state)
                                      if name == SCANNER else None)
        sim.unplug()
        qtbot.waitUntil(lambda: bool(states) and states[-1] is not LinkState.CONNECTED,
                        timeout=5000)
        sim.replug()
        qtbot.waitUntil(lambda: states[-1] is LinkState.CONNECTED, timeout=5000)
    finally:
        bridge.stop()
        sim.close()


def test_live_weight_arrives_and_new_settings_stop_the_scale(qtbot, tmp_path):
    sim = SimulatedScale(link=tmp_path / "scale", settle_s=0.2)
    bridge = DeviceBridge(_settings(scale=sim.path))
    readings: list[object] = []
    bridge.weighed.connect(readings.append)
    try:
        qtbot.waitUntil(lambda: SCALE in bridge.statuses
                        and bridge.statuses[SCALE].state is LinkState.CONNECTED, timeout=5000)
        sim.put("1.500")
        bridge.watch_weight(True)
        qtbot.waitUntil(lambda: any(isinstance(r, WeightReading) and r.stable
                                    and r.value == Decimal("1.500") for r in readings),
                        timeout=5000)
        bridge.apply(_settings())
        assert bridge.scale is None
    finally:
        bridge.stop()
        sim.close()
