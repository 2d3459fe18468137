"""`waredesk printer add|list|status|remove|log|retry|reprint`: this workstation's printers
and the shared print log."""

from __future__ import annotations

import argparse
import sys

from app.cli.context import CliContext
from app.print_jobs.sending import Control, JobOutcome
from app.printer_profiles import DPIS, LANGUAGES, PrinterProfile, PrinterSettings
from devices.printers.status import State
from models.entities import JobStatus
from models.errors import InputError
from models.printjobs import log

#: Exit status of `printer status`: 0 ready, 1 a problem or offline, 3 unknown (no answer).
STATUS_EXIT = {State.READY: 0, State.BUSY: 0, State.PROBLEM: 1, State.OFFLINE: 1,
               State.UNKNOWN: 3}


def register(commands: argparse._SubParsersAction) -> None:
    """Add this module's commands to the parser, and --printer to `waredesk print`."""
    _send_print_to_printer(commands)
    printer = commands.add_parser("printer", help="this workstation's printers and the "
                                  "print log")
    sub = printer.add_subparsers(dest="printer_command", required=True, metavar="COMMAND")

    add = sub.add_parser("add", help="add or change a printer",
                         description="Add a printer (or change the one of that name). "
                         "ADDRESS: tcp://HOST[:9100], serial:PORT?baud=9600, queue:NAME, "
                         "folder:PATH.")
    add.add_argument("name")
    add.add_argument("address")
    add.add_argument("--language", choices=LANGUAGES, default="zpl")
    add.add_argument("--dpi", type=int, choices=DPIS, default=203)
    add.add_argument("--media", metavar="WxH", default="50x30",
                     help="label size in mm (default 50x30)")
    add.add_argument("--darkness", type=int, metavar="0-30",
                     help="print darkness (default: the printer's own)")
    add.add_argument("--offset-x", type=float, default=0.0, metavar="MM")
    add.add_argument("--offset-y", type=float, default=0.0, metavar="MM")
    add.add_argument("--copies", type=int, default=1, help="copies of each label")
    add.add_argument("--cjk-font", default="", metavar="FONT",
                     help="a printer font with Chinese glyphs (e.g. E:SIMSUN.TTF)")
    add.add_argument("--default", action="store_true", help="make it the default printer")
    add.set_defaults(run=run_add)

    sub.add_parser("list", help="list the printers").set_defaults(run=run_list)

    status = sub.add_parser("status", help="ask a printer how it is",
                            description="Exit status 0 ready, 1 problem or unreachable, "
                            "3 unknown (the printer did not answer).")
    status.add_argument("name", nargs="?", help="printer (default: the default printer)")
    status.add_argument("--timeout", type=float, default=2.0, metavar="SECONDS")
    status.set_defaults(run=run_status)

    remove = sub.add_parser("remove", help="remove a printer")
    remove.add_argument("name")
    remove.set_defaults(run=run_remove)

    show = sub.add_parser("log", help="the newest print jobs")
    show.add_argument("--limit", type=int, default=20)
    show.add_argument("--here", action="store_true", help="only this workstation's jobs")
    show.set_defaults(run=run_log)

    retry = sub.add_parser("retry", help="send the rest of a failed or cancelled job")
    retry.add_argument("job", type=int)
    retry.set_defaults(run=run_retry)

    reprint = sub.add_parser("reprint", help="print a logged job again")
    reprint.add_argument("job", type=int)
    reprint.add_argument("--printer", help="another printer (default: the job's)")
    reprint.add_argument("--copies", type=int)
    reprint.set_defaults(run=run_reprint)


def _send_print_to_printer(commands: argparse._SubParsersAction) -> None:
    """`print TEMPLATE --data F.json --printer NAME` sends the labels through the print log
    instead of writing a file (print_commands registers `print` before this module)."""
    parser = commands.choices.get("print")
    if parser is None:
        return
    parser.add_argument("--printer", nargs="?", const="", metavar="NAME",
                        help="send to this workstation's printer NAME (alone: the default "
                        "printer), logged in the print log")
    parser.add_argument("--copies", type=int, metavar="N",
                        help="with --printer: copies of each label (default: the printer's)")
    write_file = parser.get_default("run")

    def run(args: argparse.Namespace, ctx: CliContext) -> int:
        if args.printer is None:
            return write_file(args, ctx)
        return run_print_to_printer(args, ctx)

    parser.set_defaults(run=run)


def run_print_to_printer(args: argparse.Namespace, ctx: CliContext) -> int:
    """Print a template's rows on a printer, through the print log."""
    from app.cli.print_commands import read_rows
    from app.print_jobs.service import print_labels
    from printing.templates import load_template

    if args.template in ("list", "samples") or args.out is not None:
        raise InputError("--printer sends one template's labels; it goes without --out, "
                         "list and samples.")
    profile = PrinterSettings.of(ctx.settings).find(args.printer)
    if args.format not in (None, profile.language) or args.dpi not in (203, profile.dpi):
        raise InputError(f"Printer {profile.name} takes {profile.language.upper()} at "
                         f"{profile.dpi} dpi: leave out --format and --dpi.")
    if args.copies is not None and not 1 <= args.copies <= 999:
        raise InputError("--copies is 1 to 999.")
    rows = read_rows(args, load_template(args.template))
    outcome = print_labels(ctx.database(), ctx.actor(), template=args.template, rows=rows,
                           printer=profile, copies=args.copies, control=terminal_progress())
    return report(outcome)


