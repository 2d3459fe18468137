"""Scales of each protocol against simulated scales on real pseudo-terminals: stable and moving
weight, zero and tare, timeouts, overload and range errors, unplugging."""

from __future__ import annotations

import time
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from devices.errors import NoAnswer, NotConnected
from devices.scales import continuous, mtsics, toledo8217
from devices.scales.readings import (
    Acknowledged,
    Busy,
    NotStable,
    OutOfRange,
    Overload,
    ScaleError,
    Unsupported,
    WeightReading,
)
from devices.scales.scale import Scale, ScaleConfig
from devices.serial_link import LinkState, PortSettings
from devices.sim.scale import SimulatedScale
from tests.devices.waiting import wait_for

PROTOCOLS = [mtsics.NAME, toledo8217.NAME, continuous.NAME]


@pytest.fixture(params=PROTOCOLS)
def rig(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[SimulatedScale,
                                                                          Scale]]:
    """A simulated scale and WareDesk's scale client talking over a pty pair."""
    sim = SimulatedScale(request.param, link=tmp_path / "scale", settle_s=0.4)
    scale = Scale(ScaleConfig(PortSettings(sim.path), protocol=request.param,
                              answer_timeout_s=0.5), retry_s=0.1)
    scale.start()
    assert scale.wait_connected(5)
    yield sim, scale
    scale.stop()
    sim.close()


def test_stable_weight_is_read_after_the_load_settles(rig):
    sim, scale = rig
    sim.put("1.234")
    reading = scale.read_stable(within_s=3)
    assert (reading.value, reading.unit, reading.stable) == (Decimal("1.234"), "kg", True)
    assert reading.kilograms == Decimal("1.234")


def test_moving_weight_is_reported_as_not_stable(rig):
    sim, scale = rig
    sim.put("2.5", settle_s=5)
    time.sleep(0.15)
    reading = scale.read()
    assert not reading.stable


def test_weight_that_never_settles_is_a_clear_error_after_the_deadline(rig):
    sim, scale = rig
    sim.put("2.5", settle_s=60)
    started = time.monotonic()
    with pytest.raises(NotStable, match=r"did not settle within 1 s"):
        scale.read_stable(within_s=1)
    assert 0.9 < time.monotonic() - started < 2.5


def test_overload_is_a_clear_error(rig):
    sim, scale = rig
    sim.put("45", settle_s=0)
    with pytest.raises(Overload, match="overloaded: take the load off"):
        scale.read_stable(within_s=2)


def test_zero_takes_the_empty_platform_to_zero(rig):
    sim, scale = rig
    sim.put("0.020", settle_s=0)  # dust, a leftover label
    time.sleep(0.15)
    scale.zero()
    sim.put("0.520", settle_s=0)
    assert scale.read_stable(within_s=2).value == Decimal("0.500")


def test_silent_scale_is_a_no_answer_error(rig):
    sim, scale = rig
    sim.silent = True
    time.sleep(0.2)
    with pytest.raises(NoAnswer, match="does not answer: check that it is switched on"):
        scale.read()


def test_unplugged_scale_reconnects_and_reads_again(rig):
    sim, scale = rig
    sim.unplug()
    wait_for(lambda: scale.status.state is not LinkState.CONNECTED)
    with pytest.raises((NotConnected, NoAnswer)):
        scale.read()
    sim.replug()
    wait_for(lambda: scale.status.state is LinkState.CONNECTED)
    sim.put("0.750", settle_s=0)
    # A streamed line already on its way when the load went on may still show the old weight.
    wait_for(lambda: scale.read_stable(within_s=2).value == Decimal("0.750"))


@pytest.mark.parametrize("protocol", [mtsics.NAME, continuous.NAME])
def test_tare_leaves_the_net_weight_of_what_goes_in_the_box(tmp_path, protocol):
    sim = SimulatedScale(protocol, link=tmp_path / "scale", settle_s=0.2)
    scale = Scale(ScaleConfig(PortSettings(sim.path), protocol=protocol,
                              answer_timeout_s=0.5), retry_s=0.1)
    scale.start()
    try:
        assert scale.wait_connected(5)
        sim.put("0.300", settle_s=0)  # the empty box
        time.sleep(0.15)
        scale.tare()
        sim.put("1.550", settle_s=0.2)
        reading = scale.read_stable(within_s=3)
        assert reading.value == Decimal("1.250")
    finally:
        scale.stop()
        sim.close()


