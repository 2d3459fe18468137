"""Putaway by scanner: items on the dock to their suggested bins through the ledger; wrong
bins refused then overridden, partial putaway, lots asked for, retries never doubled."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import pytest
from sqlalchemy import func, select

from models.db import Database
from models.entities import LocationType, Product, StockMove, StockPosting, Tracking
from models.errors import DatabaseError
from models.feedback import Level
from models.ledger import on_hand, verify
from models.putaway import PutawayWorkflow, putaway_tasks
from models.scanning import GS
from tests import factories as f

T = TypeVar("T")


@pytest.fixture
def site(db: Database, actor) -> dict[str, int]:
    """Dock RECV-01 with 12 MUG (fixed bin A-01-1), 5 CUP and 10 TEA in lots L1 (6) and L2 (4);
    TEA's zone ZB has bins B-01 and B-02."""
    with db.write() as s:
        wh = f.warehouse(s)
        ids = {"dock": f.bin_(s, wh, "RECV-01", LocationType.RECEIVING).id,
               "A-01-1": f.bin_(s, wh, "A-01-1").id,
               "C-01": f.bin_(s, wh, "C-01").id,
               "B-01": f.bin_(s, wh, "B-01", zone="ZB", walk_seq=1).id,
               "B-02": f.bin_(s, wh, "B-02", zone="ZB", walk_seq=2).id}
        mug = f.product(s, "MUG", barcode="4006381333931")
        mug.home_location_id = ids["A-01-1"]
        cup = f.product(s, "CUP", barcode="WD-CUP")
        tea = f.product(s, "TEA", tracking=Tracking.LOT, barcode="0036000291452")
        tea.putaway_zone = "ZB"
        ids.update(mug=mug.id, cup=cup.id, tea=tea.id, L1=f.lot(s, tea, "L1").id,
                   L2=f.lot(s, tea, "L2").id)
    f.stock_in(db, actor, ids["mug"], ids["dock"], 12)
    f.stock_in(db, actor, ids["cup"], ids["dock"], 5)
    f.stock_in(db, actor, ids["tea"], ids["dock"], 6, lot_id=ids["L1"])
    f.stock_in(db, actor, ids["tea"], ids["dock"], 4, lot_id=ids["L2"])
    return ids


def stock(db: Database, site: dict[str, int], product: str, where: str,
          lot: str | None = None) -> int:
    with db.read() as s:
        return on_hand(s, site[product], location_id=site[where],
                       lot_id=site[lot] if lot else None)


def putaway_postings(db: Database) -> list[StockPosting]:
    with db.read() as s:
        return list(s.scalars(select(StockPosting).where(StockPosting.reason == "putaway")
                              .order_by(StockPosting.id)))


def assert_clean(db: Database) -> None:
    with db.read() as s:
        assert verify(s) == []


def test_task_list_shows_each_product_lot_and_dock_with_its_bin(db, site):
    with db.read() as s:
        tasks = putaway_tasks(s)
    assert [(t.sku, t.lot_number, t.dock_code, t.qty, t.suggested_code, t.suggested_reason)
            for t in tasks] == [
        ("CUP", None, "RECV-01", 5, "", ""),
        ("MUG", None, "RECV-01", 12, "A-01-1", "fixed bin"),
        ("TEA", "L1", "RECV-01", 6, "B-01", "empty bin in zone ZB"),
        ("TEA", "L2", "RECV-01", 4, "B-01", "empty bin in zone ZB"),
    ]


def test_full_putaway_of_a_dock_with_two_products_and_a_lot_product(db, actor, site):
    flow = PutawayWorkflow(db, actor)
    fb = flow.scan("4006381333931")
    assert fb.level is Level.OK and "A-01-1" in fb.next_step
    assert flow.view().current.startswith("A-01-1")
    assert flow.scan("A-01-1").level is Level.OK

    assert flow.scan("WD-CUP").level is Level.OK  # no suggestion: any storage bin
    assert flow.scan("C-01").level is Level.OK

    fb = flow.scan("0036000291452")  # TEA without a lot: two lots wait
    assert fb.level is Level.WARNING and flow.view().asking == "lot"
    assert flow.enter("L2").level is Level.OK
    assert flow.view().current.startswith("B-01")
    assert flow.scan("B-01").level is Level.OK
    # GS1 with lot: L1 goes to the bin already holding... a different lot, so the next empty.
    fb = flow.scan(f"]C10100036000291452{GS}10L1")
    assert "B-02" in fb.message
    assert flow.scan("B-02").level is Level.OK

    assert stock(db, site, "mug", "A-01-1") == 12
    assert stock(db, site, "cup", "C-01") == 5
    assert stock(db, site, "tea", "B-01", "L2") == 4
    assert stock(db, site, "tea", "B-02", "L1") == 6
    with db.read() as s:
        assert on_hand(s, site["mug"], location_id=site["dock"]) == 0
        assert putaway_tasks(s) == []
    postings = putaway_postings(db)
    assert [p.reference for p in postings] == ["RECV-01"] * 4
    assert all(p.idempotency_key for p in postings)
    view = flow.view()
    assert [(ln.sku, ln.expected, ln.done) for ln in view.lines] == [
        ("MUG", 0, 12), ("CUP", 0, 5), ("TEA", 0, 4), ("TEA", 0, 6)]
    assert view.lines[2].detail == "→ B-01 · lot L2 · from RECV-01"
    assert (view.done_lines, view.total_lines, view.done_units) == (4, 4, 27)
    assert_clean(db)


