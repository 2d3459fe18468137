"""`waredesk return receive|replay|list|show`: customer returns without the Returns screen: a
parcel's items received against its order and given a disposition, a batch scanner's file of
parcels, and the returns received (see models/returns)."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli.context import CliContext
from app.cli.receiving_commands import MARKS
from models.entities import ReturnStepKind
from models.errors import InputError
from models.feedback import Level
from models.returns.batch import dispose_waiting, parse_item, receive, replay_file
from models.returns.listing import find_return, list_returns, return_steps
from models.returns.order_returns import DISPOSITIONS, OrderReturns
from models.returns.orders import return_items
from models.returns.reasons import REASON_TEXTS
from models.returns.workflow import ReturnsWorkflow

STEP_WORDS = {ReturnStepKind.RESTOCK: "restocked", ReturnStepKind.QUARANTINE: "quarantined",
              ReturnStepKind.SCRAP: "scrapped"}
REASONS_HELP = ", ".join(f"{r.value} ({text})" for r, text in REASON_TEXTS.items())


def register(commands: argparse._SubParsersAction) -> None:
    """Add `waredesk return`."""
    parser = commands.add_parser("return", help="customer returns: receive, dispose, list")
    sub = parser.add_subparsers(dest="return_command", metavar="ACTION", required=True)
    take = sub.add_parser("receive", help="receive a returned parcel's items against its order "
                          "and give them a disposition")
    take.add_argument("parcel", metavar="TRACKING_OR_ORDER",
                      help="the parcel's tracking number, or the order number")
    take.add_argument("--item", action="append", default=[], metavar="CODE[:QTY]",
                      help="a returned item: barcode, GTIN or SKU, and how many (repeat; "
                      "without it, only the disposition of what waits from before)")
    _disposition_options(take)
    take.set_defaults(run=run_receive)
    play = sub.add_parser("replay", help="replay a batch-scanner file (code[,qty] per line: "
                          "a parcel's tracking or order number, then its items)")
    play.add_argument("file", type=Path)
    _disposition_options(play)
    play.set_defaults(run=run_replay)
    listing = sub.add_parser("list", help="the returns received, latest first")
    listing.add_argument("--order", default="", help="only the returns of this order number")
    listing.add_argument("--limit", type=int, default=100)
    listing.set_defaults(run=run_list)
    show = sub.add_parser("show", help="a return: the order's items shipped and returned, "
                          "and each step")
    show.add_argument("code", metavar="RMA-N")
    show.set_defaults(run=run_show)


def _disposition_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--disposition", choices=[d.value for d in DISPOSITIONS],
                        help="where the units go: back to a bin, to quarantine or scrapped "
                        "(without it they wait at the returns location)")
    parser.add_argument("--reason", default="", help=f"why: {REASONS_HELP}, or your own words")
    parser.add_argument("--bin", default="", metavar="CODE", help="the bin to restock to "
                        "(default: where each item was picked from)")


def _kind(args: argparse.Namespace) -> ReturnStepKind | None:
    if args.disposition is None:
        return None
    if not args.reason.strip():
        raise InputError("--disposition needs a --reason.")
    return ReturnStepKind(args.disposition)


def run_receive(args: argparse.Namespace, ctx: CliContext) -> int:
    """Receive the items, then dispose of them."""
    kind = _kind(args)
    items = [parse_item(text) for text in args.item]
    flow = ReturnsWorkflow(ctx.database(), ctx.actor())
    receive(flow, args.parcel, items, lambda answer: print(answer.message, flush=True))
    if kind is not None:
        for answer in dispose_waiting(flow, kind, args.reason, bin_code=args.bin):
            print(answer.message)
    return 0


def run_replay(args: argparse.Namespace, ctx: CliContext) -> int:
    """Replay a batch file of returned parcels; exit 1 when any line was refused."""
    kind = _kind(args)
    flow = ReturnsWorkflow(ctx.database(), ctx.actor())
    results, answers = replay_file(flow, args.file, kind, args.reason, bin_code=args.bin)
    for result in results:
        print(f"line {result.line.line_no:>5}  {MARKS[result.level]:7}  {result.line.code}  "
              f"{result.message}")
    for answer in answers:
        print(answer.message)
    refused = sum(r.level is Level.ERROR for r in results)
    print(f"{len(results)} lines: {len(results) - refused} taken, {refused} refused.")
    return 1 if refused else 0


def run_list(args: argparse.Namespace, ctx: CliContext) -> int:
    """Print the returns."""
    with ctx.database().read() as session:
        rows = list_returns(session, order=args.order, limit=args.limit)
    if not rows:
        print("No returns.")
    for r in rows:
        units = r.units
        print(f"{r.code:10} {r.at:%Y-%m-%d %H:%M}  {r.shop:8} {r.order:20} {r.status:9} "
              f"{r.tracking:16} received {units.get('receive', 0):>3}  restocked "
              f"{units.get('restock', 0):>3}  quarantined {units.get('quarantine', 0):>3}  "
              f"scrapped {units.get('scrap', 0):>3}  waiting {r.waiting:>3}  {r.clerk}")
    return 0


def run_show(args: argparse.Namespace, ctx: CliContext) -> int:
    """Print a return."""
    with ctx.database().read() as session:
        row = find_return(session, args.code)
        items = return_items(session, row.order_id, row.id)
        steps = return_steps(session, row.id)
    print(f"{row.code}  order {row.order} ({row.shop}, {row.status})  tracking {row.tracking}  "
          f"{row.at:%Y-%m-%d %H:%M}  {row.clerk}")
    print(f"  {'SKU':16} {'shipped':>7} {'returned':>8} {'in this':>7}")
    for i in items:
        print(f"  {i.sku:16} {i.shipped:>7} {i.returned:>8} {i.received:>7}")
    print("Steps:")
    for s in steps:
        undone = "  (undone)" if s.undone else ""
        lot = f" lot {s.lot}" if s.lot else ""
        lot += f" serial {s.serial}" if s.serial else ""
        reason = f"  {s.reason}" if s.reason else ""
        print(f"  {s.at:%Y-%m-%d %H:%M}  {s.kind:10} {s.sku}{lot} ×{s.qty} -> {s.location}"
              f"{reason}  {s.user}{undone}")
    return 0


def print_returns(back: OrderReturns) -> None:
    """The order's returns under `waredesk order show`: each with its date, where its units
    went and why."""
    if back.returns:
        print("Returns:")
    for r in back.returns:
        went = "".join(f"  {STEP_WORDS[kind]} {r.units[kind]}" for kind in DISPOSITIONS
                       if r.units.get(kind))
        waiting = f"  waiting {r.waiting}" if r.waiting else ""
        reasons = f"  ({'; '.join(r.reasons)})" if r.reasons else ""
        print(f"  {r.code:8} {r.at.astimezone():%Y-%m-%d %H:%M}  received {r.received}{went}"
              f"{waiting}{reasons}")