def _media(text: str) -> tuple[float, float]:
    width, _, height = text.lower().partition("x")
    try:
        return float(width), float(height)
    except ValueError:
        raise InputError(f"--media is WIDTHxHEIGHT in mm (for example 100x150), not "
                         f"'{text}'.") from None


def run_add(args: argparse.Namespace, ctx: CliContext) -> int:
    """Add or replace a printer profile."""
    width, height = _media(args.media)
    printers = PrinterSettings.of(ctx.settings)
    profile = PrinterProfile(
        name=args.name.strip(), address=args.address, language=args.language, dpi=args.dpi,
        media_width_mm=width, media_height_mm=height, darkness=args.darkness,
        offset_x_mm=args.offset_x, offset_y_mm=args.offset_y, copies=args.copies,
        cjk_font=args.cjk_font)
    printers.put(profile)
    if args.default:
        printers.default = profile.name
    printers.store(ctx.settings)
    ctx.settings.save()
    print(f"Printer {profile.name}: {profile.language.upper()} {profile.dpi} dpi at "
          f"{profile.target()}.")
    return 0


def run_list(args: argparse.Namespace, ctx: CliContext) -> int:
    """Print the printers, the default one marked."""
    printers = PrinterSettings.of(ctx.settings)
    if not printers.profiles:
        print("No printers. Add one: waredesk printer add NAME ADDRESS --language zpl")
        return 0
    for p in printers.profiles:
        mark = "*" if p.name == printers.default else " "
        print(f"{mark} {p.name:20} {p.language:4} {p.dpi} dpi  {p.media_width_mm:g}x"
              f"{p.media_height_mm:g} mm  {p.address}")
    return 0


def run_status(args: argparse.Namespace, ctx: CliContext) -> int:
    """Ask the printer; the exit status tells ready, problem or unknown."""
    from app.print_jobs.service import printer_status

    profile = PrinterSettings.of(ctx.settings).find(args.name)
    status = printer_status(profile, timeout=args.timeout)
    print(f"{profile.name}: {status}")
    if status.labels_remaining:
        print(f"  labels remaining in the batch: {status.labels_remaining}")
    return STATUS_EXIT[status.state]


def run_remove(args: argparse.Namespace, ctx: CliContext) -> int:
    """Remove a printer profile."""
    printers = PrinterSettings.of(ctx.settings)
    removed = printers.remove(args.name)
    printers.store(ctx.settings)
    ctx.settings.save()
    print(f"Removed printer {removed.name}.")
    return 0


def run_log(args: argparse.Namespace, ctx: CliContext) -> int:
    """Print the newest jobs."""
    with ctx.database().read() as session:
        jobs = log.job_log(session, limit=args.limit,
                           workstation=ctx.settings.workstation if args.here else None)
    if not jobs:
        print("The print log is empty.")
    for job in jobs:
        when = job.created_at.astimezone().strftime("%Y-%m-%d %H:%M")
        line = (f"{job.id:6}  {when}  {job.status:9} {job.rows_sent:>5}/{job.row_count:<5} "
                f"x{job.copies}  {job.template:18} {job.printer:14} {job.username}@"
                f"{job.workstation}")
        print(line + (f"  — {job.error}" if job.error else ""))
    return 0


def run_retry(args: argparse.Namespace, ctx: CliContext) -> int:
    """Retry a failed or cancelled job."""
    from app.print_jobs.service import retry_job

    outcome = retry_job(ctx.database(), args.job, PrinterSettings.of(ctx.settings),
                        control=terminal_progress())
    return report(outcome)


def run_reprint(args: argparse.Namespace, ctx: CliContext) -> int:
    """Reprint a logged job as a new job."""
    from app.print_jobs.service import reprint_job

    outcome = reprint_job(ctx.database(), ctx.actor(), args.job,
                          PrinterSettings.of(ctx.settings), printer=args.printer,
                          copies=args.copies, control=terminal_progress())
    return report(outcome)


def terminal_progress() -> Control:
    """Progress on standard error while a batch goes out (when it is a terminal)."""
    def show(done: int, total: int) -> None:
        if sys.stderr.isatty() and total > 1:
            print(f"\r{done}/{total} labels sent", end="" if done < total else "\n",
                  file=sys.stderr, flush=True)
    return Control(report=show)


def report(outcome: JobOutcome) -> int:
    """Say how a job ended: exit 0 when sent, 1 otherwise (one line on stderr)."""
    if outcome.status is JobStatus.SENT:
        print(outcome)
        return 0
    print(f"waredesk: {outcome}", file=sys.stderr)
    return 1
