"""What the Devices page does, off the GUI thread: save device settings and restart the devices,
explain each scan (parse and look up, on the database runner), weigh, zero and tare (on a
device thread, since a scale may take seconds), and sound each scan's feedback."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QObject, Signal
from sqlalchemy.orm import Session

from app.device_bridge import DeviceBridge, ScanInput
from app.device_settings import DeviceSettings
from app.ops.sessions import reading
from app.runner import Op, Runner
from app.settings import Settings
from devices.errors import DeviceError
from devices.ports import available_ports
from devices.sound import Sound, SoundPlayer
from models.feedback import Feedback
from models.scanning import explain, interpret
from models.scanning.layout_check import LayoutReport, check_layout
from models.scanning.verdict import scan_feedback

#: Runs `work(session)` on the database worker, then `done(result)` or `failed(error)` on the
#: GUI thread (the shell's operation runner provides this).
Query = Callable[[Callable[[Session], Any], Callable[[Any], None],
                  Callable[[BaseException], None]], None]


def runner_query(runner: Runner, parent: QObject | None = None) -> Query:
    """The Query of the shell's operation runner: read-only work on its database worker."""
    def query(work: Callable[[Session], Any], done: Callable[[Any], None],
              failed: Callable[[BaseException], None]) -> None:
        Op.query(reading(work)).success(done).failure(failed) \
            .run_in_background(runner, parent=parent)
    return query


@dataclass(frozen=True)
class ScanExplained:
    """A scan as the test page shows it: what arrived, what it means, the feedback it earns,
    and the keyboard-layout check when it was the layout test barcode."""

    scan: ScanInput
    meaning: dict[str, Any]
    feedback: Feedback
    layout: LayoutReport | None


class DevicesController(QObject):
    """The Devices page's operations; results come back as signals on the GUI thread."""

    scan_explained = Signal(object)  # ScanExplained
    scale_done = Signal(str, object)  # "stable" / "zero" / "tare", WeightReading | None | str

    def __init__(self, bridge: DeviceBridge, *, query: Query, sounds: SoundPlayer,
                 settings: Settings | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self.sounds = sounds
        self._query = query
        self._settings = settings or Settings.load()

    def ports(self) -> list[tuple[str, str]]:
        """Serial ports present now, as (device, label) for a drop-down list."""
        return [(p.device, p.label) for p in available_ports()]

    def device_settings(self) -> DeviceSettings:
        """The device settings in force."""
        return self.bridge.settings

    def save(self, devices: DeviceSettings) -> None:
        """Check, save to this workstation's settings file, and restart the devices; raises
        InputError listing every setting that cannot work."""
        devices.store(self._settings)
        self._settings.save()
        self.bridge.apply(devices)
        self.sounds.volume = devices.feedback.volume
        self.sounds.enabled = devices.feedback.sounds

    def play(self, level: str, volume: int) -> None:
        """Play a feedback sound at a volume being tried out."""
        trial = SoundPlayer(self.sounds.cache_dir, volume=volume, backend=self.sounds.backend)
        trial.play(Sound(level))

    def explain(self, scan: ScanInput) -> None:
        """Interpret a scan on the database worker and report it with `scan_explained`."""
        options = self.bridge.settings.scan_options()

        def work(session: Session) -> tuple[dict[str, Any], Feedback]:
            meaning = interpret(session, scan.raw, options=options)
            return explain(meaning), scan_feedback(meaning, today=date.today())

        def done(result: tuple[dict[str, Any], Feedback]) -> None:
            meaning, feedback = result
            self.sounds.play(Sound(feedback.level.value))
            self.scan_explained.emit(ScanExplained(scan, meaning, feedback,
                                                   check_layout(scan.raw)))

        def failed(error: BaseException) -> None:
            feedback = Feedback.error(str(error))
            self.sounds.play(Sound.ERROR)
            self.scan_explained.emit(ScanExplained(scan, {"kind": "error"}, feedback, None))

        self._query(work, done, failed)

    def read_stable(self) -> None:
        """Wait for a stable weight (up to the configured seconds) on a device thread."""
        within = self.bridge.settings.scale.stable_within_s
        self._on_scale("stable", lambda scale: scale.read_stable(within_s=within))

    def zero(self) -> None:
        """Zero the scale."""
        self._on_scale("zero", lambda scale: scale.zero())

    def tare(self) -> None:
        """Tare the scale with what is on it."""
        self._on_scale("tare", lambda scale: scale.tare())

    def _on_scale(self, action: str, work: Callable[[Any], object]) -> None:
        scale = self.bridge.scale
        if scale is None:
            self.scale_done.emit(action, "No scale is set up: enable it in the settings.")
            return

        def run() -> None:
            try:
                result: object = work(scale)
            except DeviceError as exc:
                result = str(exc)
            self.scale_done.emit(action, result)

        threading.Thread(target=run, name=f"scale {action}", daemon=True).start()
