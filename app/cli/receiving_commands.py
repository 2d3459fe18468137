"""`waredesk receive replay|finish|report|labels`: batch-scanner files into a receipt, finishing
it, its discrepancy report as PDF, and its labels by rule."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli.context import CliContext
from app.cli.label_output import add_output_options, check_output, write_or_print
from models.errors import InputError
from models.feedback import Level
from models.receiving import ReceivingWorkflow, discrepancy_data
from models.receiving.batch_file import read_batch_file, replay
from models.receiving.finishing import summarize
from models.receiving.labels import LabelRule, label_rows
from models.receiving.receipts import find_receipt
from printing.render import render_many
from printing.templates import load_template

MARKS = {Level.OK: "ok", Level.WARNING: "warning", Level.ERROR: "ERROR"}


def register(commands: argparse._SubParsersAction) -> None:
    """Add this module's commands to the parser."""
    parser = commands.add_parser("receive", help="receiving: batch-scanner files, finishing, "
                                 "discrepancy report, labels")
    sub = parser.add_subparsers(dest="receive_command", metavar="ACTION", required=True)
    play = sub.add_parser("replay", help="replay a batch-scanner file (code[,qty] per line) "
                          "into a receipt, with a result per line")
    play.add_argument("file", type=Path)
    target = play.add_mutually_exclusive_group(required=True)
    target.add_argument("--order", metavar="PO", help="the purchase order (PO-2026-0001)")
    target.add_argument("--unplanned", metavar="REASON", help="a receipt without an order")
    play.add_argument("--supplier", metavar="CODE", help="with --unplanned: who delivered")
    play.add_argument("--blind", action="store_true", help="a new receipt is blind")
    play.add_argument("--finish", action="store_true", help="finish the receipt afterwards")
    play.set_defaults(run=run_replay)
    finish = sub.add_parser("finish", help="finish the open receipt of a purchase order")
    finish.add_argument("order", metavar="PO")
    finish.set_defaults(run=run_finish)
    report = sub.add_parser("report", help="a receipt's discrepancy report as PDF")
    report.add_argument("receipt", metavar="REC-N|PO")
    report.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")
    report.set_defaults(run=run_report)
    labels = sub.add_parser("labels", help="labels for what a receipt brought in")
    labels.add_argument("receipt", metavar="REC-N|PO")
    labels.add_argument("--rule", choices=[r.value for r in LabelRule], default="unit",
                        help="a label per unit, per case scanned, or per lot (default unit)")
    add_output_options(labels)
    labels.set_defaults(run=run_labels)


def run_replay(args: argparse.Namespace, ctx: CliContext) -> int:
    """Replay a batch file; exit 1 when any line was refused."""
    fingerprint, lines = read_batch_file(args.file)
    flow = ReceivingWorkflow(ctx.database(), ctx.actor(), blind=args.blind)
    opened = (flow.open_order(args.order) if args.order else
              flow.start_unplanned(reason=args.unplanned, supplier_code=args.supplier))
    if opened.level is Level.ERROR:
        raise InputError(opened.message)
    print(opened.message)
    results = replay(flow, lines, fingerprint=fingerprint)
    for result in results:
        print(f"line {result.line.line_no:>5}  {MARKS[result.level]:7}  {result.line.code}  "
              f"{result.message}")
    refused = sum(r.level is Level.ERROR for r in results)
    print(f"{len(results)} lines: {len(results) - refused} received, {refused} refused.")
    if args.finish:
        print(flow.finish().message)
    return 1 if refused else 0


def run_finish(args: argparse.Namespace, ctx: CliContext) -> int:
    """Finish the open receipt of an order and print its summary."""
    flow = ReceivingWorkflow(ctx.database(), ctx.actor())
    opened = flow.open_order(args.order)
    if opened.level is Level.ERROR:
        raise InputError(opened.message)
    summary = flow.finish()
    for line in summary.lines:
        ordered = "-" if line.ordered is None else str(line.ordered)
        print(f"{line.sku:24} ordered {ordered:>6}  received {line.received:>6}  "
              f"damaged {line.damaged:>4}  difference {line.difference:+d}")
    print(f"{summary.message}; {summary.order or summary.receipt} is {summary.status}.")
    return 0


def run_report(args: argparse.Namespace, ctx: CliContext) -> int:
    """Write a receipt's discrepancy report."""
    with ctx.database().read() as session:
        summary = summarize(session, find_receipt(session, args.receipt))
    template = load_template("receiving-discrepancy")
    args.out.write_bytes(render_many(template, [discrepancy_data(summary)], "pdf", 300))
    print(f"Discrepancy report of {summary.receipt} ({len(summary.discrepancies)} "
          f"discrepancies) written to {args.out}")
    return 0


def run_labels(args: argparse.Namespace, ctx: CliContext) -> int:
    """Write or print a receipt's labels."""
    check_output(args)
    with ctx.database().read() as session:
        name, rows, notes = label_rows(session, find_receipt(session, args.receipt),
                                       LabelRule(args.rule))
    for note in notes:
        print(f"no label: {note}")
    if not rows:
        raise InputError("This receipt has nothing to label by that rule.")
    return write_or_print(ctx, args, name, rows)
