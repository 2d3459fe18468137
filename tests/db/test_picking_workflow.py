"""Picking a wave by scans, on both backends: the walk, totes, wrong bin and item, lots,
short picks, undo, and a crash in the middle; stock, reservations and ledger rows checked
with `verify` clean after each."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from models.entities import PickEvent, SalesOrder, SalesOrderStatus, StockPosting, Wave
from models.feedback import Level
from models.ledger.queries import available
from models.packing.parcel import parcel_items
from models.picking.picklist import pick_rows
from models.picking.workflow import PickingWorkflow
from models.sales.allocation import set_partial_policy
from models.sales.order_decisions import retry_orders
from tests import factories as f
from tests.db import picking_setup as setup
from tests.db.picking_setup import CUP_EAN, MILK_GTIN, TEA_CASE, TEA_EAN
from tests.db.picking_setup import scan_ok as _ok
from tests.db.test_counting_workflow import LosesTheAnswer


@pytest.fixture
def site(db, actor):
    return setup.stocked_site(db, actor)


def _wave(db, actor, orders):
    ids = [setup.order(db, actor, number, lines) for number, lines in orders]
    setup.approve(db, actor)
    [wave] = setup.plan(db, actor)
    return wave, ids


def _wave_status(db, wave):
    with db.read() as s:
        return s.get(Wave, wave.id).status


def test_a_batch_of_two_orders_is_picked_into_totes_in_walk_order(db, actor, site):
    wave, (o1, o2) = _wave(db, actor, [("o1", [("CUP", 1), ("TEA", 2)]),
                                       ("o2", [("TEA", 1)])])
    assert setup.quants(db, site["TEA"])[(site["A-01"], None)] == (10, 3)
    flow = PickingWorkflow(db, actor)
    fb = _ok(flow, wave.code)
    assert fb.next_step == "Scan a tote for order #1 o1"
    _ok(flow, "TOTE-001")
    fb = _ok(flow, "TOTE-002")
    assert fb.next_step == "Go to A-01 and scan it"
    fb = _ok(flow, "A-01")
    assert "take TEA ×3 (2 → TOTE-001, 1 → TOTE-002)" in fb.message
    fb = _ok(flow, TEA_EAN)
    assert fb.message == "TEA ×1 → TOTE-001."
    _ok(flow, "CMD-QTY+1")
    fb = _ok(flow, TEA_EAN)
    assert fb.message == "TEA ×1 → TOTE-002. Order o2 is picked."
    assert setup.status(db, o2) == SalesOrderStatus.PICKED
    assert flow.view().prompt == "Go to B-01 and scan it"
    _ok(flow, "B-01")
    fb = _ok(flow, CUP_EAN)
    assert "Order o1 is picked." in fb.message and f"{wave.code} is picked" in fb.message
    assert setup.status(db, o1) == SalesOrderStatus.PICKED
    assert _wave_status(db, wave) == "done"
    assert setup.quants(db, site["TEA"]) == {(site["A-01"], None): (7, 0),
                                             (site["PACK"], None): (3, 0)}
    assert setup.quants(db, site["CUP"]) == {(site["B-01"], None): (9, 0),
                                             (site["PACK"], None): (1, 0)}
    fb = _ok(flow, "CMD-DONE")
    assert flow.wave is None
    assert setup.clean(db)


def test_a_wrong_bin_and_an_item_before_its_bin_are_refused(db, actor, site):
    wave, _ = _wave(db, actor, [("o1", [("TEA", 1), ("CUP", 1)])])
    flow = PickingWorkflow(db, actor)
    _ok(flow, wave.code, "TOTE-001")
    before = setup.moves(db)
    fb = flow.scan("B-01")
    assert (fb.level, fb.message) == (Level.ERROR, "Wrong bin B-01: go to A-01.")
    fb = flow.scan(TEA_EAN)
    assert (fb.level, fb.message) == (Level.ERROR, "Scan the bin A-01 first, then the item.")
    assert setup.moves(db) == before
    assert flow.view().prompt == "Go to A-01 and scan it"
    assert setup.clean(db)


def test_an_item_scanned_after_the_wave_is_picked_says_the_wave_is_done(db, actor, site):
    wave, _ = _wave(db, actor, [("o1", [("TEA", 1)])])
    flow = PickingWorkflow(db, actor)
    _ok(flow, wave.code, "TOTE-001", "A-01", TEA_EAN)
    before = setup.moves(db)
    fb = flow.scan(TEA_EAN)
    assert (fb.level, fb.message) == (
        Level.ERROR, f"Everything of {wave.code} is picked: scan CMD-DONE (F10).")
    assert setup.moves(db) == before
    assert setup.clean(db)


def test_an_item_not_on_the_bins_tasks_is_refused(db, actor, site):
    wave, _ = _wave(db, actor, [("o1", [("TEA", 1)])])
    flow = PickingWorkflow(db, actor)
    _ok(flow, wave.code, "TOTE-001", "A-01")
    before = setup.moves(db)
    fb = flow.scan(CUP_EAN)
    assert (fb.level, fb.message) == (
        Level.ERROR, "Wrong item: CUP is not to be picked from A-01; take TEA.")
    fb = flow.scan(TEA_CASE)
    assert fb.level is Level.ERROR and fb.message.startswith("Only 1 more of TEA")
    assert setup.moves(db) == before
    assert setup.clean(db)


def test_a_case_barcode_and_a_typed_quantity_pick_several_units(db, actor, site):
    wave, (o1,) = _wave(db, actor, [("o1", [("TEA", 9)])])
    flow = PickingWorkflow(db, actor)
    _ok(flow, wave.code, "TOTE-001", "A-01", TEA_CASE)
    assert flow.enter("3").level is Level.OK
    _ok(flow, TEA_EAN)
    assert setup.status(db, o1) == SalesOrderStatus.PICKED
    assert setup.quants(db, site["TEA"])[(site["PACK"], None)] == (9, 0)
    assert setup.clean(db)


def test_the_reserved_lot_is_picked_and_another_lot_is_refused(db, actor, site):
    f.stock_in(db, actor, site["MILK"], site["A-02"], 5, lot_id=site["L-LATE"])
    f.stock_in(db, actor, site["MILK"], site["A-02"], 5, lot_id=site["L-SOON"])
    wave, _ = _wave(db, actor, [("o1", [("MILK", 2)])])
    flow = PickingWorkflow(db, actor)
    _ok(flow, wave.code, "TOTE-001", "A-02")
    late = f"01{MILK_GTIN}10L-LATE"
    fb = flow.scan(late)
    assert fb.level is Level.ERROR
    assert fb.message.startswith("Lot L-LATE of MILK is not the one reserved: take lot L-SOON")
    _ok(flow, f"01{MILK_GTIN}10L-SOON", MILK_GTIN)  # a plain GTIN is the lot shown
    assert setup.quants(db, site["MILK"])[(site["PACK"], site["L-SOON"])] == (2, 0)
    assert setup.quants(db, site["MILK"])[(site["A-02"], site["L-LATE"])] == (5, 0)
    assert setup.clean(db)


def test_a_short_bin_is_reallocated_from_another_bin_at_its_walk_position(db, actor, site):
    f.stock_in(db, actor, site["TEA"], site["B-02"], 10)
    wave, (o1,) = _wave(db, actor, [("o1", [("TEA", 3)])])
    flow = PickingWorkflow(db, actor)
    _ok(flow, wave.code, "TOTE-001", "A-01", TEA_EAN)
    fb = flow.scan("CMD-EMPTY")
    assert fb.level is Level.WARNING
    assert fb.message == ("A-01 short: TEA for o1: 2 reserved in B-02. A-01 is blocked for TEA "
                          "until it is counted (COUNT-1 planned).")
    assert setup.quants(db, site["TEA"])[(site["A-01"], None)] == (9, 0)
    assert setup.quants(db, site["TEA"])[(site["B-02"], None)] == (10, 2)
    assert flow.view().prompt == "Go to B-02 and scan it"
    _ok(flow, "B-02", TEA_EAN, TEA_EAN)
    assert setup.status(db, o1) == SalesOrderStatus.PICKED
    assert _wave_status(db, wave) == "done"
    assert setup.quants(db, site["TEA"])[(site["PACK"], None)] == (3, 0)
    assert setup.clean(db)


def test_a_short_bin_with_nothing_elsewhere_makes_the_order_an_exception(db, actor, site):
    wave, (o1, o2) = _wave(db, actor, [("o1", [("TEA", 2), ("CUP", 1)]),
                                       ("o2", [("CUP", 1)])])
    flow = PickingWorkflow(db, actor)
    _ok(flow, wave.code, "TOTE-001", "TOTE-002", "A-01")
    fb = flow.scan("CMD-EMPTY")
    assert fb.level is Level.WARNING
    assert "TEA for o1: 2 missing" in fb.message
    with db.read() as s:
        order = s.get(SalesOrder, o1)
        assert order.status == SalesOrderStatus.EXCEPTION
        assert "short pick in" in order.exception_reason
    # The rest of the wave goes on.
    _ok(flow, "B-01", CUP_EAN, CUP_EAN)
    assert setup.status(db, o2) == SalesOrderStatus.PICKED
    assert _wave_status(db, wave) == "done"
    assert setup.quants(db, site["TEA"])[(site["A-01"], None)] == (10, 0)
    assert setup.clean(db)


def test_undo_reverses_the_last_pick_and_restores_the_reservation(db, actor, site):
    wave, (o1,) = _wave(db, actor, [("o1", [("TEA", 1)])])
    flow = PickingWorkflow(db, actor)
    _ok(flow, wave.code, "TOTE-001", "A-01", TEA_EAN)
    assert setup.status(db, o1) == SalesOrderStatus.PICKED
    moves = setup.moves(db)
    fb = flow.scan("CMD-UNDO")
    assert (fb.level, fb.message) == (Level.OK, "Undone: TEA ×1 goes back to A-01.")
    assert setup.moves(db) == moves + 1  # a reversing posting, nothing deleted
    assert setup.quants(db, site["TEA"])[(site["A-01"], None)] == (10, 1)
    assert setup.status(db, o1) == SalesOrderStatus.PICKING
    assert _wave_status(db, wave) == "picking"
    assert flow.scan("CMD-UNDO").level is Level.WARNING
    _ok(flow, "A-01", TEA_EAN)
    assert setup.status(db, o1) == SalesOrderStatus.PICKED
    assert setup.clean(db)


def test_a_new_workflow_resumes_the_wave_after_a_crash_without_duplicates(db, actor, site):
    wave, (o1,) = _wave(db, actor, [("o1", [("TEA", 2), ("CUP", 1)])])
    first = PickingWorkflow(db, actor)
    _ok(first, wave.code, "TOTE-001", "A-01", TEA_EAN)
    # The workstation dies; another one opens the same wave.
    second = PickingWorkflow(db, actor)
    fb = _ok(second, wave.code)
    assert "2 units left to pick" in fb.message
    assert second.view().prompt == "Go to A-01 and scan it"
    _ok(second, "A-01", TEA_EAN, "B-01", CUP_EAN)
    assert setup.status(db, o1) == SalesOrderStatus.PICKED
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(PickEvent)) == 3
        assert s.scalar(select(func.count()).select_from(StockPosting)
                        .where(StockPosting.reason == "pick")) == 3
    assert setup.quants(db, site["TEA"])[(site["PACK"], None)] == (2, 0)
    assert setup.clean(db)


def test_a_replayed_scan_key_is_picked_once(db, actor, site):
    wave, _ = _wave(db, actor, [("o1", [("TEA", 2)])])
    flow = PickingWorkflow(db, actor)
    _ok(flow, wave.code, "TOTE-001", "A-01")
    assert flow.scan(TEA_EAN, key="line-4").level is Level.OK
    fb = flow.scan(TEA_EAN, key="line-4")
    assert fb.message == "TEA: picked before, not again."
    assert setup.quants(db, site["TEA"])[(site["PACK"], None)] == (1, 0)
    assert setup.clean(db)


def test_a_tote_is_one_orders_at_a_time(db, actor, site):
    wave, _ = _wave(db, actor, [("o1", [("TEA", 1)]), ("o2", [("TEA", 1)])])
    flow = PickingWorkflow(db, actor)
    _ok(flow, wave.code, "TOTE-001")
    fb = flow.scan("TOTE-001")
    assert (fb.level, fb.message) == (Level.ERROR,
                                      "TOTE-001 is in use for order #1: take an empty tote.")
    fb = flow.scan("A-01")
    assert fb.message == "Scan a tote (TOTE-…) for order #2 o2 first."


def test_scans_retried_after_a_lost_answer_are_done_once(db, actor, site):
    wave, (o1, o2) = _wave(db, actor, [("o1", [("TEA", 2)]), ("o2", [("TEA", 1)])])
    flaky = LosesTheAnswer(db)
    flow = PickingWorkflow(flaky, actor)
    _ok(flow, wave.code)
    flaky.lose_next = True
    assert flow.scan("TOTE-001").level is Level.ERROR
    assert flow.scan("TOTE-001").message == "TOTE-001 for order #1."  # the retry
    _ok(flow, "TOTE-002", "A-01")
    flaky.lose_next = True
    lost = flow.scan(TEA_EAN)
    assert lost.level is Level.ERROR and "never picked twice" in lost.message
    assert flow.scan(TEA_EAN).message == "TEA: picked before, not again."
    _ok(flow, TEA_EAN)  # a new scan is a new unit
    assert setup.quants(db, site["TEA"])[(site["PACK"], None)] == (2, 0)
    flaky.lose_next = True
    assert flow.scan("CMD-UNDO").level is Level.ERROR
    assert flow.scan("CMD-UNDO").message == "Undone before, not again."
    assert setup.quants(db, site["TEA"])[(site["PACK"], None)] == (1, 0)
    _ok(flow, "A-01", TEA_EAN, TEA_EAN)
    assert setup.status(db, o1) == setup.status(db, o2) == SalesOrderStatus.PICKED
    assert setup.clean(db)


def test_a_short_bin_backorders_the_order_when_partial_stock_is_backordered(db, actor, site):
    db.transact(lambda s: set_partial_policy(s, actor, policy="backorder"))
    wave, (o1,) = _wave(db, actor, [("o1", [("TEA", 3)])])
    flow = PickingWorkflow(db, actor)
    _ok(flow, wave.code, "TOTE-001", "A-01", TEA_EAN)
    assert flow.scan("CMD-EMPTY").level is Level.WARNING
    with db.read() as s:
        order = s.get(SalesOrder, o1)
        assert order.status == SalesOrderStatus.BACKORDER
        assert order.hold_reason == (f"short pick in {wave.code}: TEA 2 missing (A-01 short, "
                                     "none free elsewhere)")
    assert _wave_status(db, wave) == "done"
    assert setup.quants(db, site["TEA"]) == {(site["A-01"], None): (9, 0),
                                             (site["PACK"], None): (1, 0)}
    assert setup.clean(db)


@pytest.mark.parametrize(("policy", "short_status"), [("hold", SalesOrderStatus.EXCEPTION),
                                                      ("backorder", SalesOrderStatus.BACKORDER)])
def test_a_short_picked_order_retried_reserves_only_what_is_still_to_pick(
        db, actor, site, policy, short_status):
    db.transact(lambda s: set_partial_policy(s, actor, policy=policy))
    wave, (o1,) = _wave(db, actor, [("o1", [("TEA", 3), ("CUP", 2)])])
    flow = PickingWorkflow(db, actor)
    _ok(flow, wave.code, "TOTE-001", "A-01", TEA_EAN, TEA_EAN, TEA_EAN, "B-01", CUP_EAN)
    assert "CUP for o1: 1 missing" in flow.scan("CMD-EMPTY").message
    assert setup.status(db, o1) == short_status
    f.stock_in(db, actor, site["CUP"], site["A-02"], 5)  # the missing CUP has come

    summary = db.transact(lambda s: retry_orders(s, actor, order_ids=[o1]))
    assert summary.approved == 1
    # The 3 TEA and 1 CUP picked wait at the packing table; only the missing CUP is reserved.
    assert setup.quants(db, site["TEA"]) == {(site["A-01"], None): (7, 0),
                                             (site["PACK"], None): (3, 0)}
    assert sum(reserved for _, reserved in setup.quants(db, site["CUP"]).values()) == 1
    with db.read() as s:
        assert available(s, site["TEA"], location_id=site["A-01"]) == 7
    [again] = setup.plan(db, actor)
    with db.read() as s:
        assert [(row.sku, row.qty) for row in pick_rows(s, again.id)] == [("CUP", 1)]
    flow = PickingWorkflow(db, actor)
    _ok(flow, again.code, "TOTE-002")
    row = flow.next_row()
    assert row is not None
    _ok(flow, row.location, CUP_EAN)
    assert setup.status(db, o1) == SalesOrderStatus.PICKED
    with db.read() as s:
        assert [(i.sku, i.qty) for i in parcel_items(s, o1)] == [("CUP", 2), ("TEA", 3)]
    assert setup.clean(db)
