"""`waredesk db upgrade`, `verify`, `backup FILE`, `restore FILE`."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli.context import CliContext
from models.db import backup as backups
from models.db.schema import upgrade
from models.ledger import verify


def register(commands: argparse._SubParsersAction) -> None:
    """Add this module's commands to the parser."""
    db = commands.add_parser("db", help="database schema")
    db_commands = db.add_subparsers(dest="db_command", required=True, metavar="COMMAND")
    up = db_commands.add_parser("upgrade", help="create or upgrade the database schema")
    up.set_defaults(run=run_upgrade)

    check = commands.add_parser(
        "verify", help="recompute stock from the ledger and list every difference")
    check.set_defaults(run=run_verify)

    save = commands.add_parser("backup", help="back the database up to a file")
    save.add_argument("file", type=Path)
    save.set_defaults(run=run_backup)

    load = commands.add_parser("restore", help="replace the database with a backup")
    load.add_argument("file", type=Path)
    load.set_defaults(run=run_restore)


def run_upgrade(args: argparse.Namespace, ctx: CliContext) -> int:
    """Create or upgrade the schema."""
    result = upgrade(ctx.database(migrate=False))
    if not result.changed:
        print(f"The database is up to date (schema {result.to_revision}).")
    elif result.from_revision is None:
        print(f"Created the database (schema {result.to_revision}).")
    else:
        backup = f"; backup in {result.backup}" if result.backup else ""
        print(f"Upgraded the database from schema {result.from_revision} to "
              f"{result.to_revision}{backup}.")
    return 0


def run_verify(args: argparse.Namespace, ctx: CliContext) -> int:
    """Exit 0 when the quants agree with the ledger, 1 with the differences otherwise."""
    with ctx.database().read() as session:
        problems = verify(session)
    if not problems:
        print("Stock agrees with the ledger.")
        return 0
    for problem in problems:
        print(problem)
    print(f"{len(problems)} difference(s) between stock and the ledger.")
    return 1


def run_backup(args: argparse.Namespace, ctx: CliContext) -> int:
    """Write a backup of the database."""
    target = backups.backup(ctx.database(migrate=False), args.file)
    print(f"Backed the database up to {target}.")
    return 0


def run_restore(args: argparse.Namespace, ctx: CliContext) -> int:
    """Replace the database's contents with a backup, then bring its schema up to date."""
    db = ctx.database(migrate=False)
    backups.restore(db, args.file)
    upgrade(db)
    print(f"Restored the database from {args.file}.")
    return 0
