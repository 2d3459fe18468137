"""What every floor workflow (receiving, putaway, transfers, and later picking, packing and
counting) shows its screen, and the calls every one of them answers.

A workflow is a Qt-free state machine that owns its database work: each call runs its own
transaction and changes the workflow's state only after it committed, so a call that failed
leaves the workflow as it was. Screens call it from the operation runner's worker thread (one
call at a time), then render `view()` and play the feedback's sound.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, Protocol

from models.errors import DatabaseError, WareDeskError
from models.feedback import Feedback

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from models.db import Database


@dataclass
class Outcome:
    """What one step of a workflow answers, and the change to the workflow's own state that
    `after` makes once the step's transaction has committed."""

    feedback: Feedback
    after: Callable[[], None] = lambda: None


@dataclass
class ScanRetry:
    """Runs a workflow's steps and remembers the scan whose answer a lost connection left in
    doubt (it may have committed): the same scan again reuses that scan's key, so it counts
    once."""

    #: What a lost answer promises: the scan is never "counted" (or "picked") twice.
    twice: Literal["counted", "picked"] = "counted"
    doubt: tuple[str, str] | None = None  # the raw scan and its key
    #: While a step runs: it is the scan in doubt again (a workflow without keys in the
    #: database compares what is stored with what it last saw).
    retrying: bool = False

    def key(self, raw: str, key: str | None) -> str:
        """The key for this scan: a batch line's own, the doubtful scan's, or a new one."""
        if key is not None:
            return key
        if self.doubt is not None and self.doubt[0] == raw:
            return self.doubt[1]
        return uuid.uuid4().hex

    def run(self, db: Database, work: Callable[[Session], Outcome], prompt: Callable[[], str],
            *, raw: str | None = None, key: str = "") -> Feedback:
        """Run one step in its own transaction; after the commit apply its state change and
        answer its feedback, or answer the error (the workflow unchanged; a refusal with
        `prompt`). `raw` is the scan (or typed answer) the step handles with `key`; None for a
        call that is none, whose lost answer leaves an earlier scan's doubt as it was."""
        self.retrying = self.doubt is not None and self.doubt[0] == raw
        try:
            outcome = db.transact(work)
        except DatabaseError as exc:
            if raw is not None:
                self.doubt = (raw, key)
            lost = (f"{exc} The scan may not have been saved: scan it again (it is never "
                    "picked twice)." if self.twice == "picked" else
                    f"{exc} The scan may not have been saved: scan it again (it is never "
                    "counted twice).")
            return Feedback.error(lost)
        except WareDeskError as exc:
            self.doubt = None
            return Feedback.error(str(exc), prompt())
        finally:
            self.retrying = False
        self.doubt = None
        outcome.after()
        return outcome.feedback


#: Typed digits up to this many are a quantity; longer ones are a barcode typed by hand.
QUANTITY_DIGITS = 5
MAX_TYPED_QTY = 99_999


def typed_quantity(text: str) -> int | None:
    """The whole number a worker typed, or None when the text is no quantity (an EAN-13
    typed by hand is a barcode, not a quantity)."""
    text = text.strip()
    if not text.isdigit() or len(text) > QUANTITY_DIGITS:
        return None
    return int(text)


@dataclass(frozen=True)
class FloorLine:
    """One row of a floor screen's list: a product with what is expected and what is done.
    `expected` is None when it is hidden (blind receiving) or not known (unplanned)."""

    sku: str
    name: str
    expected: int | None
    done: int
    damaged: int = 0
    detail: str = ""  # lot, expiry, bin... one short line
    current: bool = False  # the line the last scan touched


@dataclass(frozen=True)
class FloorView:
    """Everything a floor screen shows, as plain data."""

    title: str
    prompt: str  # what to scan or type next, in a few words
    lines: tuple[FloorLine, ...] = ()
    recent: tuple[str, ...] = ()  # the last scans, newest first, one line each
    current: str = ""  # the line in focus, in large type
    done_lines: int = 0
    total_lines: int = 0
    done_units: int = 0
    total_units: int | None = None  # None when hidden (blind) or unknown
    #: What typed entry is for now: "" (a quantity for the next scan, or a barcode typed by
    #: hand), or "lot", "expiry", "serial", "reason", "approval".
    asking: str = ""
    #: What the next scan carries: "Quantity 12", "Damaged".
    markers: tuple[str, ...] = ()
    finished: bool = False


class FloorWorkflow(Protocol):
    """The calls a floor screen makes; workflows add their own (undo, override...)."""

    def scan(self, raw: str, *, symbology: str | None = None) -> Feedback:
        """Handle one scan from a device."""
        ...

    def enter(self, text: str) -> Feedback:
        """Handle text typed at the keyboard and confirmed with Enter: what `view().asking`
        asks for, else a quantity for the next scan (digits) or a barcode typed by hand."""
        ...

    def cancel(self) -> Feedback:
        """Drop what is pending (a quantity, a question); changes no stock."""
        ...

    def view(self) -> FloorView:
        """The state to show now."""
        ...
