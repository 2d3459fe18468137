"""What every `… import FILE` command shows: a progress line on a terminal, and on bad rows
each one on stdout before the one-line error."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy.orm import Session

from models.db import Database
from models.masterdata.import_report import ImportFailed, ImportProgress

R = TypeVar("R")


def show_progress(rows: int) -> None:
    """Rows read so far, over the same terminal line."""
    if sys.stderr.isatty():
        print(f"\r{rows:,} rows…", end="", file=sys.stderr, flush=True)


def progress_done() -> None:
    """End the progress line."""
    if sys.stderr.isatty():
        print(file=sys.stderr)


def run_file_import(db: Database, work: Callable[[Session, ImportProgress], R]) -> R:
    """Run an import in one transaction (never retried: it may be long); on bad rows list
    each on stdout and re-raise, having saved nothing."""
    try:
        result = db.transact(lambda session: work(session, show_progress), attempts=1)
    except ImportFailed as failure:
        progress_done()
        for error in failure.report.errors:
            print(error)
        raise
    progress_done()
    return result
