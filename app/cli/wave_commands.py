"""`waredesk wave plan|list|show|pdf|cancel` and `waredesk pick replay`: waves of approved
orders from the command line, their pick lists, and a batch scanner's picks."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
from pathlib import Path

from app.cli.context import CliContext
from app.cli.receiving_commands import MARKS
from models.errors import InputError
from models.feedback import Level
from models.picking.batch import replay_file
from models.picking.picklist import pick_list_data, pick_rows, share_text
from models.picking.planning import WaveRules, plan_waves
from models.picking.waves import cancel_wave, find_wave, list_waves
from models.picking.workflow import PickingWorkflow
from models.plural import plural_s
from printing.render import render_many
from printing.templates import load_template


def register(commands: argparse._SubParsersAction) -> None:
    """Add this module's commands to the parser."""
    parser = commands.add_parser("wave", help="waves of approved orders: plan, pick list, "
                                 "cancel")
    sub = parser.add_subparsers(dest="wave_command", metavar="ACTION", required=True)
    plan = sub.add_parser("plan", help="put approved orders into waves (released at once)")
    plan.add_argument("--warehouse", required=True, metavar="CODE")
    plan.add_argument("--carrier", metavar="CODE")
    plan.add_argument("--cutoff", metavar="'YYYY-MM-DD HH:MM'",
                      help="orders paid (or ordered, when unpaid) at or before it, UTC")
    items = plan.add_mutually_exclusive_group()
    items.add_argument("--single", dest="items", action="store_const", const="single",
                       help="only orders of one unit")
    items.add_argument("--multi", dest="items", action="store_const", const="multi",
                       help="only orders of several units")
    plan.add_argument("--zone", metavar="ZONE", help="orders whose every bin is in the zone")
    plan.add_argument("--max-orders", type=int, metavar="N")
    plan.add_argument("--max-units", type=int, metavar="N")
    plan.set_defaults(run=run_plan)
    listing = sub.add_parser("list", help="waves, newest first")
    listing.add_argument("--active", action="store_true", help="only open and picking waves")
    listing.set_defaults(run=run_list)
    show = sub.add_parser("show", help="a wave's pick list in walk order")
    show.add_argument("wave", metavar="WAVE-N")
    show.set_defaults(run=run_show)
    pdf = sub.add_parser("pdf", help="the A4 pick list as PDF")
    pdf.add_argument("wave", metavar="WAVE-N")
    pdf.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")
    pdf.set_defaults(run=run_pdf)
    cancel = sub.add_parser("cancel", help="cancel a wave nothing was picked in: its orders "
                            "are approved again, their reservations kept")
    cancel.add_argument("wave", metavar="WAVE-N")
    cancel.set_defaults(run=run_cancel)
    pick = commands.add_parser("pick", help="picking from a batch scanner's file")
    pick_sub = pick.add_subparsers(dest="pick_command", metavar="ACTION", required=True)
    play = pick_sub.add_parser("replay", help="replay a batch-scanner file (code[,qty] per "
                               "line: totes, bins, items) into a wave")
    play.add_argument("file", type=Path)
    play.add_argument("--wave", required=True, metavar="WAVE-N")
    play.set_defaults(run=run_replay)


def _cutoff(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        return datetime.strptime(text.strip(), "%Y-%m-%d %H:%M").replace(tzinfo=UTC)
    except ValueError:
        raise InputError(f"'{text}' is not a cut-off time: give it as 2026-12-04 16:00."
                         ) from None


def run_plan(args: argparse.Namespace, ctx: CliContext) -> int:
    """Plan waves and print each."""
    rules = WaveRules(args.warehouse, carrier=args.carrier, cutoff=_cutoff(args.cutoff),
                      items=args.items, zone=args.zone, max_orders=args.max_orders,
                      max_units=args.max_units)
    actor = ctx.actor()
    waves = ctx.database().transact(lambda s: plan_waves(s, actor, rules))
    if not waves:
        print(f"No approved order of {args.warehouse} fits ({rules.describe()}).")
    for w in waves:
        print(f"Planned {w.code}: {w.orders} order{plural_s(w.orders)}, {w.units} "
              f"unit{plural_s(w.units)}, carrier {w.carrier or '-'}.")
    return 0


def run_list(args: argparse.Namespace, ctx: CliContext) -> int:
    """Print the waves."""
    with ctx.database().read() as session:
        waves = list_waves(session, active_only=args.active)
    if not waves:
        print("No waves.")
    for w in waves:
        print(f"{w.code:10} {w.warehouse:8} {w.status:9} {w.orders:>5} "
              f"order{plural_s(w.orders):1} {w.picked:>6}/{w.units:<6} "
              f"unit{plural_s(w.units):1} picked  {w.grouping}")
    return 0


def run_show(args: argparse.Namespace, ctx: CliContext) -> int:
    """Print a wave's pick list in walk order."""
    with ctx.database().read() as session:
        wave = find_wave(session, args.wave)
        rows = pick_rows(session, wave.id)
        print(f"{wave.code}  {wave.status}  {wave.grouping}")
    for r in rows:
        lot = f"lot {r.lot}" if r.lot else ""
        print(f"  {r.location:12} {r.sku:16} {lot:16} {r.picked:>4}/{r.qty:<4} "
              f"{', '.join(share_text(s) for s in r.shares)}")
    units = sum(r.qty for r in rows)
    print(f"{sum(r.picked for r in rows)} of {units} unit{plural_s(units)} picked.")
    return 0


def run_pdf(args: argparse.Namespace, ctx: CliContext) -> int:
    """Write the pick list."""
    with ctx.database().read() as session:
        data = pick_list_data(session, find_wave(session, args.wave).id)
    args.out.write_bytes(render_many(load_template("pick-list"), [data], "pdf", 300))
    print(f"Pick list of {data['pick_no']} ({len(data['lines'])} lines) written to {args.out}")
    return 0


def run_cancel(args: argparse.Namespace, ctx: CliContext) -> int:
    """Cancel a wave."""
    actor = ctx.actor()
    orders = ctx.database().transact(lambda s: cancel_wave(s, actor, args.wave))
    print(f"{args.wave.upper()} cancelled: {orders} order{plural_s(orders)} approved again.")
    return 0


def run_replay(args: argparse.Namespace, ctx: CliContext) -> int:
    """Replay a batch file into a wave; exit 1 when any line was refused."""
    flow = PickingWorkflow(ctx.database(), ctx.actor())
    opened = flow.open_wave(args.wave)
    if opened.level is Level.ERROR:
        raise InputError(opened.message)
    print(opened.message)
    results = replay_file(flow, args.file)
    for result in results:
        print(f"line {result.line.line_no:>5}  {MARKS[result.level]:7}  {result.line.code}  "
              f"{result.message}")
    refused = sum(r.level is Level.ERROR for r in results)
    print(f"{len(results)} lines: {len(results) - refused} taken, {refused} refused.")
    return 1 if refused else 0
