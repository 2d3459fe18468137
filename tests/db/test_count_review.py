"""Reviewing and approving counts on both backends: the variance list, recount requests,
approval posting exactly the variances (a pick made after a bin was counted stays), serial
counts with a missing and an extra serial, accuracy figures, a second approval changing
nothing, and `verify` clean after each."""

from __future__ import annotations

from decimal import Decimal

import pypdfium2
import pytest
from sqlalchemy import func, select

from models.actor import Actor
from models.counting.documents import count_report_data, count_sheet_data
from models.counting.review import accuracy, approve_count, request_recount, variances
from models.entities import (
    BinStatus,
    CountBin,
    CountLine,
    LastCount,
    Location,
    SerialNumber,
    StockCount,
    StockMove,
    StockPosting,
    utcnow,
)
from models.errors import InputError, PermissionDenied
from models.ledger import MoveLine, on_hand, verify
from models.permissions import Perm
from printing.render import render_many
from printing.templates import load_template
from tests.db.test_count_plans import CountSite
from tests.printing.decoding import decoded, images_of

Line = tuple[int, int | None, int | None, int, int]  # product, lot, serial, expected, counted


def finish_bin(db, count_id: int, location_id: int, lines: list[Line], counter_id: int, *,
               round_no: int = 1, status: str = BinStatus.COUNTED) -> None:
    """Leave a bin as a finished round leaves it: its lines with the snapshot and the count."""
    with db.write() as s:
        bin_ = s.scalars(select(CountBin).where(CountBin.count_id == count_id,
                                                CountBin.location_id == location_id)).one()
        bin_.status, bin_.round, bin_.counter_id = status, round_no, counter_id
        bin_.first_counter_id = bin_.first_counter_id or counter_id
        bin_.started_at = bin_.counted_at = utcnow()
        s.add_all(CountLine(count_bin_id=bin_.id, round=round_no, product_id=p, lot_id=lot,
                            serial_id=serial, expected=expected, counted=counted)
                  for p, lot, serial, expected, counted in lines)


def approve(db, actor, count_id: int):
    return db.transact(lambda s: approve_count(s, actor, count_id, note="year end"))


def assert_ledger_clean(db) -> None:
    with db.read() as s:
        assert verify(s) == []


@pytest.fixture
def site(db, actor) -> CountSite:
    return CountSite(db, actor)


@pytest.fixture
def zone_a(db, site, actor) -> int:
    """Zone ZA counted: tea 3 short, mug 3 over, milk lot L1 right and 4 of lot L2 found,
    A-02-2 empty as expected; AB-01-1 never counted."""
    count_id = site.plan("zone", zone="ZA")
    me = actor.user_id
    finish_bin(db, count_id, site.loc["A-01-1"], [(site.tea, None, None, 100, 97)], me)
    finish_bin(db, count_id, site.loc["A-01-2"], [(site.mug, None, None, 20, 23)], me)
    finish_bin(db, count_id, site.loc["A-02-1"], [(site.milk, site.l1, None, 30, 30),
                                                  (site.milk, site.l2, None, 0, 4)], me)
    finish_bin(db, count_id, site.loc["A-02-2"], [], me)
    return count_id


def test_approval_posts_exactly_the_variances_and_keeps_moves_made_after_the_count(
        db, site, actor, zone_a):
    # After their rounds, 10 teas are picked and 5 mugs moved on: the count must not undo it.
    site.ship(site.tea, 10, "A-01-1")
    site.post([MoveLine(site.mug, 5, site.loc["A-01-2"], site.loc["B-01-1"])])
    result = approve(db, actor, zone_a)
    assert (result.moves, result.bins_approved, result.units_gained, result.units_lost) == (
        3, 4, 7, 3)
    assert result.left_out == ("AB-01-1",) and not result.replayed
    with db.read() as s:
        posting = s.get(StockPosting, result.posting_id)
        assert (posting.reason, posting.reference, posting.idempotency_key, posting.note) == (
            "count", f"COUNT-{zone_a}", f"count:{zone_a}", "year end")
        codes = dict(s.execute(select(Location.id, Location.code)).all())
        moves = sorted((m.product_id, m.lot_id, m.qty, codes[m.from_location_id],
                        codes[m.to_location_id], m.unit_cost)
                       for m in s.scalars(select(StockMove).where(
                           StockMove.posting_id == result.posting_id)))
        assert moves == sorted([
            (site.tea, None, 3, "A-01-1", "INVENTORY-LOSS", Decimal("8.0000")),
            (site.mug, None, 3, "INVENTORY-LOSS", "A-01-2", Decimal("5.0000")),
            (site.milk, site.l2, 4, "INVENTORY-LOSS", "A-02-1", Decimal("2.0000"))])
        # counted + the moves after the count
        assert on_hand(s, site.tea, location_id=site.loc["A-01-1"]) == 97 - 10
        assert on_hand(s, site.mug, location_id=site.loc["A-01-2"]) == 23 - 5
        assert on_hand(s, site.milk, location_id=site.loc["A-02-1"], lot_id=site.l1) == 30
        assert on_hand(s, site.milk, location_id=site.loc["A-02-1"], lot_id=site.l2) == 4
        count = s.get(StockCount, zone_a)
        assert (count.status, count.approved_by, count.posting_id) == (
            "approved", actor.user_id, result.posting_id)
        assert count.approved_at is not None
        last = {codes[lc.location_id]: lc.count_id for lc in s.scalars(select(LastCount))}
        assert last == {code: zone_a for code in ("A-01-1", "A-01-2", "A-02-1", "A-02-2")}
    assert_ledger_clean(db)


