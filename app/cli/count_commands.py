"""`waredesk count plan|list|show|sheet|variances|recount|approve|cancel|report`: stock
counts from the command line, from the plan to the approved adjustment and its report."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from app.cli.context import CliContext
from models.counting.documents import count_report_data, count_sheet_data
from models.counting.plans import (
    bin_progress,
    cancel_count,
    find_count,
    list_counts,
    plan_count,
)
from models.counting.review import accuracy, approve_count, request_recount, variances
from models.errors import InputError
from printing.render import render_many
from printing.templates import load_template


def register(commands: argparse._SubParsersAction) -> None:
    """Add this module's commands to the parser."""
    parser = commands.add_parser("count", help="stock counts: plan, sheet, variances, "
                                 "recounts, approval, report")
    sub = parser.add_subparsers(dest="count_command", metavar="ACTION", required=True)
    plan = sub.add_parser("plan", help="plan a count of a zone, aisle, range, products, the "
                          "bins due by ABC class, a sample or the whole warehouse")
    plan.add_argument("--warehouse", required=True, metavar="CODE")
    what = plan.add_mutually_exclusive_group(required=True)
    what.add_argument("--full", action="store_true", help="every bin of the warehouse")
    what.add_argument("--zone", metavar="ZONE")
    what.add_argument("--aisle", metavar="PREFIX", help="bins whose code starts with it")
    what.add_argument("--from", dest="location_from", metavar="CODE",
                      help="a range of locations in code order, with --to")
    what.add_argument("--sku", nargs="+", metavar="SKU", help="the bins holding these")
    what.add_argument("--category", metavar="NAME", help="the bins holding its products")
    what.add_argument("--cycle", action="store_true", help="the bins due by ABC class")
    what.add_argument("--sample", type=int, metavar="N", help="N random bins with stock")
    plan.add_argument("--to", dest="location_to", metavar="CODE")
    plan.add_argument("--by", choices=("value", "velocity"), default="value",
                      help="--cycle: classify by stock value or by units shipped (90 days)")
    plan.add_argument("--due", nargs=3, type=int, metavar=("A", "B", "C"),
                      help="--cycle: days between counts of class A, B, C (30 90 365)")
    plan.add_argument("--seed", type=int, help="--sample: the same seed picks the same bins")
    plan.add_argument("--title", default="")
    plan.add_argument("--not-blind", dest="blind", action="store_false",
                      help="counters see the expected quantities")
    plan.add_argument("--recount-pct", type=int, default=5, metavar="PCT")
    plan.add_argument("--recount-units", type=int, default=1, metavar="UNITS")
    plan.set_defaults(run=run_plan)
    listing = sub.add_parser("list", help="counts, newest first")
    listing.add_argument("--open", action="store_true", help="only open counts")
    listing.set_defaults(run=run_list)
    show = sub.add_parser("show", help="a count's bins and where each stands")
    show.add_argument("count", metavar="N|COUNT-N")
    show.set_defaults(run=run_show)
    sheet = sub.add_parser("sheet", help="the count sheet as PDF")
    sheet.add_argument("count", metavar="N|COUNT-N")
    sheet.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")
    sheet.set_defaults(run=run_sheet)
    var = sub.add_parser("variances", help="expected, counted and value per line")
    var.add_argument("count", metavar="N|COUNT-N")
    var.add_argument("--only", action="store_true", help="only lines with a variance")
    var.add_argument("--location", metavar="PREFIX")
    var.add_argument("--sku", dest="only_sku", metavar="SKU")
    var.set_defaults(run=run_variances)
    recount = sub.add_parser("recount", help="send counted bins back for a recount")
    recount.add_argument("count", metavar="N|COUNT-N")
    recount.add_argument("locations", nargs="+", metavar="LOCATION")
    recount.set_defaults(run=run_recount)
    approve = sub.add_parser("approve", help="post the variances to or from inventory loss")
    approve.add_argument("count", metavar="N|COUNT-N")
    approve.add_argument("--note", default="")
    approve.set_defaults(run=run_approve)
    cancel = sub.add_parser("cancel", help="cancel an open count (nothing is posted)")
    cancel.add_argument("count", metavar="N|COUNT-N")
    cancel.set_defaults(run=run_cancel)
    report = sub.add_parser("report", help="the count report (variances, accuracy) as PDF")
    report.add_argument("count", metavar="N|COUNT-N")
    report.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")
    report.set_defaults(run=run_report)


def _kind(args: argparse.Namespace) -> str:
    if args.full:
        return "full"
    if args.zone:
        return "zone"
    if args.aisle:
        return "aisle"
    if args.location_from:
        return "range"
    if args.sku or args.category:
        return "products"
    return "cycle" if args.cycle else "sample"


