"""`waredesk demo [--if-empty]`: fill an empty database with the demo warehouse."""

from __future__ import annotations

import argparse
import time
from datetime import date

from app.cli.context import CliContext
from models.demo import product_count, seed_demo
from models.users import needs_first_admin


def register(commands: argparse._SubParsersAction) -> None:
    """Add this module's commands to the parser."""
    demo = commands.add_parser(
        "demo", help="add a demo warehouse (WH1), about 200 products and opening stock to an "
        "empty database")
    demo.add_argument("--if-empty", action="store_true",
                      help="do nothing (and succeed) when the database holds products already")
    demo.set_defaults(run=run_demo)


def run_demo(args: argparse.Namespace, ctx: CliContext) -> int:
    """Seed the demo data, or with --if-empty skip a database that has products."""
    db = ctx.database()
    if args.if_empty:
        with db.read() as session:
            if product_count(session):
                return 0
    actor = ctx.actor()
    started = time.perf_counter()
    summary = db.transact(lambda s: seed_demo(s, actor, today=date.today()), attempts=1)
    print(f"Demo data added in {time.perf_counter() - started:.1f} s: warehouse "
          f"{summary.warehouse} with {summary.bins} bins, {summary.products} products, "
          f"{summary.moves} opening stock moves.")
    with db.read() as session:
        if needs_first_admin(session):
            print("Nobody can sign in yet: when the app opens, create the administrator.")
    return 0
