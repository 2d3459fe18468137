"""Counting bins by scan, on both backends: the count lines, the location's block while it is
counted, recounts by another person, and on-hand untouched by counting (`verify` clean)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from models.actor import Actor
from models.counting import CountingWorkflow
from models.db import Database
from models.entities import (
    CountBin,
    CountLine,
    Location,
    LocationType,
    Lot,
    Product,
    SerialNumber,
    Tracking,
)
from models.errors import BlockedLocation, DatabaseError
from models.feedback import Level
from models.gtin import check_digit
from models.ledger import MoveLine, Reason, on_hand, post_moves, verify
from models.reference_data import virtual_location_id
from models.users import authenticate, create_user, system_actor
from tests import factories as f


def _ean(body: str) -> str:
    return body + str(check_digit(body))


TEA_EAN = _ean("690123456789")
TEA_CASE = _ean("1690123456789")  # GTIN-14 of a case of 12
MILK_GTIN = "09501101530003"
PHONE_GTIN = _ean("0950110153100")


class Site:
    """Warehouse WH1: A-01-1 holds 10 TEA, A-01-2 MILK lot L1 5 and L2 3, A-01-3 phones
    SN-1..SN-3, A-01-4 2 TEA, A-01-5 nothing, A-01-6 100 TEA; B-01-1 (20 TEA) is not in the
    count. Counters carl and cora."""

    def __init__(self, db: Database, *, blind: bool = True) -> None:
        with db.write() as s:
            self.system = system_actor(s, "test-ws")
            wh = f.warehouse(s)
            bins = {code: f.bin_(s, wh, code) for code in (
                "A-01-1", "A-01-2", "A-01-3", "A-01-4", "A-01-5", "A-01-6", "B-01-1")}
            self.loc = {code: loc.id for code, loc in bins.items()}
            tea = f.product(s, "TEA", barcode=TEA_EAN)
            f.barcode(s, tea, TEA_CASE, pack=12)
            milk = f.product(s, "MILK", tracking=Tracking.LOT, barcode=MILK_GTIN)
            phone = f.product(s, "PHONE", tracking=Tracking.SERIAL, barcode=PHONE_GTIN)
            self.tea, self.milk, self.phone = tea.id, milk.id, phone.id
            self.lots = {n: f.lot(s, milk, n).id for n in ("L1", "L2")}
            self.serials = {n: f.serial(s, phone, n).id for n in ("SN-1", "SN-2", "SN-3")}
            create_user(s, self.system, username="carl", password="counting-1", role="counter")
            create_user(s, self.system, username="cora", password="counting-2", role="counter")
            self.count_id = f.stock_count(
                s, wh, self.system.user_id,
                [bins[c] for c in bins if c.startswith("A-")], blind=blind,
                title="aisle A-01")
        for code, qty in (("A-01-1", 10), ("A-01-4", 2), ("A-01-6", 100), ("B-01-1", 20)):
            f.stock_in(db, self.system, self.tea, self.loc[code], qty)
        f.stock_in(db, self.system, self.milk, self.loc["A-01-2"], 5, lot_id=self.lots["L1"])
        f.stock_in(db, self.system, self.milk, self.loc["A-01-2"], 3, lot_id=self.lots["L2"])
        for serial_id in self.serials.values():
            f.serial_in(db, self.system, self.phone, self.loc["A-01-3"], serial_id)
        with db.read() as s:
            self.carl = authenticate(s, "carl", "counting-1", "ws-carl")
            self.cora = authenticate(s, "cora", "counting-2", "ws-cora")
        self.code = f"COUNT-{self.count_id}"


@pytest.fixture
def site(db: Database) -> Site:
    return Site(db)


@pytest.fixture
def open_site(db: Database) -> Site:
    """The same warehouse, counted with the expected quantities shown."""
    return Site(db, blind=False)


def counting(db: Database, actor: Actor, site: Site) -> CountingWorkflow:
    flow = CountingWorkflow(db, actor)
    opened = flow.open_count(site.count_id)
    assert opened.level is Level.OK, opened.message
    return flow


def count_lines(db: Database, site: Site, code: str) -> list[tuple]:
    """(round, sku, lot, serial, expected, counted) of every line of a bin, in order."""
    with db.read() as s:
        rows = s.execute(
            select(CountLine.round, Product.sku, Lot.number, SerialNumber.serial,
                   CountLine.expected, CountLine.counted)
            .join(CountBin, CountBin.id == CountLine.count_bin_id)
            .join(Product, Product.id == CountLine.product_id)
            .outerjoin(Lot, Lot.id == CountLine.lot_id)
            .outerjoin(SerialNumber, SerialNumber.id == CountLine.serial_id)
            .where(CountBin.count_id == site.count_id,
                   CountBin.location_id == site.loc[code])
            .order_by(CountLine.round, CountLine.id)).all()
    return [tuple(row) for row in rows]


def count_bin(db: Database, site: Site, code: str) -> CountBin:
    with db.read() as s:
        row = s.scalars(select(CountBin).where(CountBin.count_id == site.count_id,
                                               CountBin.location_id == site.loc[code])).one()
        s.expunge(row)
        return row


def blocked(db: Database, site: Site, code: str) -> tuple[bool, str]:
    with db.read() as s:
        loc = s.get(Location, site.loc[code])
        return loc.blocked, loc.blocked_reason


def stock(db: Database, product_id: int, location_id: int) -> int:
    with db.read() as s:
        return on_hand(s, product_id, location_id=location_id)


def assert_ledger_clean(db: Database) -> None:
    with db.read() as s:
        assert verify(s) == []


def pick(db: Database, actor: Actor, product_id: int, location_id: int, qty: int) -> None:
    """Ship `qty` units from a bin to the customer location through the ledger."""
    def work(session) -> None:
        customer = virtual_location_id(session, LocationType.CUSTOMER)
        post_moves(session, actor, [MoveLine(product_id, qty, location_id, customer)],
                   reason=Reason.PICK, reference="SO-1")
    db.transact(work)


def test_a_bin_counted_right_and_one_with_a_small_variance(db, site):
    flow = counting(db, site.carl, site)
    assert flow.view().title == f"{site.code} · aisle A-01"
    assert flow.view().prompt == "Scan a location of the count"
    started = flow.scan("A-01-1")
    assert started.level is Level.OK and "Counting A-01-1" in started.message
    assert blocked(db, site, "A-01-1") == (True, f"being counted ({site.code})")
    assert flow.view().prompt == ("Counting A-01-1: scan the items, then the next location "
                                  "(CMD-DONE when done)")
    assert flow.enter("9").level is Level.OK
    assert flow.scan(TEA_EAN).level is Level.OK  # 9 typed, then the item
    assert flow.scan(TEA_EAN).level is Level.OK  # one more
    assert count_lines(db, site, "A-01-1") == [(1, "TEA", None, None, 10, 10)]
    moved_on = flow.scan("A-01-6")  # the next location finishes A-01-1
    assert moved_on.level is Level.OK and "A-01-1 counted: 10 units" in moved_on.message
    assert blocked(db, site, "A-01-1") == (False, "")
    assert blocked(db, site, "A-01-6")[0]
    flow.scan(TEA_CASE)  # a case of 12...
    assert flow.scan("CMD-QTY+87").level is Level.OK  # ...and 87 more: 99 of 100
    done = flow.finish_bin()
    # 1 unit off is 1 % of 100: below the 5 % threshold, so no recount.
    assert done.level is Level.OK and "A-01-6 counted: 99 units" in done.message
    assert count_lines(db, site, "A-01-6") == [(1, "TEA", None, None, 100, 99)]
    for code in ("A-01-1", "A-01-6"):
        row = count_bin(db, site, code)
        assert (row.status, row.round, row.counter_id, row.first_counter_id) == (
            "counted", 1, site.carl.user_id, site.carl.user_id)
        assert row.counted_at is not None and not blocked(db, site, code)[0]
    assert flow.view().done_lines == 2 and flow.view().total_lines == 6
    assert stock(db, site.tea, site.loc["A-01-1"]) == 10  # counting moves no stock
    assert stock(db, site.tea, site.loc["A-01-6"]) == 100
    assert_ledger_clean(db)


def test_refusals_name_the_reason_and_keep_the_bin_open(db, site):
    flow = CountingWorkflow(db, site.carl)
    early = flow.scan("A-01-1")
    assert early.level is Level.ERROR and "count sheet" in early.message
    assert flow.scan("COUNT-999").level is Level.ERROR
    flow.open_count(site.count_id)
    flow.scan("A-01-1")
    outside = flow.scan("B-01-1")
    assert outside.level is Level.ERROR and f"not in {site.code}" in outside.message
    assert flow.current_bin.code == "A-01-1" and blocked(db, site, "A-01-1")[0]
    assert not blocked(db, site, "B-01-1")[0]
    flow.enter("10")
    flow.scan(TEA_EAN)
    assert flow.finish_bin().level is Level.OK
    again = flow.scan("A-01-1")
    assert again.level is Level.ERROR and "counted already" in again.message
    assert flow.scan(TEA_EAN).level is Level.ERROR  # no bin open
    assert flow.scan("CMD-DAMAGED").level is Level.ERROR


def test_blind_count_hides_what_is_expected(db, site):
    flow = counting(db, site.carl, site)
    flow.scan("A-01-2")
    view = flow.view()
    assert view.lines == () and view.total_units is None  # nothing counted yet, nothing told
    flow.scan(f"01{MILK_GTIN}10L1")
    view = flow.view()
    assert [(ln.sku, ln.expected, ln.done, ln.detail) for ln in view.lines] == [
        ("MILK", None, 1, "lot L1")]
    assert view.current == "MILK Product MILK: 1 counted"
    recount = flow.finish_bin()
    assert recount.level is Level.WARNING
    assert "recount needed by another person" in recount.message
    assert "5" not in recount.message and "expected" not in recount.message


def test_an_open_count_shows_what_is_expected(db, open_site):
    site = open_site
    flow = counting(db, site.carl, site)
    flow.scan("A-01-2")
    flow.scan(f"01{MILK_GTIN}10L1")
    view = flow.view()
    assert [(ln.sku, ln.detail, ln.expected, ln.done) for ln in view.lines] == [
        ("MILK", "lot L1", 5, 1), ("MILK", "lot L2", 3, 0)]
    assert view.total_units == 8 and view.done_units == 1
    recount = flow.finish_bin()
    assert "recount needed by another person" in recount.message
    assert "expected 5, counted 1" in recount.message


def test_the_lot_is_asked_for_and_counted_per_lot(db, site):
    flow = counting(db, site.carl, site)
    flow.scan("A-01-2")
    asked = flow.scan(MILK_GTIN)  # no lot in the barcode
    assert asked.level is Level.WARNING and flow.view().asking == "lot"
    assert flow.view().prompt == "Scan or type the lot number of MILK"
    assert count_lines(db, site, "A-01-2") == [
        (1, "MILK", "L1", None, 5, 0), (1, "MILK", "L2", None, 3, 0)]
    assert flow.enter("L1").level is Level.OK
    assert flow.enter("4").level is Level.OK  # four more of L1, typed
    assert flow.scan(f"01{MILK_GTIN}10L1").level is Level.OK
    assert flow.enter("3").level is Level.OK
    assert flow.scan(f"01{MILK_GTIN}10L2").level is Level.OK
    found = flow.scan(f"01{MILK_GTIN}10L9")  # a lot the records do not know here
    assert found.level is Level.OK, found.message
    assert count_lines(db, site, "A-01-2") == [
        (1, "MILK", "L1", None, 5, 5), (1, "MILK", "L2", None, 3, 3),
        (1, "MILK", "L9", None, 0, 1)]
    undone = flow.scan("CMD-UNDO")
    assert undone.level is Level.OK and "L9" in undone.message
    assert count_lines(db, site, "A-01-2")[2] == (1, "MILK", "L9", None, 0, 0)
    assert flow.finish_bin().level is Level.OK
    assert count_bin(db, site, "A-01-2").status == "counted"
    assert stock(db, site.milk, site.loc["A-01-2"]) == 8
    assert_ledger_clean(db)


def test_serials_with_one_missing_and_one_extra(db, site):
    flow = counting(db, site.carl, site)
    flow.scan("A-01-3")
    assert flow.scan(f"01{PHONE_GTIN}21SN-1").level is Level.OK
    twice = flow.scan(f"01{PHONE_GTIN}21SN-1")
    assert twice.level is Level.ERROR and "counted already in A-01-3" in twice.message
    assert flow.scan(PHONE_GTIN).level is Level.WARNING and flow.view().asking == "serial"
    assert flow.scan("SN-2").level is Level.OK  # the serial label scanned
    assert flow.enter("3").level is Level.OK
    multiple = flow.scan(PHONE_GTIN)
    assert multiple.level is Level.ERROR and "one at a time" in multiple.message
    assert flow.view().markers == ()  # the typed quantity went with the refused scan
    extra = flow.scan(f"01{PHONE_GTIN}21SN-9")  # not in the records at all
    assert extra.level is Level.OK, extra.message
    assert count_lines(db, site, "A-01-3") == [
        (1, "PHONE", None, "SN-1", 1, 1), (1, "PHONE", None, "SN-2", 1, 1),
        (1, "PHONE", None, "SN-3", 1, 0), (1, "PHONE", None, "SN-9", 0, 1)]
    assert [ln.detail for ln in flow.view().lines] == ["SN SN-1", "SN SN-2", "SN SN-9"]
    finished = flow.finish_bin()
    assert "recount needed" in finished.message  # SN-3 is missing
    assert count_bin(db, site, "A-01-3").status == "recount"
    assert stock(db, site.phone, site.loc["A-01-3"]) == 3
    assert_ledger_clean(db)


def test_bin_empty_counts_nothing_in_it(db, site):
    flow = counting(db, site.carl, site)
    flow.scan("A-01-5")
    empty = flow.scan("CMD-EMPTY")
    assert empty.level is Level.OK and "A-01-5 is empty" in empty.message
    assert count_bin(db, site, "A-01-5").status == "counted"
    assert count_lines(db, site, "A-01-5") == []
    flow.scan("A-01-1")
    flow.scan(TEA_EAN)
    refused = flow.bin_empty()
    assert refused.level is Level.ERROR and "CMD-UNDO" in refused.message
    flow.scan("CMD-UNDO")
    flow.scan("A-01-4")  # A-01-1 finished with nothing counted: a recount
    assert flow.bin_empty().level is Level.WARNING  # 2 TEA expected, none found
    assert count_lines(db, site, "A-01-4") == [(1, "TEA", None, None, 2, 0)]
    assert count_bin(db, site, "A-01-4").status == "recount"
    assert not blocked(db, site, "A-01-4")[0]
    assert_ledger_clean(db)


def test_a_recount_is_refused_to_the_first_counter_and_done_by_another(db, site):
    carl = counting(db, site.carl, site)
    carl.scan("A-01-1")
    carl.enter("7")
    carl.scan(TEA_EAN)
    first = carl.finish_bin()
    assert first.level is Level.WARNING
    assert "recount needed by another person" in first.message
    assert count_bin(db, site, "A-01-1").status == "recount"
    assert not blocked(db, site, "A-01-1")[0]
    mine = carl.scan("A-01-1")
    assert mine.level is Level.ERROR and "another person" in mine.message
    assert not blocked(db, site, "A-01-1")[0]
    cora = counting(db, site.cora, site)
    recount = cora.scan("A-01-1")
    assert recount.level is Level.OK and "round 2" in recount.message
    assert cora.view().lines == ()  # the recount is blind too
    cora.enter("10")
    cora.scan(TEA_EAN)
    assert cora.finish_bin().level is Level.OK
    assert count_lines(db, site, "A-01-1") == [
        (1, "TEA", None, None, 10, 7), (2, "TEA", None, None, 10, 10)]
    row = count_bin(db, site, "A-01-1")
    assert (row.status, row.round, row.first_counter_id, row.counter_id) == (
        "counted", 2, site.carl.user_id, site.cora.user_id)
    assert stock(db, site.tea, site.loc["A-01-1"]) == 10
    assert_ledger_clean(db)


def test_a_pick_from_a_bin_being_counted_is_refused_until_the_round_ends(db, site):
    flow = counting(db, site.carl, site)
    flow.scan("A-01-1")
    with pytest.raises(BlockedLocation, match=rf"A-01-1 is blocked: being counted "
                                              rf"\({site.code}\)"):
        pick(db, site.system, site.tea, site.loc["A-01-1"], 1)
    flow.enter("10")
    flow.scan(TEA_EAN)
    flow.finish_bin()
    pick(db, site.system, site.tea, site.loc["A-01-1"], 1)  # accepted once counted
    assert stock(db, site.tea, site.loc["A-01-1"]) == 9
    assert count_lines(db, site, "A-01-1") == [(1, "TEA", None, None, 10, 10)]
    assert_ledger_clean(db)


def test_two_counters_count_different_bins_at_once(db, site):
    carl = counting(db, site.carl, site)
    cora = counting(db, site.cora, site)
    carl.scan("A-01-1")
    taken = cora.scan("A-01-1")
    assert taken.level is Level.ERROR and "being counted by carl" in taken.message
    assert cora.scan("A-01-6").level is Level.OK
    for _ in range(3):
        carl.scan(TEA_EAN)
        cora.scan(TEA_CASE)
    carl.scan("CMD-QTY+7")
    cora.enter("64")
    cora.scan(TEA_EAN)
    assert carl.finish_bin().level is Level.OK
    assert cora.finish_bin().level is Level.OK
    assert count_lines(db, site, "A-01-1") == [(1, "TEA", None, None, 10, 10)]
    assert count_lines(db, site, "A-01-6") == [(1, "TEA", None, None, 100, 100)]
    assert count_bin(db, site, "A-01-6").counter_id == site.cora.user_id
    assert (carl.view().done_lines, cora.view().done_lines) == (1, 2)  # each as it finished
    assert_ledger_clean(db)


def test_a_counter_who_restarts_resumes_the_bin(db, site):
    first = counting(db, site.carl, site)
    first.scan("A-01-1")
    first.scan(TEA_EAN)
    del first  # the workstation lost power
    again = CountingWorkflow(db, site.carl)
    resumed = again.open_count(site.count_id)
    assert "Resumed A-01-1" in resumed.message
    assert again.current_bin.code == "A-01-1"
    again.scan(TEA_EAN)
    assert count_lines(db, site, "A-01-1") == [(1, "TEA", None, None, 10, 2)]


class LosesTheAnswer(Database):
    """A database whose next commit goes through but whose answer is lost on the way back,
    as with a network cut just after COMMIT."""

    def __init__(self, inner: Database) -> None:
        self.__dict__.update(inner.__dict__)
        self.lose_next = False

    def transact(self, work, *, attempts: int = 5):
        result = super().transact(work, attempts=attempts)
        if self.lose_next:
            self.lose_next = False
            raise DatabaseError("The connection to the database was lost.")
        return result


def test_a_scan_retried_after_a_lost_answer_is_counted_once(db, site):
    flaky = LosesTheAnswer(db)
    flow = counting(flaky, site.carl, site)
    flaky.lose_next = True
    lost = flow.scan("A-01-1")
    assert lost.level is Level.ERROR and "scan it again" in lost.message
    assert flow.scan("A-01-1").level is Level.OK  # the bin was taken: resumed
    flow.scan(TEA_CASE)
    flaky.lose_next = True
    assert flow.scan(TEA_CASE).level is Level.ERROR
    retried = flow.scan(TEA_CASE)
    assert retried.level is Level.OK and "not again" in retried.message
    assert count_lines(db, site, "A-01-1") == [(1, "TEA", None, None, 10, 24)]
    assert flow.scan(TEA_CASE).level is Level.OK  # a new scan after that is a new case
    flaky.lose_next = True
    flow.scan("CMD-UNDO")
    assert flow.scan("CMD-UNDO").level is Level.OK  # the retry takes back nothing more
    assert count_lines(db, site, "A-01-1") == [(1, "TEA", None, None, 10, 24)]
    flow.scan("A-01-2")
    flow.scan(MILK_GTIN)
    flaky.lose_next = True
    assert flow.enter("L2").level is Level.ERROR  # the lot answered, the answer lost
    assert flow.enter("L2").level is Level.OK
    assert count_lines(db, site, "A-01-2")[1] == (1, "MILK", "L2", None, 3, 1)
    flaky.lose_next = True
    assert flow.finish_bin().level is Level.ERROR
    assert flow.finish_bin().level is Level.WARNING  # finished once: a recount
    assert count_bin(db, site, "A-01-2").status == "recount"
    assert view_is_between_bins(flow)
    assert_ledger_clean(db)


def view_is_between_bins(flow: CountingWorkflow) -> bool:
    return flow.current_bin is None and flow.view().prompt == "Scan a location of the count"


def test_a_location_blocked_before_the_count_stays_blocked_after_it(db, site):
    with db.write() as s:
        loc = s.get(Location, site.loc["A-01-5"])
        loc.blocked, loc.blocked_reason = True, "rack damaged"
    flow = counting(db, site.carl, site)
    assert flow.scan("A-01-5").level is Level.OK
    assert blocked(db, site, "A-01-5") == (True, "rack damaged")
    flow.bin_empty()
    assert count_bin(db, site, "A-01-5").was_blocked
    assert blocked(db, site, "A-01-5") == (True, "rack damaged")


def test_a_count_cancelled_meanwhile_starts_no_new_bin(db, site):
    from models.entities import StockCount
    flow = counting(db, site.carl, site)
    flow.scan("A-01-1")
    with db.write() as s:
        s.get(StockCount, site.count_id).status = "cancelled"
    refused = flow.scan("A-01-6")
    assert refused.level is Level.ERROR and "cancelled" in refused.message
    assert not blocked(db, site, "A-01-1")[0]  # the bin in hand was finished and unblocked
    assert not blocked(db, site, "A-01-6")[0] and flow.current_bin is None
    assert count_bin(db, site, "A-01-6").status == "pending"


def test_counted_and_approved_on_hand_is_counted_plus_moves_after(db, site):
    """End to end with the review's approval: variances posted, a pick after a round kept."""
    from models.counting.review import approve_count

    carl, cora = counting(db, site.carl, site), counting(db, site.cora, site)
    for flow in (carl, cora):
        flow.scan("A-01-2")  # carl counts first, cora recounts: the same finding
        flow.enter("5")
        flow.scan(f"01{MILK_GTIN}10L1")
        flow.enter("2")
        flow.scan(f"01{MILK_GTIN}10L2")  # one of L2 is gone
        flow.scan(f"01{MILK_GTIN}10L9")  # and one of an unknown lot is here
        flow.scan("A-01-3")
        for serial in ("SN-1", "SN-2", "SN-9"):  # SN-3 is missing, SN-9 extra
            flow.scan(f"01{PHONE_GTIN}21{serial}")
        flow.finish_bin()
    carl.scan("A-01-1")
    carl.enter("10")
    carl.scan(TEA_EAN)
    carl.finish_bin()
    pick(db, site.system, site.tea, site.loc["A-01-1"], 1)  # after the round
    for code, units in (("A-01-4", 2), ("A-01-6", 100)):
        carl.scan(code)
        carl.enter(str(units))
        carl.scan(TEA_EAN)
    carl.scan("A-01-5")
    carl.bin_empty()
    assert carl.view().done_lines == 6 and carl.view().finished
    with db.write() as s:
        approve_count(s, site.system, site.count_id)
    assert stock(db, site.tea, site.loc["A-01-1"]) == 9  # counted 10, then 1 picked
    with db.read() as s:
        milk = {lot: on_hand(s, site.milk, location_id=site.loc["A-01-2"], lot_id=lot_id)
                for lot, lot_id in [*site.lots.items(),
                                    ("L9", s.scalar(select(Lot.id).where(Lot.number == "L9")))]}
        phones = set(s.scalars(select(SerialNumber.serial).where(
            SerialNumber.location_id == site.loc["A-01-3"])))
    assert milk == {"L1": 5, "L2": 2, "L9": 1}
    assert phones == {"SN-1", "SN-2", "SN-9"}
    assert_ledger_clean(db)


def test_a_new_lot_of_an_expiry_tracked_product_asks_its_expiry(db, site):
    with db.write() as s:
        s.get(Product, site.milk).expiry_tracked = True
        for lot in s.scalars(select(Lot).where(Lot.product_id == site.milk)):
            lot.expiry = date(2028, 1, 31)
    flow = counting(db, site.carl, site)
    flow.scan("A-01-2")
    assert flow.scan(f"01{MILK_GTIN}10L1").level is Level.OK  # a lot on record: no question
    asked = flow.scan(f"01{MILK_GTIN}10L7")
    assert asked.level is Level.WARNING and flow.view().asking == "expiry"
    assert flow.enter("2028-02-30").level is Level.ERROR
    assert flow.enter("2028-02-29").level is Level.OK
    with db.read() as s:
        assert s.scalar(select(Lot.expiry).where(Lot.product_id == site.milk,
                                                 Lot.number == "L7")) == date(2028, 2, 29)
    assert count_lines(db, site, "A-01-2")[-1] == (1, "MILK", "L7", None, 0, 1)
