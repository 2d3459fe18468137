"""Carriers and their tracking numbers: a number pool hands out each number of the ranges the
carrier sent once, in order, with the carrier's check digit; ranges are checked before they
are kept; manual entry checks the typed number; an order keeps the number it was given."""

from __future__ import annotations

import multiprocessing as mp
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from app.cli.main import main
from models.carriers.carriers import add_carrier, list_carriers
from models.carriers.check_digits import RULES
from models.carriers.ranges import RangeInput, add_range, import_ranges, take_number
from models.carriers.tracking import assign_tracking
from models.db import Database
from models.entities import Carrier
from models.errors import InputError
from models.masterdata.import_report import ImportFailed
from models.sales.review import review_orders
from models.sales.review_views import find_orders
from tests import factories as f
from tests.db import review_setup as review

EMS_NUMBERS = ["EA100000003CN", "EA100000017CN", "EA100000025CN"]


def ems_with_a_range(db: Database, actor, first: str = "10000000", last: str = "10000002"
                     ) -> None:
    with db.write() as s:
        add_carrier(s, actor, code="ems", name="China EMS", kind="pool", check_rule="s10")
        add_range(s, actor, carrier="EMS", spec=RangeInput("ea", first, last, "cn"))


def take(db: Database, code: str = "EMS") -> str:
    with db.write() as s:
        return take_number(s, s.scalar(select(Carrier).where(Carrier.code == code)))


def test_a_pool_hands_out_its_numbers_in_order_with_check_digits_then_says_it_is_empty(
        db, actor):
    ems_with_a_range(db, actor)
    taken = [take(db) for _ in range(3)]
    assert taken == EMS_NUMBERS
    assert all(RULES["s10"].problem(n) is None for n in taken)
    with pytest.raises(InputError, match="EMS has no tracking numbers left: import the next"):
        take(db)


def test_the_next_range_is_used_when_one_runs_out(db, actor):
    ems_with_a_range(db, actor, "10000000", "10000000")
    with db.write() as s:
        add_range(s, actor, carrier="EMS", spec=RangeInput("EB", "20000000", "20000001", "CN"))
    assert [take(db) for _ in range(3)] == ["EA100000003CN", "EB200000006CN", "EB200000010CN"]
    with db.read() as s:
        assert [(r.code, r.numbers_left) for r in list_carriers(s)] == [("EMS", 0)]


@pytest.mark.parametrize(("spec", "reason"), [
    (RangeInput("EA", "10000000", "10000000", "CN"),
     "The numbers overlap the range EA100000003CN to EA100000025CN that EMS has already."),
    (RangeInput("EA", "1000000", "1000002", "CN"),
     "Not a number of EMS: 'EA1000000CN' does not look like a tracking number such as "
     "EA123456785CN."),
    (RangeInput("EA", "10000009", "10000001", "CN"), "First (10000009) comes after last"),
    (RangeInput("EA", "1000000A", "10000002", "CN"), "First and last are the serials in digits"),
])
def test_a_bad_or_overlapping_range_is_refused_and_nothing_is_added(db, actor, spec, reason):
    ems_with_a_range(db, actor)
    with pytest.raises(InputError) as refused, db.write() as s:
        add_range(s, actor, carrier="EMS", spec=spec)
    assert reason in str(refused.value)
    with db.read() as s:
        assert [r.numbers_left for r in list_carriers(s)] == [3]


