"""`waredesk sim scanner|scale|printer ...`: simulated devices for a demo without hardware.
Each prints the port to connect to and runs until Ctrl+C; lines typed on standard input
drive it."""

from __future__ import annotations

import argparse
import os
import re
import sys
import threading
import time
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from pathlib import Path

from app.cli.context import CliContext
from app.device_settings import DeviceSettings
from app.paths import data_dir
from devices.framing import terminator_bytes
from devices.scales.scale import PROTOCOLS
from devices.sim.printer9100 import SimulatedPrinter
from devices.sim.scale import SimulatedScale
from devices.sim.scanner import SimulatedSerialScanner, SimulatedTcpScanner
from models.errors import InputError

_DEVICE_COMMANDS = "!unplug and !replug pull and put back the cable; Ctrl+C stops."


def register(commands: argparse._SubParsersAction) -> None:
    """Add this module's commands to the parser."""
    sim = commands.add_parser("sim", help="simulated scanners and scales for demos")
    sim_commands = sim.add_subparsers(dest="sim_command", required=True, metavar="DEVICE")

    scanner = sim_commands.add_parser(
        "scanner", help="a serial (pty) or network (TCP) scanner",
        description="Each line typed is sent as one scan (<GS> becomes the GS separator). "
        + _DEVICE_COMMANDS)
    scanner.add_argument("--link", type=Path, help="a fixed path (symlink) to the port, kept "
                         "across unplug and replug")
    scanner.add_argument("--tcp", type=int, metavar="PORT", nargs="?", const=0,
                         help="be a network scanner listening on 127.0.0.1:PORT instead")
    scanner.add_argument("--terminator", default="crlf", choices=("cr", "lf", "crlf"))
    scanner.add_argument("--every", type=float, metavar="SECONDS",
                         help="also send the --code scans in turn, one every SECONDS")
    scanner.add_argument("--code", action="append", default=[], help="a scan for --every")
    scanner.set_defaults(run=run_scanner)

    scale = sim_commands.add_parser(
        "scale", help="a scale (pty) speaking MT-SICS, Toledo 8217 or a continuous stream",
        description="Type a weight (1.25) to put a load on it: it moves, then settles. "
        "!overload, !silent (stop answering, again to resume). " + _DEVICE_COMMANDS)
    scale.add_argument("--protocol", default="mt-sics", choices=tuple(PROTOCOLS))
    scale.add_argument("--link", type=Path, help="a fixed path (symlink) to the port")
    scale.add_argument("--weight", default="0", help="the load at start, in kg")
    scale.add_argument("--settle", type=float, default=1.0, metavar="SECONDS",
                       help="how long a new load moves before it is stable")
    scale.set_defaults(run=run_scale)

    printer = sim_commands.add_parser(
        "printer", help="a network label printer on a loopback port (9100)",
        description="Keeps every job it receives (shown, and saved with --save) and answers "
        "~HS and <ESC>!?. Type a condition to toggle it: paper, pause, head, ribbon, silent "
        "(stop answering status questions); off and on switch the printer off and on.")
    printer.add_argument("--port", type=int, default=9100)
    printer.add_argument("--save", type=Path, metavar="FOLDER",
                         help="also write each job received into FOLDER")
    printer.set_defaults(run=run_printer)

    both = sim_commands.add_parser(
        "devices", help="a serial scanner and an MT-SICS scale together, for the demo",
        description="Starts both on fixed links in the data folder. A typed weight (1.25, at "
        "most four digits before the point) puts that load (kg) on the scale; any other line, "
        "barcodes of digits included, is scanned. With --configure, this "
        "workstation's device settings are pointed at them, so the app's Devices page and "
        "floor screens use them.")
    both.add_argument("--configure", action="store_true",
                      help="save device settings that use these simulators")
    both.set_defaults(run=run_devices)


# A load is a weight as typed (1.25, 12, 0.5): at most four digits before the point. Longer
# digit strings are barcodes (an EAN-13 is all digits) and are scanned.
_LOAD = re.compile(r"^\d{1,4}(\.\d+)?$")


def _posix_only() -> None:
    if os.name != "posix":
        raise InputError("Serial simulators need Linux or macOS (pseudo-terminals); use "
                         "`waredesk sim scanner --tcp` here.")


def run_scanner(args: argparse.Namespace, ctx: CliContext) -> int:
    """Run a simulated scanner until Ctrl+C."""
    terminator = terminator_bytes(args.terminator)
    if args.tcp is not None:
        sim: SimulatedTcpScanner | SimulatedSerialScanner = SimulatedTcpScanner(
            args.tcp, terminator=terminator)
        print(f"Network scanner simulator: connect to {sim.url}", flush=True)
    else:
        _posix_only()
        sim = SimulatedSerialScanner(link=args.link, terminator=terminator)
        print(f"Serial scanner simulator: connect to {sim.path}", flush=True)
    codes = list(args.code)
    if args.every and not codes:
        raise InputError("--every needs at least one --code to send.")

    def handle(line: str) -> None:
        sim.scan(line.replace("<GS>", "\x1d"))
        print(f"sent {line}", flush=True)

    try:
        _drive(handle, sim.unplug, sim.replug, every=args.every, codes=codes)
    finally:
        sim.close()
    return 0


