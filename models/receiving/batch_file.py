"""Batch-scanner files: the barcodes (and quantities) an offline scanner collected, replayed
into a receipt through the same workflow as live scans, with a result for every line."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from models.errors import InputError
from models.feedback import Feedback, Level

_SPLIT = re.compile(r"[,;\t]")
MAX_LINES = 100_000


class Replayable(Protocol):
    """A floor workflow a batch file can be replayed into (receiving, picking)."""

    @property
    def asking(self) -> str:
        """What typed input is for now; "" when nothing is asked."""
        ...

    @property
    def pending_qty(self) -> int | None:
        """A quantity typed for the next scan."""
        ...

    def scan(self, raw: str, *, symbology: str | None = None, key: str | None = None
             ) -> Feedback:
        """Handle one scan; `key` keeps a replayed line from counting twice."""
        ...

    def enter(self, text: str) -> Feedback:
        """Handle typed input."""
        ...

    def cancel(self) -> Feedback:
        """Drop what is pending."""
        ...


@dataclass(frozen=True)
class BatchLine:
    """One line of a batch file: its number in the file, the code and the quantity (None:
    what the barcode itself stands for)."""

    line_no: int
    code: str
    qty: int | None


@dataclass(frozen=True)
class ReplayResult:
    """What the workflow answered to one line."""

    line: BatchLine
    level: Level
    message: str


def decode_batch_file(data: bytes) -> str:
    """The file's text: UTF-8 (with or without BOM), else GB18030 as Chinese scanner software
    writes it."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            return data.decode("gb18030")
        except UnicodeDecodeError:
            raise InputError("The batch file is neither UTF-8 nor GB18030 text.") from None


def parse_batch_file(text: str) -> list[BatchLine]:
    """Lines of `code` or `code,quantity` (also `;` or tab); blank lines and a header line
    (barcode,qty) are skipped. Bad quantities are reported with their line numbers."""
    lines: list[BatchLine] = []
    problems: list[str] = []
    for number, row in enumerate(text.splitlines(), start=1):
        fields = [part.strip().strip('"') for part in _SPLIT.split(row)]
        if not fields[0]:
            continue
        qty_text = fields[1] if len(fields) > 1 else ""
        if number == 1 and qty_text and not qty_text.isdigit() and not lines:
            continue  # a header such as "barcode,qty"
        qty = None
        if qty_text:
            if not qty_text.isdigit() or not 0 < int(qty_text) <= 99_999:
                problems.append(f"line {number}: '{qty_text}' is not a quantity of 1 to 99999")
                continue
            qty = int(qty_text)
        lines.append(BatchLine(number, fields[0], qty))
    if problems:
        raise InputError("The batch file has bad lines, nothing was replayed: "
                         + "; ".join(problems[:20]) + ("…" if len(problems) > 20 else ""))
    if len(lines) > MAX_LINES:
        raise InputError(f"A batch file holds at most {MAX_LINES:,} scans.")
    return lines


def read_batch_file(path: Path) -> tuple[str, list[BatchLine]]:
    """A fingerprint of the file's content and its lines."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"Cannot read {path}: {exc.strerror}.") from None
    return hashlib.sha256(data).hexdigest()[:16], parse_batch_file(decode_batch_file(data))


def replay(flow: Replayable, lines: list[BatchLine], *, fingerprint: str
           ) -> list[ReplayResult]:
    """Feed every line to the workflow as a scan (a quantity typed before it); the keys come
    from the file's fingerprint and line numbers, so replaying the same file again posts
    nothing twice."""
    results = []
    for line in lines:
        if line.qty is not None and line.qty != 1:
            typed = flow.enter(str(line.qty))
            if typed.level is Level.ERROR:
                results.append(ReplayResult(line, typed.level, typed.message))
                continue
        feedback = flow.scan(line.code, key=f"file:{fingerprint}:{line.line_no}")
        level, message = feedback.level, feedback.message
        if flow.asking:
            # A file cannot answer a question (a lot, a serial, an approval): the line is
            # left for a person to receive live.
            level, message = Level.ERROR, f"{message} Not received: receive it live."
        if flow.asking or flow.pending_qty is not None:
            flow.cancel()  # a question or a quantity belongs to its own line only
        results.append(ReplayResult(line, level, message))
    return results
