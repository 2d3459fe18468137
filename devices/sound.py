"""Feedback sounds, played without blocking and at the workstation's volume.

WareDesk plays its WAV files through what the operating system already has (winsound on
Windows; paplay, pw-play or aplay on Linux; afplay on macOS) instead of QtMultimedia, which
would add PySide6-Addons (59 MB) for three short beeps. Volume is applied by scaling the samples
once per volume level into a cached copy, so every player honours it. A new sound cuts off the
one still playing: the latest scan's answer is the one that matters.
"""

from __future__ import annotations

import array
import logging
import os
import shutil
import subprocess
import sys
import wave
from enum import StrEnum
from importlib import resources
from pathlib import Path
from typing import Protocol

log = logging.getLogger(__name__)


class Sound(StrEnum):
    """The three feedback sounds, named like feedback levels."""

    OK = "ok"
    WARNING = "warning"
    ERROR = "error"


def sound_file(sound: Sound) -> Path:
    """The bundled WAV file of a sound."""
    return Path(str(resources.files("resources") / "sounds" / f"{sound.value}.wav"))


def write_at_volume(source: Path, target: Path, volume: int) -> Path:
    """Copy a 16-bit PCM WAV with its samples scaled to `volume` percent."""
    with wave.open(str(source), "rb") as original:
        params = original.getparams()
        frames = original.readframes(params.nframes)
    if params.sampwidth != 2:
        raise ValueError(f"{source} is not 16-bit PCM")
    samples = array.array("h", frames)
    if sys.byteorder == "big":
        samples.byteswap()
    factor = max(0, min(100, volume)) / 100
    scaled = array.array("h", (int(s * factor) for s in samples))
    if sys.byteorder == "big":
        scaled.byteswap()
    tmp = target.with_suffix(".tmp")
    with wave.open(str(tmp), "wb") as out:
        out.setparams(params)
        out.writeframes(scaled.tobytes())
    os.replace(tmp, target)
    return target


class Backend(Protocol):
    """Something that starts playing a WAV file and returns at once."""

    name: str

    def play(self, path: Path) -> None: ...


class CommandBackend:
    """A command-line player started in the background; the previous sound is cut off."""

    def __init__(self, argv: list[str]) -> None:
        self.argv = argv
        self.name = Path(argv[0]).name
        self._playing: subprocess.Popen[bytes] | None = None

    def play(self, path: Path) -> None:
        """Start playing `path`."""
        if self._playing is not None and self._playing.poll() is None:
            self._playing.terminate()
        self._playing = subprocess.Popen([*self.argv, str(path)], stdin=subprocess.DEVNULL,
                                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


class WinsoundBackend:
    """Windows' own asynchronous player (a new sound stops the previous one by itself)."""

    name = "winsound"

    def play(self, path: Path) -> None:
        """Start playing `path`."""
        import winsound  # Windows only

        winsound.PlaySound(str(path), winsound.SND_FILENAME | winsound.SND_ASYNC
                           | winsound.SND_NODEFAULT)


class SilentBackend:
    """No player on this computer: sounds are skipped (the colour flash still shows)."""

    name = "none"

    def play(self, path: Path) -> None:
        """Do nothing."""


_PLAYERS = (["paplay"], ["pw-play"], ["aplay", "-q"], ["afplay"])


def find_backend() -> Backend:
    """The best player this computer has."""
    if sys.platform == "win32":
        return WinsoundBackend()
    for argv in _PLAYERS:
        found = shutil.which(argv[0])
        if found:
            return CommandBackend([found, *argv[1:]])
    log.info("no sound player found (paplay, pw-play, aplay, afplay); sounds are off")
    return SilentBackend()


class SoundPlayer:
    """Plays feedback sounds at the set volume; never blocks, never raises."""

    def __init__(self, cache_dir: Path, *, volume: int = 80, enabled: bool = True,
                 backend: Backend | None = None) -> None:
        self.cache_dir = cache_dir
        self.volume = volume
        self.enabled = enabled
        self.backend = backend or find_backend()

    @property
    def available(self) -> bool:
        """False when this computer has no way to play sounds."""
        return not isinstance(self.backend, SilentBackend)

    def play(self, sound: Sound) -> None:
        """Start playing a feedback sound."""
        if not self.enabled or self.volume <= 0:
            return
        try:
            self.backend.play(self._file(sound))
        except (OSError, ValueError, RuntimeError) as exc:
            log.warning("could not play %s with %s: %s", sound, self.backend.name, exc)

    def _file(self, sound: Sound) -> Path:
        source = sound_file(sound)
        if self.volume >= 100:
            return source
        target = self.cache_dir / f"{sound.value}-{self.volume}.wav"
        if not target.exists():
            self.cache_dir.mkdir(parents=True, exist_ok=True)
            write_at_volume(source, target, self.volume)
        return target