def run_scale(args: argparse.Namespace, ctx: CliContext) -> int:
    """Run a simulated scale until Ctrl+C."""
    _posix_only()
    sim = SimulatedScale(args.protocol, link=args.link, settle_s=args.settle)
    sim.put(_weight(args.weight), settle_s=0)
    print(f"{args.protocol} scale simulator: connect to {sim.path}", flush=True)

    def handle(line: str) -> None:
        if line == "!overload":
            sim.put(sim.capacity + 1, settle_s=0)
        elif line == "!silent":
            sim.silent = not sim.silent
            print("silent" if sim.silent else "answering", flush=True)
        else:
            sim.put(_weight(line))
            print(f"load {line} kg", flush=True)

    try:
        _drive(handle, sim.unplug, sim.replug, every=None, codes=[])
    finally:
        sim.close()
    return 0


def run_printer(args: argparse.Namespace, ctx: CliContext) -> int:
    """Run a simulated network printer until Ctrl+C."""
    try:
        sim = SimulatedPrinter(args.port)
    except OSError as exc:
        raise InputError(f"Port {args.port} cannot be used ({exc.strerror}): choose another "
                         "with --port.") from None
    print(f"Label printer simulator: connect to {sim.address}", flush=True)
    watcher = threading.Thread(target=_show_jobs, args=(sim, args.save), daemon=True)
    watcher.start()
    toggles = {"paper": "paper_out", "pause": "paused", "head": "head_open",
               "ribbon": "ribbon_out"}

    def handle(line: str) -> None:
        if line in toggles:
            value = not getattr(sim.state, toggles[line])
            setattr(sim.state, toggles[line], value)
            print(f"{toggles[line].replace('_', ' ')}: {'yes' if value else 'no'}", flush=True)
        elif line == "silent":
            sim.silent = not sim.silent
            print("silent" if sim.silent else "answering", flush=True)
        elif line in ("off", "on"):
            sim.switch_off() if line == "off" else sim.switch_on()
            print(f"switched {line}", flush=True)
        else:
            raise InputError("Conditions: paper, pause, head, ribbon, silent, off, on.")

    try:
        _drive(handle, sim.switch_off, sim.switch_on, every=None, codes=[])
    finally:
        sim.close()
    return 0


def _show_jobs(sim: SimulatedPrinter, folder: Path | None) -> None:
    shown = 0
    while True:
        for job in list(sim.jobs[shown:]):
            shown += 1
            print(f"job {shown}: {len(job)} bytes: {job[:60]!r}", flush=True)
            if folder is not None:
                folder.mkdir(parents=True, exist_ok=True)
                (folder / f"job-{shown:04d}.prn").write_bytes(job)
        time.sleep(0.1)


def _weight(text: str) -> Decimal:
    try:
        return Decimal(text)
    except InvalidOperation:
        raise InputError(f"'{text}' is not a weight in kg (for example 1.25).") from None


def _drive(handle: Callable[[str], None], unplug: Callable[[], None],
           replug: Callable[[], None], *, every: float | None, codes: list[str]) -> None:
    """Send timed scans and act on typed lines until Ctrl+C (or forever once input ends)."""
    try:
        if every:
            sent = 0
            while True:
                handle(codes[sent % len(codes)])
                sent += 1
                time.sleep(every)
        for raw in sys.stdin:
            line = raw.strip()
            if line == "!unplug":
                unplug()
                print("unplugged", flush=True)
            elif line == "!replug":
                replug()
                print("plugged in", flush=True)
            elif line:
                try:
                    handle(line)
                except InputError as exc:
                    print(exc, flush=True)
        while True:  # no more input (run in the background): keep the device up
            time.sleep(3600)
    except KeyboardInterrupt:
        print("stopped", flush=True)


def run_devices(args: argparse.Namespace, ctx: CliContext) -> int:
    """Run a simulated scanner and scale until Ctrl+C."""
    _posix_only()
    folder = data_dir() / "simulators"
    folder.mkdir(parents=True, exist_ok=True)
    scanner = SimulatedSerialScanner(link=folder / "scanner")
    scale = SimulatedScale(link=folder / "scale", settle_s=1.0)
    print(f"Serial scanner simulator: connect to {scanner.path}", flush=True)
    print(f"mt-sics scale simulator: connect to {scale.path}", flush=True)
    if args.configure:
        devices = DeviceSettings.of(ctx.settings)
        devices.serial_scanner.enabled, devices.serial_scanner.port = True, scanner.path
        devices.scale.enabled, devices.scale.port = True, scale.path
        devices.scale.protocol = "mt-sics"
        devices.store(ctx.settings)
        ctx.settings.save()
        print("This workstation's device settings now use them.", flush=True)

    def handle(line: str) -> None:
        if not _LOAD.match(line):
            scanner.scan(line.replace("<GS>", "\x1d"))
            print(f"scanned {line}", flush=True)
            return
        weight = Decimal(line)
        scale.put(weight)
        print(f"load {weight} kg", flush=True)

    def unplug() -> None:
        scanner.unplug()
        scale.unplug()

    def replug() -> None:
        scanner.replug()
        scale.replug()

    try:
        _drive(handle, unplug, replug, every=None, codes=[])
    finally:
        scanner.close()
        scale.close()
    return 0
