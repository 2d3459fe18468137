"""`waredesk pack ORDER --weight KG [--number TRACKING]`: pack and ship a picked order whose
items were checked elsewhere (the weight is still checked, see models/packing/batch.py)."""

from __future__ import annotations

import argparse

from sqlalchemy.orm import Session

from app.cli.context import CliContext
from models.figures import plain
from models.packing.batch import Packed, pack_order
from models.packing.weights import parse_kg
from models.sales.review_views import find_orders


def register(commands: argparse._SubParsersAction) -> None:
    """Add `waredesk pack`."""
    pack = commands.add_parser("pack", help="weigh-check and ship a picked order whose items "
                               "were checked elsewhere")
    pack.add_argument("order", help="the order number")
    pack.add_argument("--shop", default="", help="the shop, where two shops have an order "
                      "of this number")
    pack.add_argument("--weight", required=True, metavar="KG", help="the parcel's weight")
    pack.add_argument("--number", metavar="TRACKING", help="the tracking number of a manual "
                      "carrier's waybill")
    pack.set_defaults(run=run_pack)


def run_pack(args: argparse.Namespace, ctx: CliContext) -> int:
    """Pack and ship the order."""
    weight = parse_kg(args.weight)
    actor = ctx.actor()

    def work(session: Session) -> Packed:
        (order_id,) = find_orders(session, [args.order], shop=args.shop)
        return pack_order(session, actor, order_id=order_id, weight_kg=weight,
                          typed=args.number)
    packed = ctx.database().transact(work)
    note = f" ({packed.note})" if packed.note else ""
    print(f"Order {packed.number} shipped: {packed.carrier} {packed.tracking}, "
          f"{plain(packed.weight_kg)} kg, expected {packed.expected}{note}.")
    return 0
