"""A scale on a serial link: read the weight now, wait for a stable weight within N seconds,
zero and tare, with every failure (no answer, overload, out of range, never settling) raised as
an error that tells the worker what to do. Optionally polls for a live display."""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType

from devices.errors import DeviceError, NoAnswer
from devices.framing import Framer
from devices.scales import continuous, mtsics, toledo8217
from devices.scales.readings import (
    Acknowledged,
    Busy,
    NotStable,
    Response,
    ScaleError,
    Unsupported,
    WeightReading,
)
from devices.serial_link import LinkStatus, PortSettings, SerialLink

PROTOCOLS: dict[str, ModuleType] = {m.NAME: m for m in (mtsics, toledo8217, continuous)}
_POLL_S = 0.1


@dataclass(frozen=True)
class ScaleConfig:
    """A scale's port, protocol, the unit of protocols that send none, and how long one answer
    may take."""

    port: PortSettings
    protocol: str = mtsics.NAME
    unit: str = "kg"
    answer_timeout_s: float = 1.0

    def __post_init__(self) -> None:
        if self.protocol not in PROTOCOLS:
            raise ValueError(f"Unknown scale protocol {self.protocol!r}: use "
                             f"{', '.join(PROTOCOLS)}.")


class Scale:
    """Thread-safe: the GUI's worker and the live display may ask at the same time."""

    def __init__(self, config: ScaleConfig, *,
                 on_status: Callable[[LinkStatus], None] | None = None,
                 on_reading: Callable[[WeightReading | ScaleError], None] | None = None,
                 retry_s: float = 1.0) -> None:
        self.config = config
        self._protocol = PROTOCOLS[config.protocol]
        self._streams = self._protocol is continuous
        self._framer = Framer(self._protocol.TERMINATOR)
        self._answers: queue.Queue[Response] = queue.Queue()
        self._asked = "W"
        self._lock = threading.Lock()
        self._latest: tuple[float, Response] | None = None
        self._fresh = threading.Condition()
        self._on_reading = on_reading
        self._watch_stop = threading.Event()
        self._link = SerialLink(config.port, on_data=self._received, on_status=on_status,
                                retry_s=retry_s, name="scale")

    @property
    def status(self) -> LinkStatus:
        """Connected, connecting or disconnected, with the reason."""
        return self._link.status

    def start(self) -> None:
        """Open the port."""
        self._link.start()

    def stop(self) -> None:
        """Stop the live display and close the port."""
        self.watch(False)
        self._link.stop()

    def wait_connected(self, timeout: float) -> bool:
        """Wait until the port is open."""
        return self._link.wait_connected(timeout)

    def read(self) -> WeightReading:
        """The weight now, stable or not."""
        # A streamed line from before the call may show the platform before the load.
        response = (self._latest_line(newer_than=time.monotonic()) if self._streams
                    else self._ask("now"))
        if isinstance(response, ScaleError):
            raise response
        if not isinstance(response, WeightReading):
            raise ScaleError(f"The scale answered {response} to a weight request.")
        return response

    def read_stable(self, within_s: float = 5.0) -> WeightReading:
        """A stable weight, waiting up to `within_s` seconds for the load to settle."""
        deadline = time.monotonic() + within_s
        while True:
            try:
                reading = self.read()
                if reading.stable and reading.value is not None:
                    return reading
            except Busy:
                pass  # settling or busy: ask again until the deadline
            if time.monotonic() >= deadline:
                raise NotStable(f"The weight did not settle within {within_s:g} s: keep the "
                                f"load still, off the edges, and try again.")
            time.sleep(_POLL_S)

    def zero(self) -> None:
        """Set the empty platform to zero."""
        if self._streams:
            self._command_then_settle("zero", lambda r: r.value == 0, "zero")
            return
        self._expect_ack("zero")

    def tare(self) -> WeightReading | None:
        """Take the load now on the platform (a box) as tare; the tare weight when known."""
        if "tare" not in self._protocol.COMMANDS:
            raise Unsupported(f"The {self.config.protocol} protocol has no tare command: tare "
                              f"on the scale's own keypad.")
        if self._streams:
            return self._command_then_settle("tare", lambda r: r.net and r.value == 0, "tare")
        return self._expect_ack("tare").tare

    def watch(self, enabled: bool, interval_s: float = 0.3) -> None:
        """Report readings to `on_reading` continuously (the live display) or stop."""
        self._watch_stop.set()
        if not enabled:
            return
        self._watch_stop = threading.Event()
        threading.Thread(target=self._watch, args=(interval_s, self._watch_stop),
                         name="scale watch", daemon=True).start()

    def _watch(self, interval_s: float, stop: threading.Event) -> None:
        while not stop.is_set():
            try:
                result: WeightReading | ScaleError = self.read()
            except ScaleError as exc:
                result = exc
            except DeviceError as exc:  # no answer, not connected: shown on the display
                result = ScaleError(str(exc))
            if self._on_reading is not None and not stop.is_set():
                self._on_reading(result)
            stop.wait(interval_s)

    def _expect_ack(self, command: str) -> Acknowledged:
        response = self._ask(command)
        if isinstance(response, ScaleError):
            raise response
        if not isinstance(response, Acknowledged):
            raise ScaleError(f"The scale did not confirm the {command} command.")
        return response

    def _ask(self, command: str) -> Response:
        with self._lock:
            while not self._answers.empty():
                self._answers.get_nowait()  # a late answer to an earlier, timed-out question
            self._asked = "Z" if command == "zero" else "W"
            self._link.write(self._protocol.COMMANDS[command])
            try:
                return self._answers.get(timeout=self.config.answer_timeout_s)
            except queue.Empty:
                raise NoAnswer(self._silent()) from None

    def _latest_line(self, newer_than: float) -> Response:
        deadline = time.monotonic() + self.config.answer_timeout_s
        with self._fresh:
            while self._latest is None or self._latest[0] < newer_than:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise NoAnswer(self._silent())
                self._fresh.wait(left)
            return self._latest[1]

    def _command_then_settle(self, command: str, done: Callable[[WeightReading], bool],
                             name: str) -> WeightReading:
        sent = time.monotonic()
        self._link.write(self._protocol.COMMANDS[command])
        deadline = sent + 3 * self.config.answer_timeout_s
        while time.monotonic() < deadline:
            response = self._latest_line(newer_than=sent)
            if isinstance(response, ScaleError):
                raise response
            if isinstance(response, WeightReading) and response.stable and done(response):
                return response
            time.sleep(_POLL_S / 2)
        raise Busy(f"The scale did not {name}: keep the platform still and try again, or use "
                   f"the scale's own {name} key.")

    def _silent(self) -> str:
        port = self.config.port
        return (f"The scale on {port.url} does not answer: check that it is switched on and "
                f"set to {self.config.protocol} at {port.baudrate} baud.")

    def _received(self, data: bytes) -> None:
        for frame in self._framer.feed(data):
            response = self._parse(frame)
            if self._streams:
                with self._fresh:
                    self._latest = (time.monotonic(), response)
                    self._fresh.notify_all()
            else:
                self._answers.put(response)

    def _parse(self, frame: bytes) -> Response:
        if self._protocol is toledo8217:
            response = toledo8217.parse(frame, self.config.unit, after=self._asked)
            if isinstance(response, WeightReading) and not response.unit:
                return WeightReading(response.value, self.config.unit, response.stable,
                                     raw=response.raw)
            return response
        return self._protocol.parse(frame)

