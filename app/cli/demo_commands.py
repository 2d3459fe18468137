"""`waredesk demo [--if-empty]`: fill an empty database with the demo warehouse; `waredesk demo
--skus N --moves M [--bins B]`: add a warehouse of benchmark size."""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date

from app.cli.context import CliContext
from models.demo import product_count, seed_demo
from models.demo.bulk import WAREHOUSE, BulkSize, fill
from models.errors import InputError
from models.users import needs_first_admin


def register(commands: argparse._SubParsersAction) -> None:
    """Add this module's commands to the parser."""
    demo = commands.add_parser(
        "demo", help="add a demo warehouse (WH1), about 200 products and opening stock to an "
        "empty database")
    demo.add_argument("--if-empty", action="store_true",
                      help="do nothing (and succeed) when the database holds products already")
    demo.add_argument("--skus", type=int, metavar="N",
                      help=f"instead, add warehouse {WAREHOUSE} with N generated products "
                      "(benchmark data, e.g. 1000000)")
    demo.add_argument("--moves", type=int, metavar="M",
                      help="with --skus: about M ledger moves in all (default 10 per product)")
    demo.add_argument("--bins", type=int, metavar="B",
                      help="with --skus: B bins (default one per 20 products)")
    demo.set_defaults(run=run_demo)


def _progress(what: str, rows: int) -> None:
    if sys.stderr.isatty():
        print(f"\r{what}: {rows:,}\033[K", end="", file=sys.stderr, flush=True)


def run_bulk(args: argparse.Namespace, ctx: CliContext) -> int:
    """Add the benchmark-size warehouse."""
    size = BulkSize(products=args.skus, bins=args.bins or max(args.skus // 20, 10),
                    moves=args.moves if args.moves is not None else 10 * args.skus)
    started = time.perf_counter()
    fill(ctx.database(), size, progress=_progress)
    if sys.stderr.isatty():
        print(file=sys.stderr)
    print(f"Added warehouse {WAREHOUSE} in {time.perf_counter() - started:.0f} s: "
          f"{size.products:,} products, {size.bins:,} bins, about {size.moves:,} moves.")
    return 0


def run_demo(args: argparse.Namespace, ctx: CliContext) -> int:
    """Seed the demo data, or with --if-empty skip a database that has products."""
    if args.skus is not None:
        return run_bulk(args, ctx)
    if args.moves is not None or args.bins is not None:
        raise InputError("--moves and --bins go with --skus.")
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
          f"{summary.moves} opening stock moves, {summary.shops} shops.")
    with db.read() as session:
        if needs_first_admin(session):
            print("Nobody can sign in yet: when the app opens, create the administrator.")
    return 0
