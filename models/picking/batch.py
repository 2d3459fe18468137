"""A batch scanner's file replayed into a wave: the wave's totes, bins and items as they were
scanned (a quantity beside a code picks that many), through the receiving replay. Keys from
the file's fingerprint and line numbers make a second replay of the same file pick nothing
twice."""

from __future__ import annotations

from pathlib import Path

from models.picking.workflow import PickingWorkflow
from models.receiving.batch_file import ReplayResult, read_batch_file, replay


def replay_file(flow: PickingWorkflow, path: Path) -> list[ReplayResult]:
    """Feed every line of the file to the workflow (its wave opened first); a file with bad
    lines is refused whole."""
    fingerprint, lines = read_batch_file(path)
    return replay(flow, lines, fingerprint=fingerprint)
