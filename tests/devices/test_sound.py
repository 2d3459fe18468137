"""Feedback sounds: three distinct bundled WAV files, played in the background at the set
volume, the previous one cut off."""

from __future__ import annotations

import array
import sys
import time
import wave
from pathlib import Path

from devices.sound import CommandBackend, Sound, SoundPlayer, sound_file, write_at_volume


def _samples(path: Path) -> array.array:
    with wave.open(str(path), "rb") as wav:
        return array.array("h", wav.readframes(wav.getnframes()))


class Recorder:
    name = "recorder"

    def __init__(self) -> None:
        self.played: list[Path] = []

    def play(self, path: Path) -> None:
        self.played.append(path)


def test_the_three_sounds_are_short_and_different():
    lengths = {}
    for sound in Sound:
        with wave.open(str(sound_file(sound)), "rb") as wav:
            assert (wav.getnchannels(), wav.getsampwidth()) == (1, 2)
            lengths[sound] = wav.getnframes() / wav.getframerate()
    assert all(0.1 <= seconds <= 0.8 for seconds in lengths.values())
    assert len({sound_file(s).read_bytes() for s in Sound}) == 3
    assert lengths[Sound.OK] < lengths[Sound.WARNING] < lengths[Sound.ERROR]


def test_volume_scales_the_samples(tmp_path):
    source = sound_file(Sound.OK)
    quiet = write_at_volume(source, tmp_path / "ok-25.wav", 25)
    loud, soft = _samples(source), _samples(quiet)
    assert len(loud) == len(soft)
    assert abs(max(soft) - max(loud) * 0.25) <= 1


def test_player_plays_the_sound_at_its_volume_from_a_cache(tmp_path):
    recorder = Recorder()
    player = SoundPlayer(tmp_path, volume=50, backend=recorder)
    player.play(Sound.ERROR)
    player.play(Sound.ERROR)
    assert recorder.played == [tmp_path / "error-50.wav"] * 2
    peak = max(_samples(recorder.played[0]))
    assert abs(peak - max(_samples(sound_file(Sound.ERROR))) * 0.5) <= 1


def test_muted_or_disabled_player_plays_nothing(tmp_path):
    recorder = Recorder()
    SoundPlayer(tmp_path, volume=0, backend=recorder).play(Sound.OK)
    SoundPlayer(tmp_path, enabled=False, backend=recorder).play(Sound.OK)
    assert recorder.played == []


def test_command_player_returns_at_once_and_cuts_off_the_previous_sound(tmp_path):
    # A stand-in player that takes 5 s: play() must not wait for it.
    slow = tmp_path / "slowplay.py"
    slow.write_text("import sys, time; time.sleep(5)")
    backend = CommandBackend([sys.executable, str(slow)])
    started = time.monotonic()
    backend.play(sound_file(Sound.OK))
    first = backend._playing
    backend.play(sound_file(Sound.ERROR))
    assert time.monotonic() - started < 2
    assert first.wait(2) < 0  # killed by a signal, not left playing over the new sound
    backend._playing.terminate()
    backend._playing.wait(5)
