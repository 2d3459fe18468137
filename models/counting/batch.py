"""A batch scanner's file replayed into a count: a location barcode starts that bin, the
lines after it are its items (a quantity beside a code counts that many), and the bin still
open at the end is finished. Every line gets the workflow's answer."""

from __future__ import annotations

from pathlib import Path

from models.counting.workflow import CountingWorkflow
from models.feedback import Level
from models.receiving.batch_file import BatchLine, ReplayResult, read_batch_file

__all__ = ["BatchLine", "ReplayResult", "read_batch_file", "replay", "replay_file"]


def replay(flow: CountingWorkflow, lines: list[BatchLine], *, fingerprint: str
           ) -> list[ReplayResult]:
    """Feed every line to the workflow as a scan (a quantity typed before it), with keys
    from the file's fingerprint and line numbers; the bin still open at the end is finished,
    answered as one more line (CMD-DONE) after the file's last."""
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
            # A file cannot answer a question (a lot, a serial): that unit is left for a
            # person to count live.
            level, message = Level.ERROR, f"{message} Not counted: count it live."
        if flow.asking or flow.pending_qty is not None:
            flow.cancel()  # a question or a quantity belongs to its own line only
        results.append(ReplayResult(line, level, message))
    if flow.current_bin is not None:
        end = BatchLine(lines[-1].line_no + 1 if lines else 1, "CMD-DONE", None)
        finished = flow.finish_bin()
        results.append(ReplayResult(end, finished.level, finished.message))
    return results


def replay_file(flow: CountingWorkflow, path: Path) -> list[ReplayResult]:
    """Read a batch scanner's file (code, or code and quantity, a line) and replay it into the
    workflow's open count; a file with bad lines is refused whole."""
    fingerprint, lines = read_batch_file(path)
    return replay(flow, lines, fingerprint=fingerprint)
