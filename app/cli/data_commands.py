"""`waredesk import products|locations FILE [--dry-run]` and `waredesk export
products|locations FILE`: CSV or XLSX, chosen by the file's extension."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.cli.context import CliContext
from models.masterdata.exporting import export_locations, export_products
from models.masterdata.import_report import ImportFailed, ImportReport
from models.masterdata.location_import import import_locations
from models.masterdata.product_import import import_products

IMPORTERS = {"products": import_products, "locations": import_locations}
EXPORTERS = {"products": export_products, "locations": export_locations}


def register(commands: argparse._SubParsersAction) -> None:
    """Add this module's commands to the parser."""
    load = commands.add_parser(
        "import", help="create or update products or locations from a .csv or .xlsx file "
        "(all or nothing; every bad row is listed)")
    load.add_argument("what", choices=list(IMPORTERS))
    load.add_argument("file", type=Path)
    load.add_argument("--dry-run", action="store_true",
                      help="check every row and report, save nothing")
    load.set_defaults(run=run_import)

    save = commands.add_parser(
        "export", help="write products or locations to a .csv or .xlsx file (the columns "
        "import reads)")
    save.add_argument("what", choices=list(EXPORTERS))
    save.add_argument("file", type=Path)
    save.set_defaults(run=run_export)


def _progress(rows: int) -> None:
    if sys.stderr.isatty():
        print(f"\r{rows:,} rows…", end="", file=sys.stderr, flush=True)


def run_import(args: argparse.Namespace, ctx: CliContext) -> int:
    """Import a file; on bad rows list each on stdout and exit 2 having saved nothing."""
    db = ctx.database()
    actor = ctx.actor()
    importer = IMPORTERS[args.what]
    try:
        report: ImportReport = db.transact(
            lambda s: importer(s, actor, args.file, dry_run=args.dry_run,
                               progress=_progress), attempts=1)
    except ImportFailed as failure:
        _progress_done()
        for error in failure.report.errors:
            print(error)
        raise
    _progress_done()
    print(report.summary)
    return 0


def _progress_done() -> None:
    if sys.stderr.isatty():
        print(file=sys.stderr)


def run_export(args: argparse.Namespace, ctx: CliContext) -> int:
    """Export every product or location."""
    db = ctx.database()
    actor = ctx.actor()
    exporter = EXPORTERS[args.what]
    count = db.transact(lambda s: exporter(s, actor, args.file, progress=_progress),
                        attempts=1)
    _progress_done()
    print(f"Wrote {count} {args.what} to {args.file}.")
    return 0
