"""`waredesk sim scanner` and `waredesk sim scale` run as separate processes, driven through
their standard input, and read through WareDesk's own device classes."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from decimal import Decimal

import pytest

from app.device_settings import DeviceSettings
from app.settings import Settings
from devices.errors import DeviceError
from devices.scales.scale import Scale, ScaleConfig
from devices.scanners.serial_scanner import ScanEvent, SerialScanner, SerialScannerConfig
from devices.serial_link import PortSettings
from tests.devices.waiting import wait_for


def _start(*args: str) -> tuple[subprocess.Popen[str], str]:
    process = subprocess.Popen([sys.executable, "-m", "app.cli.main", "sim", *args],
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    first = process.stdout.readline()
    assert "connect to " in first, first
    return process, first.split("connect to ")[1].strip()


@pytest.fixture
def processes() -> Iterator[list[subprocess.Popen[str]]]:
    started: list[subprocess.Popen[str]] = []
    yield started
    for process in started:
        process.terminate()
        process.wait(5)


def test_scanner_simulator_sends_each_typed_line_as_a_scan(processes, tmp_path):
    process, path = _start("scanner", "--link", str(tmp_path / "scanner"))
    processes.append(process)
    scans: list[ScanEvent] = []
    scanner = SerialScanner(SerialScannerConfig(PortSettings(path)), on_scan=scans.append)
    scanner.start()
    try:
        assert scanner.wait_connected(5)
        process.stdin.write("]C10109501101530003<GS>10AB\n")
        process.stdin.flush()
        wait_for(lambda: bool(scans))
        assert scans[0].text == "]C10109501101530003\x1d10AB"
    finally:
        scanner.stop()


def test_network_scanner_simulator_prints_a_socket_url(processes):
    process, url = _start("scanner", "--tcp", "--every", "0.2", "--code", "A-01-01")
    processes.append(process)
    assert url.startswith("socket://127.0.0.1:")
    scans: list[ScanEvent] = []
    scanner = SerialScanner(SerialScannerConfig(PortSettings(url)), on_scan=scans.append)
    scanner.start()
    try:
        wait_for(lambda: bool(scans))
        assert scans[0].text == "A-01-01"
    finally:
        scanner.stop()


def test_scale_simulator_takes_a_typed_load_and_it_settles(processes, tmp_path):
    process, path = _start("scale", "--protocol", "mt-sics", "--settle", "0.3")
    processes.append(process)
    scale = Scale(ScaleConfig(PortSettings(path)))
    scale.start()
    try:
        assert scale.wait_connected(5)
        process.stdin.write("2.345\n")
        process.stdin.flush()
        # A busy machine may let a question go unanswered; the load must show in the end.
        wait_for(lambda: _weight(scale) not in (None, Decimal("0.000")), timeout=15)
        assert scale.read_stable(within_s=5).value == Decimal("2.345")
    finally:
        scale.stop()


def _weight(scale: Scale) -> Decimal | None:
    try:
        return scale.read().value
    except DeviceError:
        return None


def test_demo_devices_configure_this_workstation_to_use_them(processes):
    process, scanner_path = _start("devices", "--configure")
    processes.append(process)
    assert process.stdout.readline().startswith("mt-sics scale simulator: connect to ")
    assert "now use them" in process.stdout.readline()
    devices = DeviceSettings.of(Settings.load())
    assert devices.serial_scanner.enabled and devices.scale.enabled
    assert devices.serial_scanner.port == scanner_path
    scans: list[ScanEvent] = []
    scanner = SerialScanner(devices.serial_scanner.config(), on_scan=scans.append)
    scanner.start()
    try:
        assert scanner.wait_connected(5)
        # An EAN-13 is all digits: scanned, not taken for a weight; 1.25 is a load.
        process.stdin.write("SO-1001\n6923456000018\n1.25\n")
        process.stdin.flush()
        wait_for(lambda: len(scans) >= 2)
        assert [scan.text for scan in scans] == ["SO-1001", "6923456000018"]
        assert "load 1.25 kg" in [process.stdout.readline().strip() for _ in range(3)]
    finally:
        scanner.stop()
