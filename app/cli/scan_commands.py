"""`waredesk scan explain CODE`, `scan sheet --out FILE.pdf`, `scan layout-test`: for whoever
sets scanners up."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from app.cli.context import CliContext
from app.device_settings import DeviceSettings
from models.errors import InputError
from models.scanning import ScanOptions, UnknownScan, explain, interpret
from models.scanning.layout_check import TEST_PATTERN, check_layout


def register(commands: argparse._SubParsersAction) -> None:
    """Add this module's commands to the parser."""
    scan = commands.add_parser("scan", help="scanner set-up: explain scans, print the "
                               "command sheet")
    scan_commands = scan.add_subparsers(dest="scan_command", required=True, metavar="COMMAND")
    what = scan_commands.add_parser(
        "explain", help="print what a scan means, as JSON",
        description="Print what WareDesk makes of a scan, as JSON. Write the GS separator as "
        "<GS> (or the stand-in character); CODE '-' reads one scan per line from standard "
        "input, so a scanner can type into the terminal. Exit status 1 when a scan means "
        "nothing.")
    what.add_argument("code", metavar="CODE")
    what.add_argument("--symbology", metavar="AIM",
                      help="the AIM identifier sent apart from the data, e.g. ]C1")
    what.add_argument("--gs-standin", metavar="CHAR",
                      help="the character standing for GS (default: this workstation's "
                      "setting)")
    what.set_defaults(run=run_explain)

    sheet = scan_commands.add_parser("sheet", help="write the command sheet (PDF)")
    sheet.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")
    sheet.set_defaults(run=run_sheet)

    layout = scan_commands.add_parser(
        "layout-test", help="check that a keyboard-wedge scanner types what it reads")
    layout.set_defaults(run=run_layout_test)


def run_explain(args: argparse.Namespace, ctx: CliContext) -> int:
    """Print the meaning of one scan, or of each line of standard input."""
    standin = args.gs_standin
    if standin is None:
        standin = DeviceSettings.of(ctx.settings).gs_standin
    try:
        options = ScanOptions(gs_standin=standin)
    except ValueError as exc:
        raise InputError(str(exc)) from None
    codes = sys.stdin if args.code == "-" else [args.code]
    status = 0
    db = ctx.database()
    for code in codes:
        with db.read() as session:
            meaning = interpret(session, code.rstrip("\r\n"), symbology=args.symbology,
                                options=options)
        print(json.dumps(explain(meaning), ensure_ascii=False, indent=2))
        sys.stdout.flush()
        if isinstance(meaning, UnknownScan):
            status = 1
    return status


def run_sheet(args: argparse.Namespace, ctx: CliContext) -> int:
    """Write the command sheet."""
    from printing.command_sheet import write_command_sheet  # reportlab only when asked

    target = write_command_sheet(args.out)
    print(f"Wrote the command sheet to {target}. Print it at 100 % (no fit-to-page).")
    return 0


def run_layout_test(args: argparse.Namespace, ctx: CliContext) -> int:
    """Read one scan of the layout test barcode and say whether the layout matches."""
    print("Scan the 'keyboard layout' barcode of the command sheet (waredesk scan sheet):",
          flush=True)
    arrived = sys.stdin.readline().rstrip("\r\n")
    report = check_layout(arrived)
    if report is None:
        print(f"That was not the layout test barcode (expected {TEST_PATTERN}).")
        return 1
    print(f"Expected: {report.expected}\nArrived:  {report.arrived}\n{report.diagnosis}")
    return 0 if report.matches else 1