def test_a_range_file_is_all_or_nothing_with_every_bad_row_listed(db, actor, tmp_path: Path):
    with db.write() as s:
        add_carrier(s, actor, code="DHL", name="DHL Express", kind="pool", check_rule="mod7")
    good = tmp_path / "ranges.csv"
    good.write_text("prefix,first,last,suffix\n,100000000,100000999,\n,200000000,200000099,\n",
                    encoding="utf-8")
    bad = tmp_path / "bad.csv"
    bad.write_text("prefix,first,last,suffix\n,300000000,300000009,\n,100000500,100000600,\n"
                   ",12,11,\n", encoding="utf-8")
    with db.write() as s:
        assert import_ranges(s, actor, carrier="DHL", path=good).created == 2
    with pytest.raises(ImportFailed) as failed, db.write() as s:
        import_ranges(s, actor, carrier="DHL", path=bad)
    assert [str(e) for e in failed.value.report.errors] == [
        "line 3 (100000500-100000600): The numbers overlap the range 1000000002 to 1000009990 "
        "that DHL has already",
        "line 4 (12-11): First (12) comes after last (11)"]
    with db.read() as s:
        assert [r.numbers_left for r in list_carriers(s)] == [1100]  # not 1110
    assert take(db, "DHL") == "1000000002"  # 100000000 % 7 = 2


def test_a_manual_carrier_has_no_ranges(db, actor):
    with db.write() as s:
        add_carrier(s, actor, code="SF", name="SF Express", kind="manual")
    with pytest.raises(InputError, match="typed or scanned from its own"), db.write() as s:
        add_range(s, actor, carrier="SF", spec=RangeInput("", "1", "9"))


def test_carrier_codes_and_rules_are_checked(db, actor):
    with db.write() as s:
        add_carrier(s, actor, code="yto", name="YTO Express 圆通", kind="manual")
    for fields, reason in (({"code": "YTO"}, "Carrier YTO exists already."),
                           ({"code": "A B"}, "A carrier code is 1 to 32 letters and digits"),
                           ({"kind": "api"}, "not 'api'"),
                           ({"check_rule": "crc"}, "There is no check-digit rule 'crc'")):
        values = {"code": "ZTO", "name": "ZTO", "kind": "manual", **fields}
        with pytest.raises(InputError, match=reason), db.write() as s:
            add_carrier(s, actor, **values)


def _take_many(url: str, count: int, barrier: Any, results: Any) -> None:
    db = Database(url)
    barrier.wait(timeout=60)
    try:
        results.put([take(db) for _ in range(count)])
    except Exception as exc:  # reported to the test, which fails on it
        results.put([f"error: {type(exc).__name__}: {exc}"])
    finally:
        db.dispose()


def test_four_workstations_taking_numbers_at_once_never_get_the_same_one(db, actor):
    if db.backend != "postgresql":
        pytest.skip("SQLite writers never overlap: one workstation at a time")
    ems_with_a_range(db, actor, "10000000", "10000079")
    ctx = mp.get_context("spawn")
    barrier, results = ctx.Barrier(4), ctx.Queue()
    workers = [ctx.Process(target=_take_many, args=(db.url, 20, barrier, results))
               for _ in range(4)]
    for worker in workers:
        worker.start()
    taken = [n for _ in workers for n in results.get(timeout=120)]
    for worker in workers:
        worker.join(timeout=60)
    assert not [n for n in taken if n.startswith("error")]
    assert len(taken) == len(set(taken)) == 80
    with db.read() as s:
        assert [r.numbers_left for r in list_carriers(s)] == [0]


def approved_orders(db: Database, actor, numbers: list[str], carrier: str) -> None:
    """Orders of TEA-001 in stock, approved by a review rule that gives them `carrier`."""
    ids = review.site(db, actor)
    f.stock_in(db, actor, ids["TEA-001"], ids["A-01"], 50)
    for number in numbers:
        review.order(db, actor, number, [("TEA-001", 1)])
    review.rule(db, actor, "Everything", {}, {"decision": "approve", "warehouse": "WH1",
                                               "carrier": carrier})
    db.transact(lambda s: review_orders(s, actor))


def give(db: Database, actor, number: str, typed: str | None = None) -> str:
    def work(s) -> str:
        (order_id,) = find_orders(s, [number])
        return assign_tracking(s, actor, order_id=order_id, typed=typed)
    return db.transact(work)


