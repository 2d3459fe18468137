"""METTLER TOLEDO Standard Interface Command Set (MT-SICS), level 0: `S` (stable weight), `SI`
(weight now, stable or not), `Z` (zero), `T` (tare). Commands and answers end with CR LF;
a weight answer reads `S S      1.234 kg` (stable) or `S D      1.230 kg` (dynamic)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from devices.scales.readings import (
    Acknowledged,
    Busy,
    OutOfRange,
    Overload,
    Response,
    ScaleError,
    WeightReading,
)

NAME = "mt-sics"
TERMINATOR = b"\r\n"
COMMANDS = {"stable": b"S\r\n", "now": b"SI\r\n", "zero": b"Z\r\n", "tare": b"T\r\n"}


def parse(frame: bytes) -> Response:
    """One answer line of the scale."""
    text = frame.decode("ascii", errors="replace").strip()
    parts = text.split()
    if not parts:
        return ScaleError("The scale sent an empty answer.")
    if parts[0] in ("ES", "ET", "EL"):
        meaning = {"ES": "did not understand the command", "ET": "received it garbled",
                   "EL": "cannot carry it out now"}[parts[0]]
        return ScaleError(f"The scale {meaning} ({parts[0]}): check that it is set to "
                          f"MT-SICS and the port speed matches.")
    if len(parts) < 2:
        return ScaleError(f"The scale's answer '{text}' is not MT-SICS.")
    command, status = parts[0], parts[1]
    if status == "+":
        return Overload("The scale is overloaded: take the load off.")
    if status == "-":
        return OutOfRange("The scale reads below its range: empty the platform and zero it.")
    if status == "I":
        return Busy("The scale could not do it now (busy or not settled): keep the load "
                    "still and try again.")
    if command == "Z" and status == "A":
        return Acknowledged("zero")
    if command in ("S", "T") and status in ("S", "D") and len(parts) >= 4:
        reading = _reading(parts[2], parts[3], stable=status == "S", raw=text)
        if isinstance(reading, ScaleError) or command == "S":
            return reading
        return Acknowledged("tare", reading)
    return ScaleError(f"The scale's answer '{text}' is not one WareDesk expects.")


def _reading(value: str, unit: str, *, stable: bool, raw: str) -> Response:
    try:
        weight = Decimal(value)
    except InvalidOperation:
        return ScaleError(f"The scale sent a weight WareDesk cannot read: '{raw}'.")
    return WeightReading(weight, unit, stable, raw=raw)


def weight_line(command: str, value: Decimal, unit: str, *, stable: bool) -> bytes:
    """An answer as the scale sends it (used by the simulator)."""
    return f"{command} {'S' if stable else 'D'} {value:>10} {unit}".encode("ascii") + TERMINATOR
