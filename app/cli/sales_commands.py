"""`waredesk shop add|list` and `waredesk order import|list|show` (the review commands of
`order` are in review_commands)."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli import carrier_commands, mapping_commands, review_commands, shipping_commands
from app.cli.context import CliContext
from app.cli.import_output import run_file_import
from app.cli.return_commands import print_returns
from models.entities import Platform
from models.plural import plural_s
from models.returns.order_returns import order_returns
from models.sales.order_import import OrderImportReport, import_sales_orders
from models.sales.order_views import order_by_number, order_lines, order_list
from models.sales.profiles import BUILTIN
from models.sales.review_views import order_reservations, order_trace
from models.sales.shipping_documents import recipient_address
from models.sales.shops import ShopInput, save_shop, shop_list


def register(commands: argparse._SubParsersAction) -> None:
    """Add this module's commands to the parser."""
    shop = commands.add_parser("shop", help="the shops sales orders come from")
    shop_commands = shop.add_subparsers(dest="shop_command", required=True, metavar="COMMAND")
    add = shop_commands.add_parser("add", help="create a shop (or rename an existing one)")
    add.add_argument("code", help="short code, e.g. TMALL-1")
    add.add_argument("name")
    add.add_argument("--platform", choices=list(Platform), required=True)
    add.add_argument("--phone", help="the sender's phone on its waybills (an existing "
                     "shop keeps its own unless given)")
    add.add_argument("--address", help="the return address on its waybills (default: the "
                     "shipping warehouse's; an existing shop keeps its own unless given)")
    add.set_defaults(run=run_shop_add)
    listing = shop_commands.add_parser("list", help="every shop")
    listing.set_defaults(run=run_shop_list)

    order = commands.add_parser("order", help="sales orders")
    order_commands = order.add_subparsers(dest="order_command", required=True,
                                          metavar="COMMAND")
    load = order_commands.add_parser(
        "import", help="import a shop's order export (.csv, .txt, .xlsx): all or nothing; "
        "every bad row is listed")
    load.add_argument("file", type=Path)
    load.add_argument("--shop", required=True, help="the shop the orders came from")
    load.add_argument("--profile", metavar="NAME",
                      help=f"the export's column layout: {', '.join(BUILTIN)} or a custom "
                      "mapping (default: recognised from the header)")
    load.add_argument("--dry-run", action="store_true",
                      help="check every row and report, save nothing")
    load.set_defaults(run=run_order_import)
    orders = order_commands.add_parser("list", help="sales orders, newest first")
    orders.add_argument("--shop", default="")
    orders.add_argument("--status", default="", help="e.g. new")
    orders.add_argument("--limit", type=int, default=1_000, metavar="N",
                        help="at most N orders (default 1000)")
    orders.set_defaults(run=run_order_list)
    show = order_commands.add_parser("show", help="one order: buyer, address, amounts, "
                                     "lines, status, reservations and review trace")
    show.add_argument("shop")
    show.add_argument("number")
    show.set_defaults(run=run_order_show)
    review_commands.register_order_commands(order_commands)
    carrier_commands.register_order_commands(order_commands)
    shipping_commands.register_order_commands(order_commands)
    mapping_commands.register_order_commands(order_commands)


def run_shop_add(args: argparse.Namespace, ctx: CliContext) -> int:
    """Create or rename a shop; a sender phone or address not given stays as it was."""
    db = ctx.database()
    actor = ctx.actor()
    code = args.code.strip().upper()
    with db.read() as session:
        known = {shop.code: shop for shop in shop_list(session)}.get(code)
        phone, address = (known.sender_phone, known.sender_address) if known else ("", "")
    data = ShopInput(code=code, name=args.name.strip(), platform=args.platform,
                     sender_phone=phone if args.phone is None else args.phone,
                     sender_address=address if args.address is None else args.address)
    db.transact(lambda s: save_shop(s, actor, data))
    print(f"Saved shop {data.code} ({data.platform}).")
    return 0


