"""Returns without the screen (`waredesk return receive|replay`): a parcel's items, or a
batch scanner's file of parcels and items, through the same workflow as live scans, then
every unit received given one disposition and reason (the clerk's decision for the lot)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from models.entities import ReturnStepKind
from models.errors import InputError
from models.feedback import Feedback, Level
from models.receiving.batch_file import ReplayResult, read_batch_file, replay
from models.returns.workflow import ReturnsWorkflow

__all__ = ["ReplayResult", "dispose_waiting", "parse_item", "receive", "replay_file"]


def parse_item(text: str) -> tuple[str, int]:
    """`CODE` or `CODE:QTY` from the command line."""
    code, _, qty = text.strip().rpartition(":") if ":" in text else (text.strip(), "", "1")
    if not code or not qty.isdigit() or int(qty) < 1:
        raise InputError(f"'{text}' is no item: give its barcode, with :2 after it for two.")
    return code, int(qty)


def receive(flow: ReturnsWorkflow, parcel: str, items: Sequence[tuple[str, int]],
            said: Callable[[Feedback], None]) -> None:
    """Open the parcel's order and receive its items, each answer handed to `said`; every
    item is checked first, and one refusal (InputError naming each) receives none of them:
    the clerk puts the parcel right and gives it again."""
    said(_accepted(flow.open(parcel)))
    refusals = flow.check(items)
    if refusals:
        raise InputError("\n".join([*refusals, "Nothing of the parcel was received."]))
    for code, qty in items:
        if qty != 1:
            _accepted(flow.enter(str(qty)))
        said(_accepted(flow.scan(code)))


def dispose_waiting(flow: ReturnsWorkflow, kind: ReturnStepKind, reason: str, *,
                    bin_code: str = "") -> list[Feedback]:
    """Give every unit waiting in the open return this disposition and reason (restock to
    `bin_code`, or to each product's suggested bin)."""
    answers = []
    state = flow.state
    while state is not None and state.waiting is not None:
        _accepted(flow.choose(kind))
        answer = _accepted(flow.give_reason(reason))
        if flow.asking == "bin":
            answer = _accepted(flow.enter(bin_code))
        elif flow.asking == "approval":
            flow.cancel()
            raise InputError("Scrapping needs a user who may scrap returned goods.")
        answers.append(answer)
        state = flow.state
    return answers


def replay_file(flow: ReturnsWorkflow, path: Path, kind: ReturnStepKind | None, reason: str,
                *, bin_code: str = "") -> tuple[list[ReplayResult], list[Feedback]]:
    """Replay a batch file (parcels' tracking or order numbers, each followed by its items;
    a quantity beside a code receives that many): keys from the file make a second replay
    receive nothing twice. With a disposition, every parcel's waiting units get it after."""
    fingerprint, lines = read_batch_file(path)
    results = replay(flow, lines, fingerprint=fingerprint)
    if kind is None:
        return results, []
    answers: list[Feedback] = []
    for parcel in flow.opened:
        _accepted(flow.open(parcel))
        answers += dispose_waiting(flow, kind, reason, bin_code=bin_code)
    return results, answers


def _accepted(feedback: Feedback) -> Feedback:
    if feedback.level is Level.ERROR:
        raise InputError(feedback.message)
    return feedback
