"""What a printer says about itself. ZPL printers answer `~HS` with three lines between STX
and ETX; TSPL printers answer `<ESC>!?` with one status byte. A printer that does not answer
is UNKNOWN, never ready: Zebra firmware stays silent on ~HS exactly when the media is out or
the head is open, and a queue or a folder passes no answer at all."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from devices.printers.transport import PrinterUnreachable, Transport

ZPL_QUERY = b"~HS"
TSPL_QUERY = b"\x1b!?"
STX, ETX = b"\x02", b"\x03"
STATUS_TIMEOUT_S = 2.0


class State(StrEnum):
    """The printer's readiness as the status line shows it."""

    READY = "ready"
    PROBLEM = "problem"  # it answered, and something stops it printing
    BUSY = "busy"  # it answered: printing, or paused with labels waiting
    UNKNOWN = "unknown"  # no answer: switched off, out of paper (Zebra), or cannot tell
    OFFLINE = "offline"  # not reachable at all


class Flag(StrEnum):
    """One condition a printer reports; the GUI translates these codes."""

    PAPER_OUT = "paper out"
    PAUSED = "paused"
    HEAD_OPEN = "head open"
    RIBBON_OUT = "ribbon out"
    BUFFER_FULL = "buffer full"
    PAPER_JAM = "paper jam"
    COVER_OPEN = "cover open"
    PRINTING = "printing"
    UNDER_TEMPERATURE = "under temperature"
    OVER_TEMPERATURE = "over temperature"
    CORRUPT_RAM = "configuration lost"


#: Conditions that stop labels coming out; the others only delay them.
STOPPING = frozenset({Flag.PAPER_OUT, Flag.HEAD_OPEN, Flag.RIBBON_OUT, Flag.PAPER_JAM,
                      Flag.COVER_OPEN, Flag.OVER_TEMPERATURE, Flag.CORRUPT_RAM})


@dataclass(frozen=True)
class PrinterStatus:
    """The state, every flag raised, and what else the printer told (labels remaining...)."""

    state: State
    flags: frozenset[Flag] = frozenset()
    detail: str = ""
    labels_remaining: int | None = None
    formats_in_buffer: int | None = None
    raw: bytes = field(default=b"", repr=False)

    def __str__(self) -> str:
        text = self.state.value
        if self.flags:
            text += ": " + ", ".join(sorted(f.value for f in self.flags))
        return f"{text} ({self.detail})" if self.detail else text


def _state(flags: frozenset[Flag]) -> State:
    if flags & STOPPING:
        return State.PROBLEM
    if flags:
        return State.BUSY
    return State.READY


def zpl_answer_complete(answer: bytes) -> bool:
    """True once all three ~HS strings have arrived."""
    return answer.count(ETX) >= 3


def parse_zpl_host_status(answer: bytes) -> PrinterStatus:
    """The status in a ~HS answer; UNKNOWN when the answer is missing or cut short."""
    strings = [part.split(STX)[-1].decode("ascii", errors="replace")
               for part in answer.split(ETX)[:3]]
    if len(strings) < 3 or answer.count(ETX) < 3:
        detail = "no answer to ~HS" if not answer else "the ~HS answer was cut short"
        return PrinterStatus(State.UNKNOWN, detail=detail, raw=answer)
    one, two = strings[0].split(","), strings[1].split(",")
    if len(one) < 12 or len(two) < 9:
        return PrinterStatus(State.UNKNOWN, detail="the ~HS answer is not in the ZPL layout",
                             raw=answer)
    flags = {flag for flag, value in (
        (Flag.PAPER_OUT, one[1]), (Flag.PAUSED, one[2]), (Flag.BUFFER_FULL, one[5]),
        (Flag.CORRUPT_RAM, one[9]), (Flag.UNDER_TEMPERATURE, one[10]),
        (Flag.OVER_TEMPERATURE, one[11]), (Flag.HEAD_OPEN, two[2]),
        (Flag.RIBBON_OUT, two[3])) if value.strip() == "1"}
    remaining = _number(two[8])
    if remaining and Flag.PAUSED not in flags:
        flags.add(Flag.PRINTING)
    frozen = frozenset(flags)
    return PrinterStatus(_state(frozen), frozen, labels_remaining=remaining,
                         formats_in_buffer=_number(one[4]), raw=answer)


_TSPL_BITS = (Flag.HEAD_OPEN, Flag.PAPER_JAM, Flag.PAPER_OUT, Flag.RIBBON_OUT, Flag.PAUSED,
              Flag.PRINTING, Flag.COVER_OPEN, Flag.OVER_TEMPERATURE)


def parse_tspl_status(answer: bytes) -> PrinterStatus:
    """The status in the byte a TSPL printer returns for <ESC>!? (0 = ready)."""
    if not answer:
        return PrinterStatus(State.UNKNOWN, detail="no answer to <ESC>!?", raw=answer)
    byte = answer[-1]
    flags = frozenset(flag for bit, flag in enumerate(_TSPL_BITS) if byte & (1 << bit))
    return PrinterStatus(_state(flags), flags, raw=answer)


def query_status(transport: Transport, language: str, *,
                 timeout: float = STATUS_TIMEOUT_S) -> PrinterStatus:
    """Ask the printer; UNKNOWN when it cannot answer this way or stays silent, OFFLINE when
    it cannot be reached."""
    if language not in ("zpl", "tspl"):
        return PrinterStatus(State.UNKNOWN, detail=f"{language.upper()} printers report no "
                             "status")
    if not transport.can_ask:
        return PrinterStatus(State.UNKNOWN, detail=f"a {transport.address.kind} passes no "
                             "answer from the printer")
    try:
        if language == "zpl":
            answer = transport.ask(ZPL_QUERY, complete=zpl_answer_complete, timeout=timeout)
            status = parse_zpl_host_status(answer)
        else:
            answer = transport.ask(TSPL_QUERY, complete=bool, timeout=timeout)
            status = parse_tspl_status(answer)
    except PrinterUnreachable as exc:
        return PrinterStatus(State.OFFLINE, detail=str(exc))
    if status.state is State.UNKNOWN and not status.raw and language == "zpl":
        return PrinterStatus(State.UNKNOWN, detail="no answer in time: a Zebra printer says "
                             "nothing while out of paper or with its head open")
    return status


def _number(text: str) -> int | None:
    text = text.strip()
    return int(text) if text.isdigit() else None
