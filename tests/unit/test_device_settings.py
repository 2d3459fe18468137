"""Workstation device settings: kept in the local settings file, checked before saving, and
robust against a file edited by hand."""

from __future__ import annotations

import json

import pytest

from app.device_settings import DeviceSettings
from app.settings import Settings
from devices.scanners.wedge import KeyKind
from models.errors import InputError


def test_defaults_when_the_file_has_no_device_settings():
    devices = DeviceSettings.of(Settings())
    assert devices.wedge.enabled
    assert devices.wedge.config().terminators == {KeyKind.ENTER, KeyKind.TAB}
    assert not devices.scale.enabled


def test_settings_survive_saving_and_loading_the_file():
    settings = Settings.load()
    devices = DeviceSettings.of(settings)
    devices.scale.enabled, devices.scale.port = True, "/dev/ttyUSB0"
    devices.scale.protocol = "toledo-8217"
    devices.wedge.max_gap_ms = 35
    devices.gs_standin = "~"
    devices.feedback.volume = 40
    devices.store(settings)
    settings.save()
    loaded = DeviceSettings.of(Settings.load())
    assert loaded == devices
    assert loaded.scale.config().protocol == "toledo-8217"
    assert loaded.scan_options().gs_standin == "~"
    assert "devices" in json.loads(Settings.path().read_text(encoding="utf-8"))


def test_a_hand_edited_file_with_wrong_types_falls_back_to_defaults():
    settings = Settings(extra={"devices": {"wedge": {"max_gap_ms": "fast", "enabled": 1},
                                           "scale": "oops", "gs_standin": 7}})
    devices = DeviceSettings.of(settings)
    assert devices.wedge.max_gap_ms == 50
    assert devices.wedge.enabled is True
    assert devices.scale.protocol == "mt-sics"
    assert devices.gs_standin == ""


@pytest.mark.parametrize(("change", "message"), [
    (lambda d: setattr(d.scale, "enabled", True), "Scale: choose its port."),
    (lambda d: setattr(d.scale, "baudrate", 12345), "Scale: the speed is one of"),
    (lambda d: setattr(d.wedge, "max_gap_ms", 1000), "Wedge: the gap between keys"),
    (lambda d: setattr(d.wedge, "terminators", []), "quick repeated scans stay apart"),
    (lambda d: setattr(d, "gs_standin", "A"), "GS stand-in"),
    (lambda d: setattr(d.serial_scanner, "encoding", "klingon"), "not a text encoding"),
    (lambda d: setattr(d.feedback, "volume", 150), "volume is 0 to 100"),
])
def test_settings_that_cannot_work_are_refused_with_the_reason(change, message):
    settings = Settings()
    devices = DeviceSettings.of(settings)
    change(devices)
    with pytest.raises(InputError, match=message):
        devices.store(settings)
    assert "devices" not in settings.extra
