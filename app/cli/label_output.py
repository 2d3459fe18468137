"""What every command that makes labels does with them: `--out FILE` writes ZPL, TSPL, PDF or
PNG by the file's ending; `--printer [NAME]` sends them through the print log to one of this
workstation's printers (alone: the default one)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from app.cli.context import CliContext
from models.errors import InputError
from printing.render import render_many
from printing.templates import load_template

FORMATS = ("zpl", "tspl", "pdf", "png")


def add_output_options(parser: argparse.ArgumentParser) -> None:
    """Add --out FILE and --printer [NAME]."""
    parser.add_argument("--out", type=Path, metavar="FILE", help="write zpl|tspl|pdf|png")
    parser.add_argument("--printer", nargs="?", const="", metavar="NAME",
                        help="send to this workstation's printer (alone: the default one)")


def check_output(args: argparse.Namespace) -> None:
    """One of --out and --printer, and a file ending WareDesk writes."""
    if (args.out is None) == (args.printer is None):
        raise InputError("Give --out FILE or --printer [NAME].")
    if args.out is not None and args.out.suffix.lower()[1:] not in FORMATS:
        raise InputError("--out must end in .zpl, .tspl, .pdf or .png.")


def write_or_print(ctx: CliContext, args: argparse.Namespace, template: str,
                   rows: list[dict[str, Any]]) -> int:
    """Write the labels to --out or send them to --printer; the exit status."""
    from app.cli.printer_commands import report, terminal_progress
    from app.print_jobs.service import print_labels
    from app.printer_profiles import PrinterSettings

    check_output(args)
    if args.printer is not None:
        profile = PrinterSettings.of(ctx.settings).find(args.printer)
        return report(print_labels(ctx.database(), ctx.actor(), template=template, rows=rows,
                                   printer=profile, control=terminal_progress()))
    fmt = args.out.suffix.lower()[1:]
    args.out.write_bytes(render_many(load_template(template), rows, fmt, 203))
    print(f"{len(rows)} {template} labels written to {args.out}")
    return 0