def run_plan(args: argparse.Namespace, ctx: CliContext) -> int:
    """Plan a count and print its code and size."""
    kind = _kind(args)
    if (kind == "range") != (args.location_to is not None):
        raise InputError("A range needs both --from and --to.")
    due = dict(zip("ABC", args.due, strict=True)) if args.due else None
    actor = ctx.actor()

    def work(session):
        count = plan_count(
            session, actor, warehouse_code=args.warehouse, kind=kind, title=args.title,
            zone=args.zone, aisle=args.aisle, location_from=args.location_from,
            location_to=args.location_to, skus=args.sku, category=args.category,
            abc_due=due, abc_by=args.by, sample=args.sample, seed=args.seed,
            blind=args.blind, recount_pct=args.recount_pct,
            recount_units=args.recount_units, today=date.today())
        return count.code, count.title, len(bin_progress(session, count.id))

    code, title, bins = ctx.database().transact(work)
    print(f"Planned {code}: {title}, {bins} bins.")
    return 0


def run_list(args: argparse.Namespace, ctx: CliContext) -> int:
    """Print the counts."""
    with ctx.database().read() as session:
        counts = list_counts(session, open_only=args.open)
    if not counts:
        print("No counts." if not args.open else "No open counts.")
    for c in counts:
        print(f"{c.code:10} {c.warehouse:8} {c.status:9} {c.kind:8} "
              f"{c.counted:>5}/{c.bins:<5} bins counted  {c.title}")
    return 0


def run_show(args: argparse.Namespace, ctx: CliContext) -> int:
    """Print a count's header and every bin's status."""
    with ctx.database().read() as session:
        count = find_count(session, args.count)
        bins = bin_progress(session, count.id)
    blind = "blind" if count.blind else "not blind"
    print(f"{count.code}  {count.title}  ({count.status}, {blind}, recount at "
          f"{count.recount_pct} % and {count.recount_units} units)")
    for b in bins:
        when = b.counted_at.strftime("%Y-%m-%d %H:%M") if b.counted_at else ""
        print(f"  {b.location:16} {b.status:8} round {b.round}  {b.counter:12} {when}")
    done = sum(b.status == "counted" for b in bins)
    print(f"{done} of {len(bins)} bins counted.")
    return 0


def run_sheet(args: argparse.Namespace, ctx: CliContext) -> int:
    """Write the count sheet."""
    with ctx.database().read() as session:
        data = count_sheet_data(session, find_count(session, args.count).id)
    args.out.write_bytes(render_many(load_template("count-sheet"), [data], "pdf", 300))
    print(f"Count sheet of {data['count_no']} ({len(data['lines'])} lines) written to "
          f"{args.out}")
    return 0


def run_variances(args: argparse.Namespace, ctx: CliContext) -> int:
    """Print the variance list and the accuracy figures."""
    with ctx.database().read() as session:
        count = find_count(session, args.count)
        rows = variances(session, count.id, only_variances=args.only,
                         location_prefix=args.location, sku=args.only_sku)
        figures = accuracy(session, count.id)
    for v in rows:
        what = v.sku + (f" lot {v.lot}" if v.lot else "") + (f" s/n {v.serial}" if v.serial
                                                              else "")
        value = "" if v.value_impact is None else f"{v.value_impact:+.2f}"
        print(f"{v.location:16} {what:32} expected {v.expected:>6}  counted {v.counted:>6}  "
              f"variance {v.variance:+6d}  {value:>10}  {v.bin_status}")
    pct = "-" if figures.accuracy_pct is None else f"{figures.accuracy_pct} %"
    print(f"{len(rows)} lines. Accuracy {pct} over {figures.lines} lines of "
          f"{figures.bins_counted} bins; +{figures.units_gained} / -{figures.units_lost} "
          f"units, value {figures.net_value:+.2f} (shrinkage {figures.value_lost:.2f}).")
    return 0


def run_recount(args: argparse.Namespace, ctx: CliContext) -> int:
    """Send bins back for a recount."""
    actor = ctx.actor()
    codes = ctx.database().transact(lambda session: request_recount(
        session, actor, find_count(session, args.count).id, args.locations))
    print(f"Recount requested for {', '.join(codes)}.")
    return 0


def run_approve(args: argparse.Namespace, ctx: CliContext) -> int:
    """Approve a count and print what it posted."""
    actor = ctx.actor()
    result = ctx.database().transact(lambda session: approve_count(
        session, actor, find_count(session, args.count).id, note=args.note))
    print(result.message)
    if result.left_out:
        print(f"Not counted, left out: {', '.join(result.left_out[:20])}"
              + (" ..." if len(result.left_out) > 20 else ""))
    return 0


def run_cancel(args: argparse.Namespace, ctx: CliContext) -> int:
    """Cancel an open count."""
    actor = ctx.actor()
    code = ctx.database().transact(lambda session: cancel_count(
        session, actor, find_count(session, args.count).id).code)
    print(f"{code} cancelled; its bins can be counted again.")
    return 0


def run_report(args: argparse.Namespace, ctx: CliContext) -> int:
    """Write the count report."""
    with ctx.database().read() as session:
        data = count_report_data(session, find_count(session, args.count).id)
    args.out.write_bytes(render_many(load_template("count-report"), [data], "pdf", 300))
    print(f"Count report of {data['count_no']} ({len(data['lines'])} variances) written to "
          f"{args.out}")
    return 0
