"""`waredesk carrier add|list|range|import` and `waredesk order tracking`."""

from __future__ import annotations

import argparse
from pathlib import Path

from sqlalchemy.orm import Session

from app.cli.context import CliContext
from app.cli.import_output import run_file_import
from models.carriers.carriers import add_carrier, list_carriers, set_upload_name
from models.carriers.check_digits import RULES
from models.carriers.ranges import RangeInput, add_range, import_ranges
from models.carriers.tracking import NumberNeeded, assign_tracking
from models.entities import CarrierKind
from models.errors import InputError
from models.sales.review_views import find_orders


def register(commands: argparse._SubParsersAction) -> None:
    """Add this module's commands to the parser."""
    carrier = commands.add_parser("carrier", help="carriers and their tracking numbers")
    sub = carrier.add_subparsers(dest="carrier_command", required=True, metavar="COMMAND")
    add = sub.add_parser("add", help="set up a carrier")
    add.add_argument("code", help="the code orders and review rules use, e.g. EMS, SF, DHL")
    add.add_argument("name")
    add.add_argument("--kind", choices=list(CarrierKind), required=True,
                     help="pool: numbers from ranges the carrier sent; manual: typed or "
                     "scanned from the carrier's own waybill")
    add.add_argument("--check", choices=list(RULES), default="none",
                     help="the numbers' check-digit rule (s10: EMS and postal services; mod7: "
                     "DHL Express; mod10: USPS; ups: 1Z numbers; default none)")
    add.add_argument("--upload-name", default="", metavar="NAME",
                     help="the carrier as Taobao, JD, Pinduoduo and Douyin's bulk-shipping "
                     "uploads name it, e.g. 顺丰速运, 中通快递 (default: its name)")
    add.set_defaults(run=run_add)
    rename = sub.add_parser("upload-name", help="name a carrier as the platforms' "
                            "bulk-shipping uploads do (order ship-export writes it)")
    rename.add_argument("code")
    rename.add_argument("upload_name", metavar="NAME", help="e.g. 顺丰速运, 中通快递, 圆通速递, "
                        "韵达快递, 申通快递, EMS, 京东物流; \"\" for the carrier's own name")
    rename.set_defaults(run=run_upload_name)
    sub.add_parser("list", help="carriers and the tracking numbers they have left") \
        .set_defaults(run=run_list)
    one = sub.add_parser("range", help="add a range of tracking numbers to a pool carrier")
    one.add_argument("code")
    one.add_argument("--prefix", default="", help="letters before the serial, e.g. EA")
    one.add_argument("--first", required=True, help="the first serial, e.g. 10000000")
    one.add_argument("--last", required=True, help="the last serial, e.g. 10009999")
    one.add_argument("--suffix", default="", help="letters after the check digit, e.g. CN")
    one.set_defaults(run=run_range)
    load = sub.add_parser("import", help="add the ranges of a .csv or .xlsx file (columns "
                          "prefix, first, last, suffix; all or nothing)")
    load.add_argument("code")
    load.add_argument("file", type=Path)
    load.set_defaults(run=run_import)


def register_order_commands(orders: argparse._SubParsersAction) -> None:
    """Add `waredesk order tracking`."""
    tracking = orders.add_parser("tracking", help="give an approved order its tracking "
                                 "number from its carrier (or show the one it has)")
    tracking.add_argument("order", help="the order number")
    tracking.add_argument("--shop", default="", help="the shop, where two shops have an "
                          "order of this number")
    tracking.add_argument("--number", help="the number on a manual carrier's waybill")
    tracking.set_defaults(run=run_order_tracking)


def run_add(args: argparse.Namespace, ctx: CliContext) -> int:
    """Set up a carrier."""
    db, actor = ctx.database(), ctx.actor()
    db.transact(lambda s: add_carrier(s, actor, code=args.code, name=args.name,
                                      kind=args.kind, check_rule=args.check,
                                      upload_name=args.upload_name))
    print(f"Carrier {args.code.strip().upper()}: {args.kind}, check digits {args.check}.")
    return 0


def run_upload_name(args: argparse.Namespace, ctx: CliContext) -> int:
    """Set the name the platforms' uploads know the carrier by."""
    db, actor = ctx.database(), ctx.actor()

    def named(session: Session) -> str:
        carrier = set_upload_name(session, actor, code=args.code, upload_name=args.upload_name)
        return f"Carrier {carrier.code} is '{carrier.upload_name or carrier.name}' in the " \
            "platforms' uploads."
    print(db.transact(named))
    return 0


def run_list(args: argparse.Namespace, ctx: CliContext) -> int:
    """Print the carriers."""
    with ctx.database().read() as session:
        rows = list_carriers(session)
    if not rows:
        print("No carriers yet: add one with `waredesk carrier add`.")
    for row in rows:
        left = f"{row.numbers_left:,} numbers left" if row.kind == CarrierKind.POOL else ""
        state = "" if row.active else "not in use"
        upload = f"  (uploads: {row.upload_name})" if row.upload_name else ""
        print(f"{row.code:<10} {row.kind:<7} {row.check_rule:<6} {row.name}{upload}  "
              f"{left}{state}")
    return 0


def run_range(args: argparse.Namespace, ctx: CliContext) -> int:
    """Add one range."""
    db, actor = ctx.database(), ctx.actor()
    spec = RangeInput(args.prefix, args.first, args.last, args.suffix)

    def added(session: Session) -> int:
        numbers = add_range(session, actor, carrier=args.code, spec=spec)
        return numbers.last_serial - numbers.first_serial + 1

    count = db.transact(added)
    print(f"Added {count:,} tracking numbers to {args.code.strip().upper()}.")
    return 0


def run_import(args: argparse.Namespace, ctx: CliContext) -> int:
    """Add the ranges of a file."""
    db, actor = ctx.database(), ctx.actor()
    report = run_file_import(db, lambda s, _progress: import_ranges(
        s, actor, carrier=args.code, path=args.file))
    print(f"{report.file}: {report.created} ranges added to {args.code.strip().upper()}.")
    return 0


def run_order_tracking(args: argparse.Namespace, ctx: CliContext) -> int:
    """Print the order's tracking number, given out now if it had none."""
    db, actor = ctx.database(), ctx.actor()

    def given(session: Session) -> str:
        (order_id,) = find_orders(session, [args.order], shop=args.shop)
        return assign_tracking(session, actor, order_id=order_id, typed=args.number)

    try:
        print(db.transact(given))
    except NumberNeeded as needed:  # the screen's "scan or type" has no scanner here
        raise InputError(f"{needed.carrier} hands out no numbers: give the waybill's number "
                         "with --number.") from None
    return 0