def test_a_second_approval_changes_nothing(db, site, actor, zone_a):
    first = approve(db, actor, zone_a)
    with db.read() as s:
        postings = s.scalar(select(func.count()).select_from(StockPosting))
    again = approve(db, actor, zone_a)
    assert again.replayed and again.message == f"COUNT-{zone_a} was already approved."
    assert (again.posting_id, again.moves, again.units_gained, again.units_lost) == (
        first.posting_id, 3, 7, 3)
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(StockPosting)) == postings
        assert on_hand(s, site.tea, location_id=site.loc["A-01-1"]) == 97
    assert_ledger_clean(db)


def test_accuracy_figures_count_lines_units_and_shrinkage_value(db, site, actor, zone_a):
    figures = accuracy_of(db, zone_a)
    assert (figures.bins_counted, figures.lines, figures.lines_without_variance) == (4, 4, 1)
    assert figures.accuracy_pct == Decimal("25.0")
    assert (figures.units_gained, figures.units_lost) == (7, 3)
    # mug 3 x 5.00 + milk 4 x 2.00 gained; tea 3 x 8.00 lost
    assert (figures.value_gained, figures.value_lost, figures.net_value) == (
        Decimal("23"), Decimal("24"), Decimal("-1"))


def accuracy_of(db, count_id: int):
    with db.read() as s:
        return accuracy(s, count_id)


def test_the_variance_list_filters_and_values_each_line(db, site, zone_a):
    with db.read() as s:
        every = variances(s, zone_a)
        only = variances(s, zone_a, only_variances=True)
        milk = variances(s, zone_a, location_prefix="A-02")
        tea = variances(s, zone_a, sku="TEA")
    assert [(v.location, v.sku, v.lot, v.expected, v.counted, v.variance) for v in every] == [
        ("A-01-1", "TEA", None, 100, 97, -3), ("A-01-2", "MUG", None, 20, 23, 3),
        ("A-02-1", "MILK", "L1", 30, 30, 0), ("A-02-1", "MILK", "L2", 0, 4, 4)]
    assert [v.sku + (v.lot or "") for v in only] == ["TEA", "MUG", "MILKL2"]
    assert [v.lot for v in milk] == ["L1", "L2"]
    [row] = tea
    assert (row.unit_cost, row.value_impact, row.bin_status, row.round) == (
        Decimal("8.0000"), Decimal("-24.0000"), "counted", 1)


def test_approval_is_refused_while_a_bin_waits_for_a_recount(db, site, actor, zone_a):
    with pytest.raises(InputError, match="AB-01-1 has not been counted yet"):
        db.transact(lambda s: request_recount(s, actor, zone_a, ["A-01-1", "AB-01-1"]))
    assert db.transact(lambda s: request_recount(s, actor, zone_a, ["A-01-1"])) == ["A-01-1"]
    with pytest.raises(InputError, match=f"COUNT-{zone_a} cannot be approved yet: A-01-1 "
                                         "waits for a recount"):
        approve(db, actor, zone_a)
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(StockPosting)) == 1  # the receipt
    # The recount (round 2, by another counter) finds 98: that is what approval posts.
    finish_bin(db, zone_a, site.loc["A-01-1"], [(site.tea, None, None, 100, 98)],
               actor.user_id, round_no=2)
    assert approve(db, actor, zone_a).units_lost == 2
    with db.read() as s:
        assert on_hand(s, site.tea, location_id=site.loc["A-01-1"]) == 98
    assert_ledger_clean(db)


