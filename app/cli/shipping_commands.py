"""`waredesk order waybill` and `waredesk order slip`: an order's waybill (to a label printer
or a file) and its packing slip (A4 PDF); `waredesk order ship-export`: the shipped orders
with their tracking numbers in the shop's platform upload format."""

from __future__ import annotations

import argparse
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

from app.cli.context import CliContext
from app.cli.label_output import add_output_options, write_or_print
from models.errors import InputError
from models.plural import plural_s
from models.sales.review_views import find_orders
from models.sales.ship_export import export_shipped
from models.sales.shipping_documents import packing_slip_data, waybill_data
from printing.render import render_many
from printing.templates import load_template

WAYBILLS = ("waybill-100x150", "waybill-76x130")


def register_order_commands(orders: argparse._SubParsersAction) -> None:
    """Add `waredesk order waybill|slip`."""
    waybill = orders.add_parser("waybill", help="an order's waybill (it needs its tracking "
                                "number: `order tracking`)")
    waybill.add_argument("order", help="the order number")
    waybill.add_argument("--shop", default="", help="the shop, where two shops have an order "
                         "of this number")
    waybill.add_argument("--size", choices=WAYBILLS, default=WAYBILLS[0])
    waybill.add_argument("--weight", metavar="KG", help="the weighed parcel (default: the "
                         "products' weights)")
    add_output_options(waybill)
    waybill.set_defaults(run=run_waybill)
    slip = orders.add_parser("slip", help="an order's packing slip as A4 PDF")
    slip.add_argument("order")
    slip.add_argument("--shop", default="")
    slip.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")
    slip.set_defaults(run=run_slip)
    export = orders.add_parser("ship-export", help="shipped orders with their tracking "
                               "numbers, in the shop's platform upload format")
    export.add_argument("--shop", required=True, help="the shop's code")
    export.add_argument("--since", type=date.fromisoformat, metavar="YYYY-MM-DD",
                        help="only orders shipped on or after this day")
    export.add_argument("--out", type=Path, required=True, metavar="FILE.csv")
    export.set_defaults(run=run_ship_export)


def _weight(text: str | None) -> Decimal | None:
    if text is None:
        return None
    try:
        weight = Decimal(text)
    except InvalidOperation:
        raise InputError(f"--weight is in kg, e.g. 1.25, not '{text}'.") from None
    if not weight > 0:
        raise InputError("--weight must be more than zero.")
    return weight


def run_waybill(args: argparse.Namespace, ctx: CliContext) -> int:
    """Write or print the order's waybill."""
    weight = _weight(args.weight)
    with ctx.database().read() as session:
        (order_id,) = find_orders(session, [args.order], shop=args.shop)
        values = waybill_data(session, order_id, today=date.today(), weight_kg=weight)
    return write_or_print(ctx, args, args.size, [values])


def run_slip(args: argparse.Namespace, ctx: CliContext) -> int:
    """Write the order's packing slip."""
    if args.out.suffix.lower() != ".pdf":
        raise InputError("--out must end in .pdf.")
    with ctx.database().read() as session:
        (order_id,) = find_orders(session, [args.order], shop=args.shop)
        values = packing_slip_data(session, order_id)
    args.out.write_bytes(render_many(load_template("packing-slip"), [values], "pdf", 300))
    print(f"Packing slip of {args.order} written to {args.out}")
    return 0


def run_ship_export(args: argparse.Namespace, ctx: CliContext) -> int:
    """Write the shop's shipped orders for upload to its platform."""
    actor = ctx.actor()
    count = ctx.database().transact(
        lambda s: export_shipped(s, actor, args.shop, args.out, since=args.since))
    print(f"{count} shipped order{plural_s(count)} of {args.shop.upper()} written to "
          f"{args.out}")
    return 0
