"""Entry point of `waredesk`: no arguments opens the app; subcommands do one job each.

Exit status: 0 done, 1 failed, 2 bad input. Errors are one line on stderr, never a traceback
(the traceback of an unexpected error goes to the log file).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence

from sqlalchemy.exc import DBAPIError

from app.cli import (
    carrier_commands,
    count_commands,
    data_commands,
    database_commands,
    demo_commands,
    location_commands,
    pack_commands,
    print_commands,
    printer_commands,
    purchasing_commands,
    receiving_commands,
    return_commands,
    review_commands,
    sales_commands,
    scan_commands,
    sim_commands,
    user_commands,
    wave_commands,
)
from app.cli.context import CliContext
from app.logs import setup_logging
from models.db.failures import describe_failure
from models.db.url import describe_url
from models.errors import WareDeskError

COMMAND_MODULES = [database_commands, user_commands, location_commands, data_commands,
                   purchasing_commands, receiving_commands, count_commands, sales_commands,
                   review_commands, carrier_commands, wave_commands, pack_commands,
                   return_commands,
                   demo_commands, scan_commands, sim_commands,
                   print_commands, printer_commands]  # printer adds --printer to print

log = logging.getLogger(__name__)


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser."""
    parser = argparse.ArgumentParser(
        prog="waredesk", description="WareDesk warehouse workstation. With no command, "
        "opens the app.")
    parser.add_argument("--db", metavar="URL", help="database: a SQLite file or "
                        "postgresql://user@host/db (default: WAREDESK_DB_URL, the settings, "
                        "or the embedded database)")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMAND_MODULES:
        module.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    log_file = setup_logging()
    ctx: CliContext | None = None
    try:
        ctx = CliContext(args.db)
        if args.command is None:
            from app.gui import run_gui  # Qt is loaded only for the window

            return run_gui(ctx)
        return args.run(args, ctx)
    except WareDeskError as exc:
        print(f"waredesk: {exc}", file=sys.stderr)
        return exc.exit_code
    except DBAPIError as exc:
        where = describe_url(ctx.url) if ctx is not None else "database"
        print(f"waredesk: {describe_failure(exc, where)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("waredesk: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # Whoever read our output stopped early (`| head`): nothing failed here. Point stdout
        # at devnull so the interpreter's final flush does not raise again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as exc:
        log.exception("unexpected error")
        print(f"waredesk: unexpected error: {type(exc).__name__}: {exc} "
              f"(details in {log_file})", file=sys.stderr)
        return 1
    finally:
        if ctx is not None:
            ctx.close()


if __name__ == "__main__":
    sys.exit(main())