def test_an_approved_order_gets_the_pool_s_next_number_and_keeps_it(db, actor):
    ems_with_a_range(db, actor)
    approved_orders(db, actor, ["T-1", "T-2", "T-3"], "EMS")
    assert give(db, actor, "T-1") == EMS_NUMBERS[0]
    assert give(db, actor, "T-1") == EMS_NUMBERS[0]  # a waybill printed again: same number
    assert give(db, actor, "T-2") == EMS_NUMBERS[1]
    assert review.order_row(db, "T-2").tracking_number == EMS_NUMBERS[1]
    with pytest.raises(InputError, match="leave the tracking number empty"):
        give(db, actor, "T-3", typed="EA100000025CN")
    assert review.order_row(db, "T-3").tracking_number is None


def test_a_manual_carrier_takes_a_scanned_number_once_and_refuses_a_wrong_digit(db, actor):
    with db.write() as s:
        add_carrier(s, actor, code="EMS", name="EMS", kind="manual", check_rule="s10")
    approved_orders(db, actor, ["M-1", "M-2"], "EMS")
    with pytest.raises(InputError, match="Scan or type the tracking number of the EMS"):
        give(db, actor, "M-1")
    with pytest.raises(InputError, match="check digit of tracking number EA123456784CN"):
        give(db, actor, "M-1", typed="EA123456784CN")
    assert give(db, actor, "M-1", typed="ea 123 456 785 cn") == "EA123456785CN"
    with pytest.raises(InputError, match="EA123456785CN is on order M-1 already"):
        give(db, actor, "M-2", typed="EA123456785CN")
    assert review.order_row(db, "M-2").tracking_number is None


def test_an_order_not_approved_or_without_a_carrier_gets_no_number(db, actor):
    ems_with_a_range(db, actor)
    ids = review.site(db, actor)
    review.order(db, actor, "N-1", [("TEA-001", 1)])  # new: not reviewed yet
    with pytest.raises(InputError, match="N-1 is new: only an approved order, or one being"):
        give(db, actor, "N-1")
    f.stock_in(db, actor, ids["TEA-001"], ids["A-01"], 5)
    review.rule(db, actor, "Approve", {}, {"decision": "approve", "warehouse": "WH1"})
    db.transact(lambda s: review_orders(s, actor))
    with pytest.raises(InputError, match="N-1 has no carrier: choose one"):
        give(db, actor, "N-1")
    with db.read() as s:
        assert [r.numbers_left for r in list_carriers(s)] == [3]  # none used up


def test_order_tracking_from_the_command_line(db, actor, capsys):
    ems_with_a_range(db, actor)
    approved_orders(db, actor, ["C-1"], "EMS")
    assert main(["--db", db.url, "order", "tracking", "C-1"]) == 0
    assert capsys.readouterr().out == f"{EMS_NUMBERS[0]}\n"
    assert main(["--db", db.url, "carrier", "list"]) == 0
    assert capsys.readouterr().out.split() == [
        "EMS", "pool", "s10", "China", "EMS", "2", "numbers", "left"]
    assert main(["--db", db.url, "order", "show", "TMALL", "C-1"]) == 0
    assert f"carrier EMS {EMS_NUMBERS[0]}" in capsys.readouterr().out
    assert main(["--db", db.url, "carrier", "range", "EMS", "--prefix", "EA", "--first",
                 "10000002", "--last", "10000005", "--suffix", "CN"]) == 2
    assert "overlap the range EA100000003CN to EA100000025CN" in capsys.readouterr().err


def test_order_tracking_of_a_manual_carrier_asks_for_the_number_flag(db, actor, capsys):
    with db.write() as s:
        add_carrier(s, actor, code="SF", name="SF Express", kind="manual", check_rule="none")
    approved_orders(db, actor, ["C-1"], "SF")
    assert main(["--db", db.url, "order", "tracking", "C-1"]) == 2
    assert capsys.readouterr().err == ("waredesk: SF hands out no numbers: give the waybill's "
                                       "number with --number.\n")
    assert main(["--db", db.url, "order", "tracking", "C-1", "--number", "SF1402846553671"]) == 0
    assert capsys.readouterr().out == "SF1402846553671\n"
