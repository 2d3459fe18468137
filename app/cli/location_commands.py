"""`waredesk warehouse add CODE NAME` and `waredesk locations generate --warehouse WH1
--aisles A-C --racks 01-20 --levels 1-5`."""

from __future__ import annotations

import argparse
import time

from app.cli.context import CliContext
from models.entities import LocationType
from models.masterdata.location_patterns import (
    GenerationPlan,
    LocationPattern,
    generate_locations,
    plan_locations,
)
from models.masterdata.locations import USER_TYPES, create_warehouse


def register(commands: argparse._SubParsersAction) -> None:
    """Add this module's commands to the parser."""
    warehouse = commands.add_parser("warehouse", help="warehouses")
    wh_commands = warehouse.add_subparsers(dest="warehouse_command", required=True,
                                           metavar="COMMAND")
    add = wh_commands.add_parser("add", help="create a warehouse")
    add.add_argument("code", help="short code, e.g. WH1")
    add.add_argument("name")
    add.add_argument("--address", default="")
    add.set_defaults(run=run_warehouse_add)

    locations = commands.add_parser("locations", help="warehouse locations")
    loc_commands = locations.add_subparsers(dest="locations_command", required=True,
                                            metavar="COMMAND")
    gen = loc_commands.add_parser(
        "generate", help="create bins from a pattern, e.g. aisles A-C x racks 01-20 x "
        "levels 1-5 -> A-01-1 ... C-20-5")
    gen.add_argument("--warehouse", required=True, metavar="CODE")
    gen.add_argument("--aisles", required=True, help="letters or numbers: A-C, 01-12, A,C,F-G")
    gen.add_argument("--racks", required=True, help="e.g. 01-20 (zero padding is kept)")
    gen.add_argument("--levels", default="", help="e.g. 1-5; without it the racks are the "
                     "bins")
    gen.add_argument("--type", default=LocationType.STORAGE, choices=USER_TYPES,
                     help="what the bins are for (default: storage)")
    gen.add_argument("--zone", default="", help="zone code; its aisles go under a zone "
                     "location of that code")
    gen.add_argument("--separator", default="-", help="between aisle, rack and level "
                     "(default: -)")
    gen.add_argument("--barcode-prefix", default="", help="put before each bin code in its "
                     "barcode (barcodes are unique across warehouses)")
    gen.add_argument("--skip-existing", action="store_true",
                     help="leave bins that exist already alone instead of refusing")
    gen.add_argument("--dry-run", action="store_true", help="check and count, create nothing")
    gen.set_defaults(run=run_generate)


def run_warehouse_add(args: argparse.Namespace, ctx: CliContext) -> int:
    """Create a warehouse."""
    db = ctx.database()
    actor = ctx.actor()
    db.transact(lambda s: create_warehouse(s, actor, code=args.code, name=args.name,
                                           address=args.address))
    print(f"Created warehouse {args.code.strip()}.")
    return 0


def run_generate(args: argparse.Namespace, ctx: CliContext) -> int:
    """Create (or with --dry-run, count) the locations of a pattern."""
    pattern = LocationPattern(
        warehouse=args.warehouse, aisles=args.aisles, racks=args.racks, levels=args.levels,
        type=args.type, zone=args.zone, separator=args.separator,
        barcode_prefix=args.barcode_prefix)
    db = ctx.database()
    started = time.perf_counter()
    if args.dry_run:
        with db.read() as session:
            plan = plan_locations(session, pattern, skip_existing=args.skip_existing)
        print(f"Dry run, nothing created: {_summary(plan)}")
        return 0
    actor = ctx.actor()
    plan = db.transact(lambda s: generate_locations(s, actor, pattern,
                                                    skip_existing=args.skip_existing))
    print(f"Created in {time.perf_counter() - started:.1f} s: {_summary(plan)}")
    return 0


def _summary(plan: GenerationPlan) -> str:
    bins = plan.bins
    text = f"{len(bins)} bins"
    if bins:
        text += f" ({bins[0].code} … {bins[-1].code}, walk order {bins[0].walk_seq}–" \
                f"{bins[-1].walk_seq})"
    structural = len(plan.to_create) - len(bins)
    if structural:
        text += f" and {structural} zone/aisle/rack locations"
    if plan.reused:
        text += f"; {len(plan.reused)} existing aisles/racks reused"
    if plan.skipped:
        text += f"; {len(plan.skipped)} existing bins skipped"
    return text + f" in {plan.pattern.warehouse}."
