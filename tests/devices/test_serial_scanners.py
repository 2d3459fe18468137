"""Serial and network scanners against simulators on real pseudo-terminals and loopback
sockets: framing, partial reads, unplugging and reconnecting."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from devices.framing import Framer, terminator_bytes
from devices.scanners.serial_scanner import ScanEvent, SerialScanner, SerialScannerConfig
from devices.serial_link import LinkState, LinkStatus, PortSettings
from devices.sim.scanner import SimulatedSerialScanner, SimulatedTcpScanner
from tests.devices.waiting import wait_for


class Listener:
    """Collects what a scanner reports on its worker thread."""

    def __init__(self) -> None:
        self.scans: list[ScanEvent] = []
        self.states: list[LinkState] = []

    def scan(self, event: ScanEvent) -> None:
        self.scans.append(event)

    def status(self, status: LinkStatus) -> None:
        self.states.append(status.state)

    @property
    def texts(self) -> list[str]:
        return [s.text for s in self.scans]


@pytest.fixture
def sim(tmp_path: Path) -> Iterator[SimulatedSerialScanner]:
    scanner = SimulatedSerialScanner(link=tmp_path / "scanner")
    yield scanner
    scanner.close()


def _connect(url: str, listener: Listener, **config: object) -> SerialScanner:
    scanner = SerialScanner(SerialScannerConfig(PortSettings(url), **config),
                            on_scan=listener.scan, on_status=listener.status, retry_s=0.1)
    scanner.start()
    assert scanner.wait_connected(5)
    return scanner


def test_each_scan_arrives_once_with_its_bytes(sim):
    listener = Listener()
    scanner = _connect(sim.path, listener)
    try:
        sim.scan("4006381333931")
        sim.scan("]C10109501101530003\x1d10AB")
        wait_for(lambda: len(listener.scans) == 2)
        assert listener.texts == ["4006381333931", "]C10109501101530003\x1d10AB"]
        assert listener.scans[1].data == b"]C10109501101530003\x1d10AB"
    finally:
        scanner.stop()


def test_a_scan_split_over_several_reads_is_one_scan(sim):
    listener = Listener()
    scanner = _connect(sim.path, listener, framing="cr")
    try:
        for piece in (b"A-0", b"1-", b"03", b"\rTOTE", b"-0042\r"):
            sim.send(piece)
        wait_for(lambda: len(listener.scans) == 2)
        assert listener.texts == ["A-01-03", "TOTE-0042"]
    finally:
        scanner.stop()


def test_custom_terminator_prefix_and_suffix(sim):
    listener = Listener()
    scanner = _connect(sim.path, listener, framing="custom", custom_terminator="\\x03",
                       prefix="\x02", suffix="!")
    try:
        sim.send(b"\x02PO-000123!\x03\x02SO-9!\x03")
        wait_for(lambda: len(listener.scans) == 2)
        assert listener.texts == ["PO-000123", "SO-9"]
    finally:
        scanner.stop()


def test_twenty_identical_scans_are_twenty_scans(sim):
    listener = Listener()
    scanner = _connect(sim.path, listener)
    try:
        for _ in range(20):
            sim.scan("TOTE-0042")
        wait_for(lambda: len(listener.scans) == 20)
        assert listener.texts == ["TOTE-0042"] * 20
    finally:
        scanner.stop()


def test_chinese_qr_content_in_gbk(sim):
    listener = Listener()
    sim.encoding = "gbk"
    scanner = _connect(sim.path, listener, encoding="gbk")
    try:
        sim.scan("库位A-01")
        wait_for(lambda: listener.scans)
        assert listener.texts == ["库位A-01"]
    finally:
        scanner.stop()


def test_unplugged_scanner_reconnects_by_itself_and_the_status_shows_it(sim):
    listener = Listener()
    scanner = _connect(sim.path, listener)
    try:
        sim.unplug()
        wait_for(lambda: scanner.status.state is not LinkState.CONNECTED)
        assert "unplugged" in scanner.status.detail or "not found" in scanner.status.detail
        sim.replug()
        wait_for(lambda: scanner.status.state is LinkState.CONNECTED)
        sim.scan("A-01-01")
        wait_for(lambda: listener.scans)
        assert listener.texts == ["A-01-01"]
        assert listener.states[:1] == [LinkState.CONNECTING]
        assert LinkState.DISCONNECTED in listener.states
        assert listener.states[-1] is LinkState.CONNECTED
    finally:
        scanner.stop()


def test_missing_port_is_reported_and_retried(tmp_path):
    listener = Listener()
    scanner = SerialScanner(SerialScannerConfig(PortSettings(str(tmp_path / "ttyNONE"))),
                            on_scan=listener.scan, on_status=listener.status, retry_s=0.1)
    scanner.start()
    try:
        wait_for(lambda: scanner.status.state is LinkState.DISCONNECTED)
        assert "port not found" in scanner.status.detail
    finally:
        scanner.stop()
    assert scanner.status.state is LinkState.STOPPED


def test_network_scanner_over_tcp_reconnects_after_a_restart():
    sim = SimulatedTcpScanner()
    listener = Listener()
    scanner = _connect(sim.url, listener)
    try:
        wait_for(lambda: sim.clients() == 1)
        sim.scan("WAVE-17")
        wait_for(lambda: listener.scans)
        sim.unplug()
        wait_for(lambda: scanner.status.state is not LinkState.CONNECTED)
        sim.replug()
        wait_for(lambda: sim.clients() == 1)
        sim.scan("WAVE-18")
        wait_for(lambda: len(listener.scans) == 2)
        assert listener.texts == ["WAVE-17", "WAVE-18"]
    finally:
        scanner.stop()
        sim.close()


@pytest.mark.parametrize(("framing", "data", "frames"), [
    ("cr", b"A\rB\r", [b"A", b"B"]),
    ("lf", b"A\nB", [b"A"]),
    ("crlf", b"A\r\nB\r", [b"A"]),
    ("any", b"A\r\nB\n\rC\r", [b"A", b"B", b"C"]),
])
def test_framing_cuts_at_the_terminator_and_keeps_the_rest(framing, data, frames):
    assert Framer(terminator_bytes(framing)).feed(data) == frames


def test_runaway_data_without_terminator_is_dropped_not_kept_forever():
    framer = Framer(b"\r")
    framer.feed(b"x" * 5000)
    assert framer.overflowed == 1
    assert framer.feed(b"A\r") == [b"A"]
