"""`waredesk order mapping list|show|save|rename|delete`: custom mapping profiles for the order
exports of shops without a built-in profile."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli.context import CliContext
from models.errors import InputError
from models.masterdata.table_reading import table_header
from models.sales.custom_profiles import (
    custom_profile,
    custom_profiles,
    delete_mapping,
    profile_of,
    rename_mapping,
    save_mapping,
)
from models.sales.profiles import FIELDS, OrderProfile


def register_order_commands(orders: argparse._SubParsersAction) -> None:
    """Add `waredesk order mapping`."""
    mapping = orders.add_parser("mapping", help="custom column mappings for other shops' "
                                "order exports")
    mappings = mapping.add_subparsers(dest="mapping_command", required=True, metavar="COMMAND")
    mappings.add_parser("list", help="every custom mapping").set_defaults(
        run=run_mapping_list)
    show = mappings.add_parser("show", help="which column each field is read from")
    show.add_argument("name")
    show.set_defaults(run=run_mapping_show)
    save = mappings.add_parser(
        "save", help="create or replace a mapping, checked against a sample export, e.g. "
        "order mapping save youzan --file export.csv --map number=订单号 --map qty=数量 …")
    save.add_argument("name", help="a-z, 0-9, _ and -; not a built-in profile's name")
    save.add_argument("--file", type=Path, required=True,
                      help="a sample of the export: every column mapped must be in it")
    save.add_argument("--map", action="append", default=[], metavar="FIELD=COLUMN",
                      help="the column a field is read from; repeat a field for more "
                      f"columns (the first non-empty wins; street joins them). Fields: "
                      f"{', '.join(FIELDS)}")
    save.add_argument("--title", default="", help="what the import dialog calls it")
    save.add_argument("--first-row-only", action="store_true",
                      help="an order's own cells are on its first row only (default: on "
                      "every row of the order)")
    save.add_argument("--currency", default="CNY", help="for orders that do not say "
                      "(default CNY)")
    save.add_argument("--country", default="", help="for orders that do not say, e.g. CN")
    save.add_argument("--utc-offset", type=int, default=8, metavar="HOURS",
                      help="the zone of times written without one (default 8, China)")
    save.set_defaults(run=run_mapping_save)
    rename = mappings.add_parser("rename", help="give a mapping another name")
    rename.add_argument("name")
    rename.add_argument("new_name")
    rename.set_defaults(run=run_mapping_rename)
    delete = mappings.add_parser("delete", help="delete a mapping (imported orders stay)")
    delete.add_argument("name")
    delete.set_defaults(run=run_mapping_delete)


def _columns(pairs: list[str]) -> dict[str, list[str]]:
    columns: dict[str, list[str]] = {}
    for pair in pairs:
        field, equals, column = pair.partition("=")
        if not equals or not field.strip() or not column.strip():
            raise InputError(f"--map {pair}: write it as FIELD=COLUMN, e.g. number=订单号.")
        columns.setdefault(field.strip().lower(), []).append(column.strip())
    return columns


def _options(profile: OrderProfile) -> str:
    rows = "first row only" if not profile.repeats else "every row"
    country = f", country {profile.country}" if profile.country else ""
    return (f"order cells on {rows}, currency {profile.currency}{country}, times "
            f"UTC{profile.zone_hours:+d}")


def run_mapping_list(args: argparse.Namespace, ctx: CliContext) -> int:
    """Print every custom mapping."""
    with ctx.database().read() as session:
        profiles = custom_profiles(session)
    if not profiles:
        print("No custom mappings yet: add one with `waredesk order mapping save`.")
    for profile in profiles:
        print(f"{profile.name:16} {profile.title}  ({len(profile.signature)} columns; "
              f"{_options(profile)})")
    return 0


def run_mapping_show(args: argparse.Namespace, ctx: CliContext) -> int:
    """Print a mapping field by field."""
    with ctx.database().read() as session:
        profile = custom_profile(session, args.name)
    print(f"{profile.name}: {profile.title}")
    for field, columns in profile.columns.items():
        print(f"  {field:14} {' + '.join(columns)}")
    print(f"  {_options(profile)}")
    return 0


def run_mapping_save(args: argparse.Namespace, ctx: CliContext) -> int:
    """Save a mapping after checking it against the sample."""
    db = ctx.database()
    actor = ctx.actor()
    profile = profile_of(args.name, _columns(args.map), title=args.title,
                         repeats=not args.first_row_only, currency=args.currency,
                         country=args.country, zone_hours=args.utc_offset)
    header = table_header(args.file)
    saved = db.transact(lambda s: save_mapping(s, actor, profile, header=header))
    verb = "Saved" if saved.created else "Replaced"
    print(f"{verb} mapping {saved.profile.name}: {len(saved.profile.signature)} columns of "
          f"{args.file.name}.")
    if saved.recognised_as:
        print(f"Note: the {saved.recognised_as} profile recognises this layout first; import "
              f"it with --profile {saved.profile.name} to use this mapping.")
    return 0


def run_mapping_rename(args: argparse.Namespace, ctx: CliContext) -> int:
    """Rename a mapping."""
    db = ctx.database()
    actor = ctx.actor()
    profile = db.transact(lambda s: rename_mapping(s, actor, name=args.name,
                                                   new_name=args.new_name))
    print(f"Mapping {args.name} is called {profile.name} now.")
    return 0


def run_mapping_delete(args: argparse.Namespace, ctx: CliContext) -> int:
    """Delete a mapping."""
    db = ctx.database()
    actor = ctx.actor()
    db.transact(lambda s: delete_mapping(s, actor, name=args.name))
    print(f"Deleted mapping {args.name}.")
    return 0