def run_shop_list(args: argparse.Namespace, ctx: CliContext) -> int:
    """Print every shop."""
    with ctx.database().read() as session:
        rows = [(s.code, s.platform, s.name, s.active) for s in shop_list(session)]
    for code, platform, name, active in rows:
        print(f"{code:16} {platform:10} {name}" + ("" if active else "  (inactive)"))
    return 0


def run_order_import(args: argparse.Namespace, ctx: CliContext) -> int:
    """Import a file; on bad rows list each on stdout and exit 2 having saved nothing."""
    db = ctx.database()
    actor = ctx.actor()
    report: OrderImportReport = run_file_import(
        db, lambda s, progress: import_sales_orders(
            s, actor, args.file, shop=args.shop, profile=args.profile, dry_run=args.dry_run,
            progress=progress))
    print(report.summary)
    for kept in report.kept:
        print(f"left alone: {kept}")
    return 0


def run_order_list(args: argparse.Namespace, ctx: CliContext) -> int:
    """Print the orders, newest first."""
    with ctx.database().read() as session:
        rows = order_list(session, shop=args.shop, status=args.status, limit=args.limit)
    for row in rows:
        print(f"{row.shop:12} {row.number:24} {row.status:8} "
              f"{row.ordered_at.astimezone():%Y-%m-%d %H:%M} {row.lines:3} "
              f"line{plural_s(row.lines):1} {row.units:4} unit{plural_s(row.units):1} "
              f"{row.paid_total:>10} {row.currency}  {row.recipient} {row.city}")
    return 0


def run_order_show(args: argparse.Namespace, ctx: CliContext) -> int:
    """Print one order with its lines."""
    with ctx.database().read() as session:
        order = order_by_number(session, args.shop, args.number)
        shop = order.shop.code
        lines = order_lines(session, order.id)
        reservations = order_reservations(session, order.id)
        trace = order_trace(session, order.id)
        back = order_returns(session, order.id)
        warehouse = order.warehouse.code if order.warehouse_id else ""
    address = recipient_address(order)
    ordered = order.ordered_at.astimezone()  # this computer's time zone
    paid = f", paid {order.paid_at.astimezone():%Y-%m-%d %H:%M}" if order.paid_at else ""
    print(f"{shop} {order.number}  {order.status}  ordered {ordered:%Y-%m-%d %H:%M %z}{paid}")
    print(f"Buyer: {order.buyer_name}  Ship to: {order.recipient} {order.phone} {address}")
    for label, note in (("Buyer note", order.buyer_note), ("Seller note", order.seller_note)):
        if note:
            print(f"{label}: {note}")
    print(f"Goods {order.goods_total}  shipping {order.shipping_fee}  discount "
          f"{order.discount}  paid {order.paid_total} {order.currency}")
    reason = order.exception_reason or order.hold_reason
    print(f"Status {order.status}" + (f": {reason}" if reason else "")
          + (f"  warehouse {warehouse}" if warehouse else "")
          + (f"  carrier {order.carrier}" if order.carrier else "")
          + (f" {order.tracking_number}" if order.tracking_number else "")
          + f"  priority {order.priority}"
          + (f"  tags {order.customer_tags}" if order.customer_tags else ""))
    print(f"{'#':>3} {'SKU':20} {'qty':>5} {'price':>10}  product   title")
    returned = back.per_line([(line.product_sku, line.qty) for line in lines])
    for line, n in zip(lines, returned, strict=True):
        product = line.product_sku or "(unknown)"
        print(f"{line.line_no:>3} {line.sku:20} {line.qty:>5} {line.unit_price:>10}  "
              f"{product:9} {line.title}" + (f"  returned {n}" if n else ""))
    if reservations:
        print("Reserved:")
    for held in reservations:
        lot = f" lot {held.lot}" if held.lot else ""
        expiry = f" exp {held.expiry}" if held.expiry else ""
        print(f"{held.line_no:>3} {held.sku:20} {held.qty:>5}  at {held.location}{lot}{expiry}")
    print_returns(back)
    if trace:
        print("Review trace:")
    for step in trace:
        who = f"{step.at.astimezone():%Y-%m-%d %H:%M} {step.kind} #{step.run_id} {step.user}"
        print(f"  {who}: " + (f"{step.rule}: " if step.rule else "") + step.effect)
    return 0
