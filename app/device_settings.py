"""This workstation's devices, kept in its local settings file under "devices": the wedge
scanner's timing, a serial or network scanner, a scale, the GS stand-in, sounds and flash.
Each part turns into the Qt-free configuration its device class takes."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any

from app.settings import Settings
from devices.framing import FRAMINGS, terminator_bytes
from devices.scales.scale import PROTOCOLS, ScaleConfig
from devices.scanners.serial_scanner import SerialScannerConfig
from devices.scanners.wedge import KeyKind, WedgeConfig
from devices.serial_link import PortSettings
from models.errors import InputError
from models.scanning import ScanOptions

KEY = "devices"
BAUD_RATES = (1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200)
TERMINATOR_KEYS = {"enter": KeyKind.ENTER, "tab": KeyKind.TAB}


@dataclass
class WedgeSettings:
    """A scanner that types like a keyboard."""

    enabled: bool = True
    min_length: int = 4
    max_gap_ms: int = 50
    prefix: str = ""
    suffix: str = ""
    terminators: list[str] = field(default_factory=lambda: ["enter", "tab"])

    def config(self) -> WedgeConfig:
        """The decoder's configuration."""
        return WedgeConfig(min_length=self.min_length, max_gap_ms=self.max_gap_ms,
                           prefix=self.prefix, suffix=self.suffix,
                           terminators=frozenset(TERMINATOR_KEYS[t] for t in self.terminators))


@dataclass
class SerialScannerSettings:
    """A scanner on a serial port, or a network scanner at `socket://host:port`."""

    enabled: bool = False
    port: str = ""
    baudrate: int = 9600
    framing: str = "any"
    custom_terminator: str = ""
    prefix: str = ""
    suffix: str = ""
    encoding: str = "utf-8"

    def config(self) -> SerialScannerConfig:
        """The scanner's configuration."""
        return SerialScannerConfig(PortSettings(self.port, self.baudrate), framing=self.framing,
                                   custom_terminator=self.custom_terminator,
                                   prefix=self.prefix, suffix=self.suffix,
                                   encoding=self.encoding)


@dataclass
class ScaleSettings:
    """A scale on a serial port."""

    enabled: bool = False
    port: str = ""
    baudrate: int = 9600
    protocol: str = "mt-sics"
    unit: str = "kg"
    stable_within_s: float = 5.0

    def config(self) -> ScaleConfig:
        """The scale's configuration."""
        return ScaleConfig(PortSettings(self.port, self.baudrate), protocol=self.protocol,
                           unit=self.unit)


@dataclass
class FeedbackSettings:
    """Sounds and the colour flash on floor screens."""

    sounds: bool = True
    volume: int = 80
    flash: bool = True


@dataclass
class DeviceSettings:
    """Every device setting of this workstation."""

    wedge: WedgeSettings = field(default_factory=WedgeSettings)
    serial_scanner: SerialScannerSettings = field(default_factory=SerialScannerSettings)
    scale: ScaleSettings = field(default_factory=ScaleSettings)
    feedback: FeedbackSettings = field(default_factory=FeedbackSettings)
    #: The character scanners were set up to send in place of the GS separator ("" = none).
    gs_standin: str = ""

    def scan_options(self) -> ScanOptions:
        """How scans from this workstation are read."""
        return ScanOptions(gs_standin=self.gs_standin)

    def problems(self) -> list[str]:
        """Every setting that cannot work, as sentences for the settings page."""
        found: list[str] = []
        w = self.wedge
        if not 1 <= w.min_length <= 64:
            found.append("Wedge: the minimum length is 1 to 64 characters.")
        if not 5 <= w.max_gap_ms <= 500:
            found.append("Wedge: the gap between keys is 5 to 500 ms.")
        if any(t not in TERMINATOR_KEYS for t in w.terminators):
            found.append("Wedge: terminators are enter and tab.")
        if not w.terminators and not w.suffix:
            found.append("Wedge: without Enter, Tab or a suffix a scan ends only by a pause; "
                         "set one of them so quick repeated scans stay apart.")
        found += _port_problems("Scanner", self.serial_scanner.enabled,
                                self.serial_scanner.port, self.serial_scanner.baudrate)
        s = self.serial_scanner
        if s.framing not in (*FRAMINGS, "custom"):
            found.append("Scanner: framing is cr, lf, crlf, any or custom.")
        elif s.framing == "custom":
            try:
                terminator_bytes("custom", s.custom_terminator)
            except (ValueError, UnicodeError):
                found.append("Scanner: set the custom terminator (for example \\x03).")
        try:
            "".encode(s.encoding)
        except LookupError:
            found.append(f"Scanner: '{s.encoding}' is not a text encoding (utf-8, gbk...).")
        found += _port_problems("Scale", self.scale.enabled, self.scale.port,
                                self.scale.baudrate)
        if self.scale.protocol not in PROTOCOLS:
            found.append(f"Scale: the protocol is one of {', '.join(PROTOCOLS)}.")
        if not 0.5 <= self.scale.stable_within_s <= 60:
            found.append("Scale: wait 0.5 to 60 seconds for a stable weight.")
        if not 0 <= self.feedback.volume <= 100:
            found.append("Sound: the volume is 0 to 100.")
        if len(self.gs_standin) > 1 or (self.gs_standin and self.gs_standin.isalnum()):
            found.append("GS stand-in: one character that is no letter or digit (~, |, ^).")
        return found

    @classmethod
    def of(cls, settings: Settings) -> DeviceSettings:
        """The device settings kept in a workstation's settings (defaults where missing)."""
        data = settings.extra.get(KEY)
        return _build(cls, data if isinstance(data, dict) else {})

    def store(self, settings: Settings) -> None:
        """Put these device settings into `settings` (the caller saves the file); refused
        with every problem listed when a setting cannot work."""
        found = self.problems()
        if found:
            raise InputError(" ".join(found))
        settings.extra[KEY] = asdict(self)


def _port_problems(what: str, enabled: bool, port: str, baudrate: int) -> list[str]:
    found = []
    if enabled and not port:
        found.append(f"{what}: choose its port.")
    if baudrate not in BAUD_RATES:
        found.append(f"{what}: the speed is one of {', '.join(map(str, BAUD_RATES))} baud.")
    return found


def _build(cls: type, data: dict[str, Any]) -> Any:
    """A settings dataclass from stored JSON, keeping defaults for missing or mistyped
    values (a settings file edited by hand must not stop the app)."""
    default = cls()
    values = {}
    for item in fields(cls):
        current = getattr(default, item.name)
        stored = data.get(item.name, current)
        if hasattr(current, "__dataclass_fields__"):
            values[item.name] = _build(type(current), stored if isinstance(stored, dict) else {})
        elif isinstance(current, bool):
            values[item.name] = stored if isinstance(stored, bool) else current
        elif isinstance(current, float) and isinstance(stored, int | float):
            values[item.name] = float(stored)
        elif isinstance(stored, type(current)) and not isinstance(stored, bool):
            values[item.name] = stored
        else:
            values[item.name] = current
    return cls(**values)
