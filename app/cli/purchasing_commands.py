"""`waredesk supplier add|list` and `waredesk po import|list|show|close|print`."""

from __future__ import annotations

import argparse
from pathlib import Path

from sqlalchemy.orm import Session

from app.cli.context import CliContext
from app.cli.import_output import run_file_import
from app.ops.purchasing import order_pdf
from models.entities import BeyondTolerance, PoStatus
from models.masterdata.import_report import ImportReport
from models.purchasing.order_import import import_orders
from models.purchasing.order_views import order_list, order_view
from models.purchasing.orders import close_order, order_by_number, reopen_order
from models.purchasing.suppliers import SupplierInput, save_supplier, supplier_list


def register(commands: argparse._SubParsersAction) -> None:
    """Add this module's commands to the parser."""
    supplier = commands.add_parser("supplier", help="suppliers goods are bought from")
    sup_commands = supplier.add_subparsers(dest="supplier_command", required=True,
                                           metavar="COMMAND")
    add = sup_commands.add_parser("add", help="create a supplier")
    add.add_argument("code", help="short code, e.g. HZT")
    add.add_argument("name")
    add.add_argument("--tolerance", type=int, default=0, metavar="PCT",
                     help="units up to PCT%% over the ordered quantity are taken with a "
                     "warning (default 0)")
    add.add_argument("--beyond", choices=list(BeyondTolerance), default=BeyondTolerance.BLOCK,
                     help="beyond the tolerance: warn, or block until a supervisor approves "
                     "(default block)")
    for name in ("contact", "phone", "email", "address"):
        add.add_argument(f"--{name}", default="")
    add.set_defaults(run=run_supplier_add)
    listing = sup_commands.add_parser("list", help="every supplier")
    listing.set_defaults(run=run_supplier_list)

    po = commands.add_parser("po", help="purchase orders")
    po_commands = po.add_subparsers(dest="po_command", required=True, metavar="COMMAND")
    load = po_commands.add_parser(
        "import", help="create or update purchase orders from a .csv or .xlsx file, one row "
        "per line (all or nothing; every bad row is listed)")
    load.add_argument("file", type=Path)
    load.add_argument("--dry-run", action="store_true",
                      help="check every row and report, save nothing")
    load.set_defaults(run=run_po_import)
    orders = po_commands.add_parser("list", help="purchase orders, newest first")
    orders.add_argument("--status", choices=list(PoStatus))
    orders.add_argument("--search", default="", help="number or supplier")
    orders.set_defaults(run=run_po_list)
    for name, text, run in (("show", "an order's lines: ordered and received", run_po_show),
                            ("close", "short-close an order: nothing more is expected",
                             run_po_close),
                            ("reopen", "open a closed order again", run_po_reopen)):
        command = po_commands.add_parser(name, help=text)
        command.add_argument("number", help="e.g. PO-2026-0001 or 2026-0001")
        command.set_defaults(run=run)
    printed = po_commands.add_parser("print", help="write the purchase order as PDF")
    printed.add_argument("number")
    printed.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")
    printed.set_defaults(run=run_po_print)


def run_supplier_add(args: argparse.Namespace, ctx: CliContext) -> int:
    """Create a supplier."""
    db = ctx.database()
    actor = ctx.actor()
    data = SupplierInput(code=args.code.strip(), name=args.name.strip(),
                         contact=args.contact, phone=args.phone, email=args.email,
                         address=args.address, over_receipt_pct=args.tolerance,
                         over_receipt_beyond=args.beyond)
    db.transact(lambda s: save_supplier(s, actor, data))
    print(f"Created supplier {data.code}.")
    return 0


def run_supplier_list(args: argparse.Namespace, ctx: CliContext) -> int:
    """Print every supplier."""
    with ctx.database().read() as session:
        rows = supplier_list(session)
    for row in rows:
        rule = f"+{row.over_receipt_pct}% then {row.over_receipt_beyond}"
        state = "" if row.active else "  (inactive)"
        print(f"{row.code:12} {row.name:40} {rule:18} {row.phone}{state}")
    return 0


def run_po_import(args: argparse.Namespace, ctx: CliContext) -> int:
    """Import a file; on bad rows list each on stdout and exit 2 having saved nothing."""
    db = ctx.database()
    actor = ctx.actor()
    report: ImportReport = run_file_import(
        db, lambda s, progress: import_orders(s, actor, args.file, dry_run=args.dry_run,
                                              progress=progress))
    if report.dry_run:
        print(f"{report.file}: {report.rows} rows; would create {report.created} orders and "
              f"update {report.updated} (dry run, nothing saved).")
    else:
        print(f"{report.file}: {report.rows} rows; created {report.created} orders, updated "
              f"{report.updated}.")
    return 0


def run_po_list(args: argparse.Namespace, ctx: CliContext) -> int:
    """Print the orders, newest first."""
    with ctx.database().read() as session:
        rows, after = [], None
        while page := order_list(session, args.search, status=args.status or "", after=after):
            rows.extend(page)
            after = page[-1].key
    for row in rows:
        expected = row.expected_date.isoformat() if row.expected_date else "-"
        print(f"{row.code:20} {row.status:16} {row.supplier:10} {row.warehouse:6} "
              f"{expected:10} {row.lines:3} lines {row.received:>6}/{row.ordered} received")
    return 0


def run_po_show(args: argparse.Namespace, ctx: CliContext) -> int:
    """Print one order with its lines: ordered and received."""
    with ctx.database().read() as session:
        view = order_view(session, order_by_number(session, args.number).id)
    expected = view.expected_date.isoformat() if view.expected_date else "-"
    print(f"{view.code}  {view.status}  supplier {view.supplier} {view.supplier_name}  "
          f"warehouse {view.warehouse}  expected {expected}")
    if view.note:
        print(f"Note: {view.note}")
    print(f"{'#':>3} {'SKU':20} {'ordered':>8} {'received':>8}  product")
    for line in view.lines:
        print(f"{line.line_no:>3} {line.sku:20} {line.qty:>8} {line.received:>8}  "
              f"{line.name}")
    return 0


def run_po_close(args: argparse.Namespace, ctx: CliContext) -> int:
    """Short-close an order."""
    db = ctx.database()
    actor = ctx.actor()
    code = db.transact(lambda s: close_order(s, actor, order_by_number(s, args.number).id).code)
    print(f"Closed {code}: nothing more is expected against it.")
    return 0


def run_po_reopen(args: argparse.Namespace, ctx: CliContext) -> int:
    """Open a closed order again."""
    db = ctx.database()
    actor = ctx.actor()

    def reopen(session: Session) -> tuple[str, str]:
        order = reopen_order(session, actor, order_by_number(session, args.number).id)
        return order.code, order.status
    code, status = db.transact(reopen)
    print(f"Reopened {code} ({status}).")
    return 0


def run_po_print(args: argparse.Namespace, ctx: CliContext) -> int:
    """Write the purchase order PDF."""
    with ctx.database().read() as session:
        order = order_by_number(session, args.number)
        code, output = order.code, order_pdf(session, order.id)
    args.out.write_bytes(output)
    print(f"Purchase order {code} written to {args.out}")
    return 0
