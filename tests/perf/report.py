"""Benchmark figures: printed, and appended to perf-results/results.jsonl for the notes."""

from __future__ import annotations

import json
import os
import platform
import statistics
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

RESULTS = Path(__file__).resolve().parents[2] / "perf-results" / "results.jsonl"


def timed(work: Callable[[], object], *, repeat: int = 3) -> list[float]:
    """Wall-clock seconds of `repeat` runs of `work`."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return times


def percentile(samples: list[float], pct: float) -> float:
    """The pct-th percentile (nearest rank) of samples."""
    ordered = sorted(samples)
    rank = max(0, min(len(ordered) - 1, round(pct / 100 * len(ordered) + 0.5) - 1))
    return ordered[rank]


def record(name: str, backend: str, **figures: float | int | str) -> None:
    """Print one benchmark's figures and append them to the results file."""
    row = {"at": datetime.now(UTC).isoformat(timespec="seconds"), "name": name,
           "backend": backend, "machine": f"{platform.machine()} {os.cpu_count()} cpu",
           **{k: round(v, 4) if isinstance(v, float) else v for k, v in figures.items()}}
    print("\nPERF " + json.dumps(row, ensure_ascii=False))
    RESULTS.parent.mkdir(exist_ok=True)
    with RESULTS.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps(row, ensure_ascii=False) + "\n")


def median(samples: list[float]) -> float:
    """Median of samples."""
    return statistics.median(samples)
