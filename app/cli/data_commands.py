"""`waredesk import products|locations FILE [--dry-run]` and `waredesk export
products|locations|stock|moves FILE`: CSV or XLSX, chosen by the file's extension."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli.context import CliContext
from app.cli.import_output import progress_done, run_file_import, show_progress
from models.errors import InputError
from models.ledger.browse import BrowseFilter
from models.ledger.exporting import export_moves, export_stock, record_export
from models.masterdata.exporting import export_locations, export_products
from models.masterdata.import_report import ImportReport
from models.masterdata.location_import import import_locations
from models.masterdata.product_import import import_products

IMPORTERS = {"products": import_products, "locations": import_locations}
EXPORTERS = {"products": export_products, "locations": export_locations}
LEDGER_EXPORTERS = {"stock": export_stock, "moves": export_moves}


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
        "export", help="write products or locations (in the columns import reads), stock "
        "on hand or the move history to a .csv or .xlsx file")
    save.add_argument("what", choices=[*EXPORTERS, *LEDGER_EXPORTERS])
    save.add_argument("file", type=Path)
    for field, text in (("sku", "SKU starts with"), ("location", "location code starts with"),
                        ("lot", "lot number starts with")):
        save.add_argument(f"--{field}", default="", help=f"stock and moves only: {text}")
    save.set_defaults(run=run_export)


def run_import(args: argparse.Namespace, ctx: CliContext) -> int:
    """Import a file; on bad rows list each on stdout and exit 2 having saved nothing."""
    db = ctx.database()
    actor = ctx.actor()
    importer = IMPORTERS[args.what]
    report: ImportReport = run_file_import(
        db, lambda s, progress: importer(s, actor, args.file, dry_run=args.dry_run,
                                         progress=progress))
    print(report.summary)
    return 0


def run_export(args: argparse.Namespace, ctx: CliContext) -> int:
    """Export every product or location, or the stock or moves the filters match."""
    db = ctx.database()
    actor = ctx.actor()
    flt = BrowseFilter(sku=args.sku, location=args.location, lot=args.lot)
    if args.what in LEDGER_EXPORTERS:
        # Read-only: a long export must not hold the write lock the scans need.
        with db.read() as session:
            count = LEDGER_EXPORTERS[args.what](session, actor, args.file, flt=flt,
                                                progress=show_progress)
        with db.write() as session:
            record_export(session, actor, args.what, args.file, count)
        progress_done()
        print(f"Wrote {count} rows of {args.what} to {args.file}.")
        return 0
    if not flt.is_empty:
        raise InputError("--sku, --location and --lot filter stock and moves only.")
    exporter = EXPORTERS[args.what]
    count = db.transact(lambda s: exporter(s, actor, args.file, progress=show_progress),
                        attempts=1)
    progress_done()
    print(f"Wrote {count} {args.what} to {args.file}.")
    return 0
