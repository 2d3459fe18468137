"""A batch scanner's file replayed into a count, on both backends: bins started by their
location lines, items counted, the last bin finished, and a second replay counting nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from models.counting import CountingWorkflow
from models.counting.batch import replay, replay_file
from models.db import Database
from models.feedback import Level
from models.receiving.batch_file import BatchLine
from tests.db.test_counting_workflow import (
    MILK_GTIN,
    TEA_CASE,
    TEA_EAN,
    Site,
    assert_ledger_clean,
    blocked,
    count_bin,
    count_lines,
    counting,
    stock,
)


@pytest.fixture
def site(db: Database) -> Site:
    return Site(db)


def write_file(tmp_path: Path, site: Site) -> Path:
    path = tmp_path / "scanner.csv"
    path.write_text("\n".join([
        "barcode,qty",
        f"COUNT-{site.count_id}",
        "A-01-1",
        f"{TEA_EAN},9",
        TEA_EAN,
        "A-01-2",
        f"01{MILK_GTIN}10L1,5",
        f"01{MILK_GTIN}10L2;3",
        MILK_GTIN,  # no lot: a file cannot answer the question
        "A-01-6",
        f"{TEA_CASE},8",
        "CMD-QTY+4",
    ]) + "\n", encoding="utf-8")
    return path


def test_a_batch_file_is_counted_bin_by_bin(db, site, tmp_path):
    flow = CountingWorkflow(db, site.carl)
    results = replay_file(flow, write_file(tmp_path, site))
    assert [(r.line.line_no, r.level) for r in results] == [
        (2, Level.OK), (3, Level.OK), (4, Level.OK), (5, Level.OK), (6, Level.OK),
        (7, Level.OK), (8, Level.OK), (9, Level.ERROR), (10, Level.OK), (11, Level.OK),
        (12, Level.OK), (13, Level.OK)]
    assert "count it live" in results[7].message
    assert results[-1].line.code == "CMD-DONE" and "A-01-6 counted: 100" in results[-1].message
    assert count_lines(db, site, "A-01-1") == [(1, "TEA", None, None, 10, 10)]
    assert count_lines(db, site, "A-01-2") == [
        (1, "MILK", "L1", None, 5, 5), (1, "MILK", "L2", None, 3, 3)]
    assert count_lines(db, site, "A-01-6") == [(1, "TEA", None, None, 100, 100)]
    for code in ("A-01-1", "A-01-2", "A-01-6"):
        assert count_bin(db, site, code).status == "counted"
        assert not blocked(db, site, code)[0]
    assert flow.current_bin is None and flow.view().done_lines == 3
    assert stock(db, site.tea, site.loc["A-01-6"]) == 100
    assert_ledger_clean(db)


def test_the_same_file_replayed_again_counts_nothing_twice(db, site, tmp_path):
    path = write_file(tmp_path, site)
    replay_file(CountingWorkflow(db, site.carl), path)
    again = replay_file(CountingWorkflow(db, site.carl), path)
    refused = [r.line.code for r in again if r.level is Level.ERROR]
    assert {"A-01-1", "A-01-2", "A-01-6"} <= set(refused)
    assert not any(r.line.code == "CMD-DONE" for r in again)  # no bin was opened
    assert count_lines(db, site, "A-01-1") == [(1, "TEA", None, None, 10, 10)]
    assert count_lines(db, site, "A-01-6") == [(1, "TEA", None, None, 100, 100)]
    assert_ledger_clean(db)


def test_lines_with_the_same_key_count_once_in_a_round(db, site):
    flow = counting(db, site.carl, site)
    lines = [BatchLine(1, "A-01-1", None), BatchLine(2, TEA_EAN, 4)]
    flow.scan("A-01-1")
    first = flow.scan(TEA_EAN, key="file:abc:2")
    repeated = flow.scan(TEA_EAN, key="file:abc:2")
    assert first.level is Level.OK
    assert repeated.level is Level.OK and "not again" in repeated.message
    assert count_lines(db, site, "A-01-1") == [(1, "TEA", None, None, 10, 1)]
    results = replay(flow, lines, fingerprint="abc")  # A-01-1 again, then line 2's key
    assert [r.level for r in results] == [Level.OK, Level.OK, Level.WARNING]
    assert count_lines(db, site, "A-01-1") == [(1, "TEA", None, None, 10, 1)]
    assert count_bin(db, site, "A-01-1").status == "recount"  # 1 of 10: recount
