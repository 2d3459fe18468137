"""A simulated scale on a pseudo-terminal, speaking MT-SICS, Toledo 8217 or a continuous
stream. Put a load on it (it moves, then settles), zero, tare, overload it, make it silent or
unplug it: everything a test or a demo needs from a real platform scale."""

from __future__ import annotations

import threading
import time
from decimal import Decimal
from pathlib import Path

from devices.scales import continuous, mtsics, toledo8217
from devices.sim.pty_port import PtyPort

_GRAM = Decimal("0.001")


class SimulatedScale:
    """Connect to `path` with the same protocol; change the load with `put`."""

    def __init__(self, protocol: str = mtsics.NAME, *, link: Path | None = None,
                 unit: str = "kg", capacity: Decimal = Decimal(30),
                 settle_s: float = 0.5, stream_interval_s: float = 0.1) -> None:
        if protocol not in (mtsics.NAME, toledo8217.NAME, continuous.NAME):
            raise ValueError(f"Unknown scale protocol {protocol!r}.")
        self.protocol = protocol
        self.port = PtyPort(link)
        self.unit = unit
        self.capacity = capacity
        self.settle_s = settle_s
        self.stream_interval_s = stream_interval_s
        #: A silent scale answers nothing (wrong speed, switched off display unit...).
        self.silent = False
        self._lock = threading.Lock()
        self._load = Decimal(0)
        self._zero = Decimal(0)
        self._tare = Decimal(0)
        self._moving_until = 0.0
        self._wobble = 1
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"sim {protocol} scale",
                                        daemon=True)
        self._thread.start()

    @property
    def path(self) -> str:
        """The port to open."""
        return self.port.path

    def put(self, weight: Decimal | str | float, settle_s: float | None = None) -> None:
        """Place a load (total on the platform, in the scale's unit); it moves, then settles."""
        with self._lock:
            self._load = Decimal(str(weight))
            self._moving_until = time.monotonic() + (self.settle_s if settle_s is None
                                                     else settle_s)

    def remove(self) -> None:
        """Take everything off the platform."""
        self.put(0)

    def unplug(self) -> None:
        """Pull the cable."""
        self.port.unplug()

    def replug(self) -> None:
        """Plug it back in."""
        self.port.plug()

    def close(self) -> None:
        """Switch the simulator off."""
        self._stop.set()
        self._thread.join(2)
        self.port.close()

    # What the scale shows.

    def _moving(self) -> bool:
        return time.monotonic() < self._moving_until

    def _shown(self) -> tuple[Decimal, bool, bool]:
        """Net (or gross) weight shown, whether it is stable, whether it is over capacity."""
        with self._lock:
            gross = self._load - self._zero
            moving = self._moving()
            if moving:
                self._wobble = -self._wobble
                gross += Decimal("0.004") * self._wobble
            return ((gross - self._tare).quantize(_GRAM), not moving,
                    self._load > self.capacity)

    # The conversation.

    def _run(self) -> None:
        buffer = b""
        next_line = time.monotonic()
        while not self._stop.is_set():
            if not self.port.plugged:
                time.sleep(0.05)
                continue
            if self.protocol == continuous.NAME and time.monotonic() >= next_line:
                next_line = time.monotonic() + self.stream_interval_s
                if not self.silent:
                    self._stream_line()
            buffer += self.port.read(0.02)
            buffer = self._answer_all(buffer)

    def _answer_all(self, buffer: bytes) -> bytes:
        if self.protocol == toledo8217.NAME:
            for byte in buffer.replace(b"\r", b"").replace(b"\n", b""):
                self._reply(self._toledo(chr(byte)))
            return b""
        while b"\n" in buffer:
            line, buffer = buffer.split(b"\n", 1)
            command = line.strip().decode("ascii", errors="replace")
            self._reply(self._mtsics(command) if self.protocol == mtsics.NAME
                        else self._continuous(command))
        return buffer

    def _reply(self, data: bytes) -> None:
        if data and not self.silent:
            self.port.write(data)

    def _mtsics(self, command: str) -> bytes:
        end = mtsics.TERMINATOR
        if command in ("S", "SI"):
            if command == "S":
                self._wait_settled(limit_s=1.0)
            value, stable, over = self._shown()
            if over:
                return b"S +" + end
            if value < 0 and stable:
                return b"S -" + end
            if command == "S" and not stable:
                return b"S I" + end
            return mtsics.weight_line("S", value, self.unit, stable=stable)
        if command in ("Z", "T"):
            if self._moving():
                return command.encode() + b" I" + end
            with self._lock:
                if command == "Z":
                    self._zero, self._tare = self._load, Decimal(0)
                    return b"Z A" + end
                self._tare = (self._load - self._zero).quantize(_GRAM)
                return mtsics.weight_line("T", self._tare, self.unit, stable=True)
        return b"ES" + end

    def _toledo(self, command: str) -> bytes:
        value, stable, over = self._shown()
        if command == "W":
            if over:
                return toledo8217.status_frame(toledo8217.OVER_CAPACITY)
            if value < 0:
                return toledo8217.status_frame(toledo8217.UNDER_ZERO)
            if not stable:
                return toledo8217.status_frame(toledo8217.MOTION)
            return toledo8217.weight_frame(value)
        if command == "Z":
            if not stable:
                return toledo8217.status_frame(toledo8217.MOTION)
            with self._lock:
                self._zero, self._tare = self._load, Decimal(0)
            return toledo8217.status_frame(toledo8217.AT_ZERO)
        return b""

    def _continuous(self, command: str) -> bytes:
        if command in ("Z", "T") and not self._moving():
            with self._lock:
                if command == "Z":
                    self._zero, self._tare = self._load, Decimal(0)
                else:
                    self._tare = (self._load - self._zero).quantize(_GRAM)
        return b""  # the next streamed line shows the result

    def _stream_line(self) -> None:
        value, stable, over = self._shown()
        self.port.write(continuous.line(value, self.unit, stable=stable, net=self._tare != 0,
                                        overload=over))

    def _wait_settled(self, limit_s: float) -> None:
        deadline = time.monotonic() + limit_s
        while self._moving() and time.monotonic() < deadline and not self._stop.is_set():
            time.sleep(0.02)