def test_toledo_8217_has_no_tare_and_says_so(tmp_path):
    sim = SimulatedScale(toledo8217.NAME, link=tmp_path / "scale")
    scale = Scale(ScaleConfig(PortSettings(sim.path), protocol=toledo8217.NAME))
    try:
        with pytest.raises(Unsupported, match="tare on the scale's own keypad"):
            scale.tare()
    finally:
        sim.close()


def test_live_display_gets_readings_until_stopped(tmp_path):
    sim = SimulatedScale(mtsics.NAME, link=tmp_path / "scale", settle_s=0.3)
    seen: list[WeightReading | ScaleError] = []
    scale = Scale(ScaleConfig(PortSettings(sim.path)), on_reading=seen.append, retry_s=0.1)
    scale.start()
    try:
        assert scale.wait_connected(5)
        sim.put("3.100")
        scale.watch(True, interval_s=0.05)
        wait_for(lambda: any(isinstance(r, WeightReading) and r.stable for r in seen))
        assert any(isinstance(r, WeightReading) and not r.stable for r in seen)
        scale.watch(False)
        time.sleep(0.2)
        count = len(seen)
        time.sleep(0.3)
        assert len(seen) == count
    finally:
        scale.stop()
        sim.close()


class TestAnswers:
    """Protocol answers parsed on their own."""

    @pytest.mark.parametrize(("line", "value", "stable"), [
        (b"S S      1.234 kg", Decimal("1.234"), True),
        (b"S D      0.998 kg", Decimal("0.998"), False),
        (b"S S    -12.5 g", Decimal("-12.5"), True),
    ])
    def test_mtsics_weight(self, line, value, stable):
        reading = mtsics.parse(line)
        assert (reading.value, reading.stable) == (value, stable)

    @pytest.mark.parametrize(("line", "error"), [
        (b"S +", Overload), (b"S -", OutOfRange), (b"S I", Busy), (b"ES", ScaleError),
        (b"Z I", Busy),
    ])
    def test_mtsics_failures(self, line, error):
        assert isinstance(mtsics.parse(line), error)

    def test_mtsics_zero_and_tare_acknowledged(self):
        assert mtsics.parse(b"Z A") == Acknowledged("zero")
        tare = mtsics.parse(b"T S      0.300 kg")
        assert tare.tare.value == Decimal("0.300")

    def test_toledo_weight_status_and_zero(self):
        assert toledo8217.parse(b"\x0201.234").value == Decimal("1.234")
        assert not toledo8217.parse(b"\x02?a").stable  # motion bit
        assert isinstance(toledo8217.parse(b"\x02?b"), Overload)
        assert isinstance(toledo8217.parse(b"\x02?d"), OutOfRange)
        assert toledo8217.parse(b"\x02?p", after="Z") == Acknowledged("zero")

    @pytest.mark.parametrize(("line", "value", "stable", "net"), [
        (b"ST,GS,+  1.234kg", Decimal("1.234"), True, False),
        (b"US,GS,+  1.230kg", Decimal("1.230"), False, False),
        (b"ST,NT,-  0.015kg", Decimal("-0.015"), True, True),
        (b"ST,GS,+0001.500 lb", Decimal("1.500"), True, False),
    ])
    def test_continuous_lines(self, line, value, stable, net):
        reading = continuous.parse(line)
        assert (reading.value, reading.stable, reading.net) == (value, stable, net)

    def test_continuous_overload_and_garbage(self):
        assert isinstance(continuous.parse(b"OL,GS,+ 99.999kg"), Overload)
        assert isinstance(continuous.parse(b"\xff\x13garbled"), ScaleError)

    def test_pounds_convert_to_kilograms(self):
        reading = WeightReading(Decimal(2), "lb", stable=True)
        assert reading.kilograms == Decimal("0.90718474")
