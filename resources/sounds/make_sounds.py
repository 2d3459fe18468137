"""Writes ok.wav, warning.wav and error.wav beside this file (run once; the files are
committed). Three sounds a worker tells apart without looking: a short rising chirp for OK, two
even beeps for a warning, a low triple buzz for an error."""

from __future__ import annotations

import math
import struct
import wave
from pathlib import Path

RATE = 22050
HERE = Path(__file__).resolve().parent


def tone(freq: float, ms: int, *, harmonics: int = 1, level: float = 0.8) -> list[float]:
    """A tone with a 5 ms fade in and out (no clicks); harmonics make it harsher."""
    count = RATE * ms // 1000
    fade = RATE * 5 // 1000
    samples = []
    for i in range(count):
        t = i / RATE
        value = sum(math.sin(2 * math.pi * freq * k * t) / k for k in range(1, harmonics + 1,
                                                                            2))
        envelope = min(1.0, i / fade, (count - i) / fade)
        samples.append(level * envelope * value / (1.3 if harmonics > 1 else 1.0))
    return samples


def silence(ms: int) -> list[float]:
    """A pause."""
    return [0.0] * (RATE * ms // 1000)


SOUNDS = {
    "ok": tone(1320, 60) + tone(1760, 90),
    "warning": tone(880, 130) + silence(90) + tone(880, 130),
    "error": (tone(220, 150, harmonics=7) + silence(50)) * 2 + tone(175, 260, harmonics=7),
}


def write(name: str, samples: list[float]) -> None:
    """16-bit mono PCM."""
    with wave.open(str(HERE / f"{name}.wav"), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        peak = max(abs(s) for s in samples) or 1.0
        scale = 0.9 * 32767 / max(peak, 1.0)
        out.writeframes(b"".join(struct.pack("<h", int(s * scale)) for s in samples))


if __name__ == "__main__":
    for sound, data in SOUNDS.items():
        write(sound, data)