def test_a_serial_missing_goes_to_loss_and_an_extra_one_comes_into_the_bin(db, site, actor):
    count_id = site.plan("zone", zone="ZB")
    finish_bin(db, count_id, site.loc["B-01-2"], [(site.cam, None, site.s1, 1, 1),
                                                  (site.cam, None, site.s2, 1, 0),
                                                  (site.cam, None, site.s3, 0, 1)],
               actor.user_id)
    finish_bin(db, count_id, site.loc["B-01-1"], [(site.sock, None, None, 50, 50)],
               actor.user_id)
    result = approve(db, actor, count_id)
    assert (result.moves, result.units_gained, result.units_lost) == (2, 1, 1)
    with db.read() as s:
        where = dict(s.execute(select(SerialNumber.serial, Location.code).join(
            Location, Location.id == SerialNumber.location_id)).all())
        assert where == {"S1": "B-01-2", "S2": "INVENTORY-LOSS", "S3": "B-01-2"}
        assert on_hand(s, site.cam, location_id=site.loc["B-01-2"]) == 2
        assert accuracy(s, count_id).accuracy_pct == Decimal("50.0")
    assert_ledger_clean(db)


def test_stock_gone_since_the_count_is_a_clear_error_naming_the_line(db, site, actor):
    count_id = site.plan("products", skus=["TEA"])
    finish_bin(db, count_id, site.loc["A-01-1"], [(site.tea, None, None, 100, 50)],
               actor.user_id)
    site.ship(site.tea, 60, "A-01-1")  # 40 left; approval would take 50
    with pytest.raises(InputError, match=f"COUNT-{count_id} cannot be approved: Not enough "
                                         "stock of TEA at A-01-1.*recount it"):
        approve(db, actor, count_id)
    with db.read() as s:
        assert s.get(StockCount, count_id).status == "open"
        assert on_hand(s, site.tea, location_id=site.loc["A-01-1"]) == 40
    assert_ledger_clean(db)


def test_approval_needs_the_adjust_permission(db, site, actor, zone_a):
    counter = Actor(actor.user_id, "cora", "ws", frozenset({Perm.STOCK_VIEW, Perm.STOCK_MOVE}))
    with pytest.raises(PermissionDenied, match="Adjust stock"):
        approve(db, counter, zone_a)
    with pytest.raises(PermissionDenied):
        db.transact(lambda s: request_recount(s, counter, zone_a, ["A-01-1"]))


def test_the_sheet_hides_quantities_of_a_blind_count_and_both_documents_render(
        db, site, actor, zone_a):
    with db.read() as s:
        sheet = count_sheet_data(s, zone_a)
    assert [(ln["location"], ln["sku"], ln["expected"]) for ln in sheet["lines"]] == [
        ("A-01-1", "TEA", ""), ("A-01-2", "MUG", ""), ("A-02-1", "MILK", ""),
        ("A-02-2", "—", ""), ("AB-01-1", "—", "")]
    assert sheet["zone"] == "ZA" and sheet["lines"][2]["name"] == "Lot L1: Product MILK"
    approve(db, actor, zone_a)
    with db.read() as s:
        report = count_report_data(s, zone_a)
    assert (report["status"], report["accuracy"], report["net_value"]) == (
        "approved", "25.0 %", "-1.00")
    assert [(r["sku"], r["variance"], r["value"]) for r in report["lines"]] == [
        ("TEA", "-3", "-24.00"), ("MUG", "+3", "+15.00"), ("MILK", "+4", "+8.00")]
    for name, data in (("count-sheet", sheet), ("count-report", report)):
        template = load_template(name)
        assert template.check(data) == []
        pdf = render_many(template, [data], "pdf", 300)
        [page] = images_of(pdf, "pdf", 300)
        assert (f"COUNT-{zone_a}", "]C0") in decoded(page)
        text = pypdfium2.PdfDocument(pdf)[0].get_textpage().get_text_range()
        assert "A-01-1" in text


def test_an_open_count_sheet_shows_expected_quantities_when_not_blind(db, site):
    count_id = site.plan("zone", zone="ZB", blind=False)
    with db.read() as s:
        sheet = count_sheet_data(s, count_id)
    assert [(ln["location"], ln["sku"], ln["expected"]) for ln in sheet["lines"]] == [
        ("B-01-1", "SOCK", "50"), ("B-01-2", "CAM", "2")]