def test_wrong_bin_is_refused_then_overridden_with_the_reason_in_the_note(db, actor, site):
    flow = PutawayWorkflow(db, actor)
    flow.scan("4006381333931")
    fb = flow.scan("C-01")
    assert fb.level is Level.ERROR and "wrong bin, expected A-01-1" in fb.message
    assert stock(db, site, "mug", "C-01") == 0
    assert flow.view().asking == "reason"
    assert flow.override("A-01-1 is damaged").level is Level.OK
    assert stock(db, site, "mug", "C-01") == 12
    [posting] = putaway_postings(db)
    assert "A-01-1 is damaged" in posting.note and "C-01" in posting.note
    assert_clean(db)


def test_override_into_a_blocked_bin_is_still_refused(db, actor, site):
    from models.entities import Location
    flow = PutawayWorkflow(db, actor)
    flow.scan("4006381333931")
    flow.scan("C-01")  # wrong, but usable: override armed
    with db.write() as s:
        s.get(Location, site["C-01"]).blocked = True
    fb = flow.override("closer")
    assert fb.level is Level.ERROR and "blocked" in fb.message
    assert stock(db, site, "mug", "dock") == 12
    assert flow.scan("A-01-1").level is Level.OK  # the right bin after a wrong one just posts
    assert stock(db, site, "mug", "A-01-1") == 12
    assert_clean(db)


def test_full_bin_is_refused_even_with_override(db, actor, site):
    from models.entities import Location
    with db.write() as s:
        s.get(Location, site["C-01"]).capacity = 10
    flow = PutawayWorkflow(db, actor)
    flow.scan("4006381333931")
    fb = flow.scan("C-01")
    assert fb.level is Level.ERROR and "full" in fb.message and "expected A-01-1" in fb.message
    assert flow.override("whatever").level is Level.ERROR
    assert stock(db, site, "mug", "C-01") == 0


def test_partial_putaway_leaves_the_rest_on_the_dock(db, actor, site):
    flow = PutawayWorkflow(db, actor)
    assert flow.enter("5").level is Level.OK
    assert flow.view().markers == ("Quantity 5",)
    flow.scan("4006381333931")
    assert flow.scan("A-01-1").level is Level.OK
    assert (stock(db, site, "mug", "A-01-1"), stock(db, site, "mug", "dock")) == (5, 7)
    line = next(ln for ln in flow.view().lines if ln.sku == "MUG")
    assert (line.expected, line.done) == (7, 5)
    assert flow.enter("8").level is Level.OK
    assert flow.scan("4006381333931").level is Level.ERROR  # only 7 wait
    flow.cancel()
    flow.scan("4006381333931")
    assert flow.scan("CMD-QTY+3").level is Level.OK
    flow.scan("A-01-1")
    assert (stock(db, site, "mug", "A-01-1"), stock(db, site, "mug", "dock")) == (8, 4)
    assert_clean(db)


def test_bin_scan_without_an_item_and_cancel_say_what_to_do(db, actor, site):
    flow = PutawayWorkflow(db, actor)
    fb = flow.scan("A-01-1")
    assert fb.level is Level.ERROR and "Scan an item first" in fb.message
    flow.scan("4006381333931")
    assert flow.scan("CMD-CANCEL").level is Level.OK
    assert flow.view().prompt == "Scan an item on the dock"
    assert flow.scan("A-01-1").level is Level.ERROR
    assert putaway_postings(db) == []


class LosesCommitAnswer(Database):
    """A database whose next write commits and then reports a lost connection, as when the
    network drops before the answer arrives."""

    def __init__(self, inner: Database) -> None:
        self.__dict__.update(inner.__dict__)
        self.lose_next = False

    def transact(self, work: Callable, *, attempts: int = 5) -> T:  # type: ignore[override]
        result = super().transact(work, attempts=attempts)
        if self.lose_next:
            self.lose_next = False
            raise DatabaseError("The connection to the database was lost.")
        return result


def test_retried_bin_scan_after_a_lost_commit_writes_no_duplicate(db, actor, site):
    flaky = LosesCommitAnswer(db)
    flow = PutawayWorkflow(flaky, actor)
    flow.scan("4006381333931")
    flaky.lose_next = True
    assert flow.scan("A-01-1").level is Level.ERROR  # committed, but the answer was lost
    assert flow.scan("A-01-1").level is Level.OK  # the same scan again
    assert stock(db, site, "mug", "A-01-1") == 12
    assert len(putaway_postings(db)) == 1
    with db.read() as s:
        moves = s.scalar(select(func.count()).select_from(StockMove)
                         .where(StockMove.product_id == site["mug"],
                                StockMove.to_location_id == site["A-01-1"]))
    assert moves == 1
    assert next(ln for ln in flow.view().lines if ln.sku == "MUG").done == 12
    assert_clean(db)


def test_item_not_on_any_dock_is_refused(db, actor, site):
    with db.write() as s:
        s.get(Product, site["mug"]).home_location_id = None
    flow = PutawayWorkflow(db, actor)
    flow.scan("4006381333931")
    flow.scan("C-01")
    fb = flow.scan("4006381333931")
    assert fb.level is Level.ERROR and "not waiting on any receiving dock" in fb.message
