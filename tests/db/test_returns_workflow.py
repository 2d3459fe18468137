"""Returns by scans, on both backends: a shipped order found by its parcel's tracking number
or its order number, its items received customer -> returns location, a wrong item and an
over-return refused, each unit restocked, quarantined or scrapped (scrap approved by a
supervisor; its undo too), undo, a retried scan counted once, the order `returned` once all
is back, a serial-numbered unit taken back by its serial (only one shipped on the order and
not back already) with every posting carrying the serial, and `verify` clean after each."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from models.entities import (
    CustomerReturn,
    ReturnStep,
    SerialNumber,
    StockMove,
    StockPosting,
    User,
)
from models.feedback import Level
from models.returns.workflow import ReturnsWorkflow
from tests import factories as f
from tests.db import packing_setup as pk
from tests.db import picking_setup as setup
from tests.db import returns_setup as rs
from tests.db.picking_setup import CUP_EAN, MILK_GTIN, TEA_CASE, TEA_EAN, scan_ok
from tests.db.returns_setup import CAM_EAN, cam_label
from tests.db.test_counting_workflow import LosesTheAnswer


@pytest.fixture
def site(db, actor):
    return rs.returns_site(db, actor)


@pytest.fixture
def rita(db, site):
    return pk.user(db, "rita", "return-12")


def _at(db, site, sku, place):
    return setup.quants(db, site[sku]).get((site[place], None), (0, 0))[0]


def _postings(db, reason):
    with db.read() as s:
        return s.scalars(select(StockPosting).where(StockPosting.reason == reason)
                         .order_by(StockPosting.id)).all()


def test_a_parcel_found_by_its_tracking_number_is_received_into_the_returns_location(
        db, actor, site, rita):
    order_id = rs.shipped_order(db, actor, "R1", [("TEA", 2), ("CUP", 1)],
                                tracking="SF1000000001")
    flow = ReturnsWorkflow(db, rita)
    fb = scan_ok(flow, "SF1000000001")
    assert fb.message == "Order R1: 3 units shipped."
    fb = scan_ok(flow, TEA_EAN)
    assert fb.message == "TEA ×1 received to RET: 1 of 2 back."
    assert fb.next_step == "TEA ×1: F2 restock, F3 quarantine or F4 scrap"
    assert _at(db, site, "TEA", "RET") == 1
    [posting] = _postings(db, "return")
    with db.read() as s:
        [move] = s.scalars(select(StockMove).where(StockMove.posting_id == posting.id)).all()
        assert (move.qty, move.to_location_id) == (1, site["RET"])
        assert posting.reference.startswith("R1 RMA-")
    view = flow.view()
    assert [(ln.sku, ln.expected, ln.done) for ln in view.lines] == [("CUP", 1, 0),
                                                                    ("TEA", 2, 1)]
    assert view.current == "At RET: TEA Product TEA ×1"
    assert setup.status(db, order_id) == "shipped"
    assert setup.clean(db)


def test_a_wrong_item_and_an_over_return_are_refused(db, actor, site, rita):
    rs.shipped_order(db, actor, "R2", [("TEA", 1)], tracking="SF1000000002")
    flow = ReturnsWorkflow(db, rita)
    scan_ok(flow, "SO-R2")
    wrong = flow.scan(CUP_EAN)
    assert wrong.level is Level.ERROR
    assert wrong.message == "Wrong item: CUP was not shipped on order R2; put it aside."
    case = flow.scan(TEA_CASE)
    assert case.level is Level.ERROR
    assert case.message == ("Over-return: only 1 more TEA can come back on order R2, this "
                            "scan counts 6; put the rest aside.")
    scan_ok(flow, TEA_EAN)
    extra = flow.scan(TEA_EAN)
    assert extra.level is Level.ERROR
    assert extra.message == ("Over-return: order R2 shipped 1 TEA, all returned already; put "
                             "it aside.")
    assert _at(db, site, "TEA", "RET") == 1
    assert setup.clean(db)


def test_restock_quarantine_and_scrap_move_the_units_and_the_order_is_returned(
        db, actor, site, rita):
    order_id = rs.shipped_order(db, actor, "R3", [("TEA", 3), ("CUP", 1)],
                                tracking="SF1000000003")
    tea_in_a01 = _at(db, site, "TEA", "A-01")
    flow = ReturnsWorkflow(db, rita)
    scan_ok(flow, "R3", TEA_EAN)  # the shop's order number, typed or scanned
    assert flow.restock().level is Level.OK
    assert flow.asking == "reason"
    fb = flow.enter("1")
    assert fb.message == "Scan the bin for TEA ×1 (suggested A-01; Enter takes it)."
    assert flow.asking == "bin"
    fb = flow.enter("")
    assert fb.message == "TEA ×1 restocked to A-01 (Unopened, resaleable)."
    assert _at(db, site, "TEA", "A-01") == tea_in_a01 + 1

    scan_ok(flow, TEA_EAN)
    flow.quarantine()
    fb = flow.enter("box crushed by the courier")
    assert fb.message == "TEA ×1 quarantined at QUAR (box crushed by the courier)."
    assert _at(db, site, "TEA", "QUAR") == 1

    scan_ok(flow, TEA_EAN)
    flow.scrap()
    fb = flow.enter("3")
    assert fb.level is Level.WARNING and flow.asking == "approval"
    assert flow.view().prompt == ("Scrap TEA ×1: supervisor approval (F9) or cancel (Esc)")
    denied = flow.approve(username="rita", password="return-12")
    assert denied.level is Level.ERROR and "may not do this" in denied.message
    fb = flow.approve(username="sam", password="approve-1")
    assert fb.message == "TEA ×1 scrapped to INVENTORY-LOSS (Defective, approved by sam)."
    assert setup.status(db, order_id) == "shipped"  # the cup is still out

    fb = scan_ok(flow, CUP_EAN)
    assert "Every unit of order R3 is back." in fb.message
    assert setup.status(db, order_id) == "returned"
    flow.quarantine()
    flow.enter("damaged")
    assert _at(db, site, "CUP", "QUAR") == 1
    assert _at(db, site, "TEA", "RET") == _at(db, site, "CUP", "RET") == 0
    with db.read() as s:
        steps = s.scalars(select(ReturnStep).order_by(ReturnStep.id)).all()
        assert [(st.kind, st.qty, st.reason) for st in steps] == [
            ("receive", 1, ""), ("restock", 1, "unopened"), ("receive", 1, ""),
            ("quarantine", 1, "other"), ("receive", 1, ""), ("scrap", 1, "defective"),
            ("receive", 1, ""), ("quarantine", 1, "damaged")]
        assert steps[5].approved_by is not None
        assert s.scalar(select(func.count()).select_from(CustomerReturn)) == 1
    assert [p.reason for p in _postings(db, "scrap")] == ["scrap"]
    assert flow.view().finished
    assert setup.clean(db)


def test_restock_refuses_a_bin_that_is_no_shelf(db, actor, site, rita):
    rs.shipped_order(db, actor, "R4", [("CUP", 1)], tracking="SF1000000004")
    flow = ReturnsWorkflow(db, rita)
    scan_ok(flow, "SF1000000004", CUP_EAN)
    early = flow.scan("B-02")
    assert early.message == "Choose first: F2 restock, F3 quarantine or F4 scrap."
    flow.restock()
    flow.enter("2")
    fb = flow.scan("PACK")
    assert fb.level is Level.ERROR
    assert fb.message == ("PACK is a packing location: restock to a storage bin or pick "
                          "face.")
    fb = scan_ok(flow, "B-02")
    assert fb.message == "CUP ×1 restocked to B-02 (Damaged)."
    assert _at(db, site, "CUP", "B-02") == 1
    assert setup.clean(db)


def test_undo_reverses_the_last_step(db, actor, site, rita):
    order_id = rs.shipped_order(db, actor, "R5", [("TEA", 1)], tracking="SF1000000005")
    flow = ReturnsWorkflow(db, rita)
    scan_ok(flow, "SF1000000005", TEA_EAN)
    assert setup.status(db, order_id) == "returned"
    flow.quarantine()
    flow.enter("2")
    assert _at(db, site, "TEA", "QUAR") == 1
    fb = flow.undo_last()
    assert fb.message == "Undone: TEA ×1 quarantined."
    assert (_at(db, site, "TEA", "QUAR"), _at(db, site, "TEA", "RET")) == (0, 1)
    fb = flow.undo_last()
    assert fb.message == "Undone: TEA ×1 received."
    assert _at(db, site, "TEA", "RET") == 0
    assert setup.status(db, order_id) == "shipped"
    assert flow.undo_last().level is Level.WARNING
    assert [p.reverses_id is not None for p in _postings(db, "reversal")] == [True, True]
    assert setup.clean(db)


def test_a_scan_retried_after_a_lost_answer_is_received_once(db, actor, site, rita):
    rs.shipped_order(db, actor, "R6", [("TEA", 2)], tracking="SF1000000006")
    flaky = LosesTheAnswer(db)
    flow = ReturnsWorkflow(flaky, rita)
    scan_ok(flow, "SF1000000006")
    flaky.lose_next = True
    lost = flow.scan(TEA_EAN)
    assert lost.level is Level.ERROR and "scan it again" in lost.message
    fb = flow.scan(TEA_EAN)
    assert fb.message == "TEA: received before, not again."
    assert _at(db, site, "TEA", "RET") == 1
    assert len(_postings(db, "return")) == 1
    assert setup.clean(db)


def test_a_scan_in_doubt_stays_in_doubt_when_another_call_loses_its_answer(
        db, actor, site, rita):
    rs.shipped_order(db, actor, "R8", [("TEA", 2)], tracking="SF1000000008")
    flaky = LosesTheAnswer(db)
    flow = ReturnsWorkflow(flaky, rita)
    scan_ok(flow, "SF1000000008")
    flaky.lose_next = True
    assert flow.scan(TEA_EAN).level is Level.ERROR
    flaky.lose_next = True
    assert flow.open("SF1000000008").level is Level.ERROR  # the network is still bad
    fb = flow.scan(TEA_EAN)
    assert fb.message == "TEA: received before, not again."
    assert _at(db, site, "TEA", "RET") == 1
    assert setup.clean(db)


def test_a_restarted_clerk_goes_on_with_the_units_still_waiting(db, actor, site, rita):
    rs.shipped_order(db, actor, "R7", [("TEA", 2)], tracking="SF1000000007")
    scan_ok(ReturnsWorkflow(db, rita), "SF1000000007", TEA_EAN)
    flow = ReturnsWorkflow(db, rita)
    fb = scan_ok(flow, "SF1000000007")
    assert fb.message == "Order R7: 2 units shipped, 1 returned before."
    assert fb.next_step == "TEA ×1: F2 restock, F3 quarantine or F4 scrap"
    flow.quarantine()
    flow.enter("2")
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(CustomerReturn)) == 1
    assert setup.clean(db)


def test_an_order_not_shipped_is_not_returned(db, actor, site, rita):
    pk.picked_order(db, actor, "R8", [("TEA", 1)])
    flow = ReturnsWorkflow(db, rita)
    fb = flow.scan("SO-R8")
    assert fb.level is Level.ERROR
    assert fb.message == "Order R8 is picked: only a shipped order can be returned."
    assert flow.scan(TEA_EAN).message == ("Scan the parcel's tracking number or the order "
                                          "number first, then its items.")


def test_a_lot_tracked_item_comes_back_into_the_lot_that_was_shipped(db, actor, site, rita):
    f.stock_in(db, actor, site["MILK"], site["A-02"], 5, lot_id=site["L-SOON"])
    rs.shipped_order(db, actor, "R9", [("MILK", 2)], tracking="SF1000000009")
    f.stock_in(db, actor, site["MILK"], site["A-02"], 5, lot_id=site["L-LATE"])
    flow = ReturnsWorkflow(db, rita)
    scan_ok(flow, "SF1000000009")
    other = flow.scan(f"01{MILK_GTIN}10L-LATE")
    assert other.level is Level.ERROR
    assert other.message == "Lot L-LATE of MILK was not shipped on this order: put it aside."
    fb = scan_ok(flow, f"01{MILK_GTIN}10L-SOON")
    assert fb.message == "MILK lot L-SOON ×1 received to RET: 1 of 2 back."
    scan_ok(flow, MILK_GTIN)  # no lot on the label: the only lot shipped
    assert setup.quants(db, site["MILK"])[(site["RET"], site["L-SOON"])] == (2, 0)
    flow.quarantine()
    assert flow.enter("3").message == "MILK ×2 quarantined at QUAR (Defective)."
    assert setup.quants(db, site["MILK"])[(site["QUAR"], site["L-SOON"])] == (2, 0)
    assert setup.clean(db)


def test_a_lot_tracked_item_scanned_once_all_is_back_is_an_over_return(db, actor, site, rita):
    f.stock_in(db, actor, site["MILK"], site["A-02"], 5, lot_id=site["L-SOON"])
    rs.shipped_order(db, actor, "R9", [("MILK", 1)], tracking="SF1000000009")
    flow = ReturnsWorkflow(db, rita)
    scan_ok(flow, "SF1000000009", MILK_GTIN)
    before = setup.moves(db)
    extra = flow.scan(MILK_GTIN)
    assert (extra.level, extra.message) == (
        Level.ERROR, "Over-return: order R9 shipped 1 MILK, all returned already; put it aside.")
    assert setup.moves(db) == before
    assert setup.clean(db)


def _scrapped(db, actor, rita, number, tracking):
    """A tea of order `number` returned and scrapped by rita with sam's approval."""
    rs.shipped_order(db, actor, number, [("TEA", 1)], tracking=tracking)
    flow = ReturnsWorkflow(db, rita)
    scan_ok(flow, tracking, TEA_EAN)
    flow.scrap()
    flow.enter("2")
    flow.approve(username="sam", password="approve-1")
    return flow


def test_undoing_a_scrap_needs_the_supervisor_the_scrap_needed(db, actor, site, rita):
    flow = _scrapped(db, actor, rita, "R13", "SF1000000013")
    assert _at(db, site, "TEA", "RET") == 0
    fb = flow.undo_last()
    assert (fb.level, fb.message) == (Level.WARNING, "Undoing the scrap of TEA ×1 needs a "
                                      "supervisor: approval (F9), or cancel (Esc).")
    assert flow.asking == "approval"
    assert flow.view().prompt == ("Undo the scrap of TEA ×1: supervisor approval (F9) or "
                                  "cancel (Esc)")
    assert flow.enter("x").message == ("A supervisor must approve the undo of the scrap (F9), "
                                       "or cancel (Esc).")
    denied = flow.approve(username="rita", password="return-12")
    assert denied.level is Level.ERROR and "may not do this" in denied.message
    assert _at(db, site, "TEA", "RET") == 0
    fb = flow.approve(username="sam", password="approve-1")
    assert fb.message == "Undone: TEA ×1 scrapped (approved by sam)."
    assert _at(db, site, "TEA", "RET") == 1
    assert flow.asking == ""
    [reversal] = _postings(db, "reversal")
    with db.read() as s:
        assert s.get(User, reversal.user_id).username == "sam"
    assert setup.clean(db)


def test_a_cancelled_undo_of_a_scrap_leaves_it_scrapped(db, actor, site, rita):
    flow = _scrapped(db, actor, rita, "R14", "SF1000000014")
    flow.undo_last()
    assert flow.cancel().message == "Cancelled."
    assert flow.approve(username="sam", password="approve-1").level is Level.ERROR
    assert _at(db, site, "TEA", "RET") == 0
    assert _postings(db, "reversal") == []


# --- serial-numbered products: a unit comes back by its serial ------------------------


def _where(db, cam_id, serial):
    with db.read() as s:
        return s.scalar(select(SerialNumber.location_id).where(
            SerialNumber.product_id == cam_id, SerialNumber.serial == serial))


def _serials_moved(db, reason):
    with db.read() as s:
        return s.scalars(select(SerialNumber.serial)
                         .join(StockMove, StockMove.serial_id == SerialNumber.id)
                         .join(StockPosting, StockPosting.id == StockMove.posting_id)
                         .where(StockPosting.reason == reason).order_by(StockMove.id)).all()


def test_a_returned_camera_is_taken_back_by_its_serial_and_disposed_of_with_it(
        db, actor, site, rita):
    order_id, cam_id = rs.shipped_cameras(db, actor, site, "R10", tracking="SF1000000010")
    flow = ReturnsWorkflow(db, rita)
    assert flow.scan("SF1000000010").message == "Order R10: 2 units shipped."

    stray = flow.scan(cam_label("S-3"))  # in stock here, never shipped on R10
    assert (stray.level, stray.message) == (
        Level.ERROR, "Wrong unit: CAM serial S-3 was not shipped on order R10; put it aside.")
    fb = flow.scan(cam_label("S-2"))
    assert (fb.level, fb.message) == (Level.OK, "CAM S-2 ×1 received to RET: 1 of 2 back.")
    assert fb.next_step == "CAM S-2 ×1: F2 restock, F3 quarantine or F4 scrap"
    assert _where(db, cam_id, "S-2") == site["RET"]
    again = flow.scan(cam_label("S-2"))
    assert (again.level, again.message) == (
        Level.ERROR, "CAM serial S-2 came back already; put it aside.")

    flow.restock()
    flow.enter("1")
    fb = flow.enter("")
    assert fb.message == "CAM S-2 ×1 restocked to B-02 (Unopened, resaleable)."
    assert _where(db, cam_id, "S-2") == site["B-02"]

    asked = flow.scan(CAM_EAN)  # the product's own barcode: the serial is asked next
    assert asked.level is Level.WARNING and flow.asking == "serial"
    assert asked.message == "CAM is serial-tracked: scan or type the unit's serial number."
    assert flow.view().prompt == "Scan or type the serial number"
    wrong = flow.enter("S-9")
    assert wrong.message == ("Wrong unit: CAM serial S-9 was not shipped on order R10; put it "
                             "aside.")
    fb = flow.enter("S-1")
    assert fb.message == ("CAM S-1 ×1 received to RET: 2 of 2 back. Every unit of order R10 "
                          "is back.")
    assert setup.status(db, order_id) == "returned"
    flow.quarantine()
    assert flow.enter("3").message == "CAM S-1 ×1 quarantined at QUAR (Defective)."
    assert _where(db, cam_id, "S-1") == site["QUAR"]
    assert _serials_moved(db, "return") == ["S-2", "S-1"]
    assert _serials_moved(db, "restock") == ["S-2"]
    assert _serials_moved(db, "quarantine") == ["S-1"]
    assert setup.quants(db, cam_id)[(site["QUAR"], None)] == (1, 0)
    assert setup.clean(db)


def test_undoing_a_serial_receipt_sends_the_serial_back_to_the_customer(db, actor, site, rita):
    _order, cam_id = rs.shipped_cameras(db, actor, site, "R11", tracking="SF1000000011")
    customer = _where(db, cam_id, "S-1")
    flow = ReturnsWorkflow(db, rita)
    flow.scan("SF1000000011")
    assert flow.scan(cam_label("S-1")).level is Level.OK
    assert flow.undo_last().message == "Undone: CAM S-1 ×1 received."
    assert _where(db, cam_id, "S-1") == customer
    fb = flow.scan(cam_label("S-1"))  # it may come back again
    assert fb.message == "CAM S-1 ×1 received to RET: 1 of 2 back."
    assert setup.clean(db)


def test_several_cameras_in_one_scan_are_refused(db, actor, site, rita):
    rs.shipped_cameras(db, actor, site, "R12", tracking="SF1000000012")
    flow = ReturnsWorkflow(db, rita)
    flow.scan("SF1000000012")
    flow.enter("2")
    fb = flow.scan(cam_label("S-1"))
    assert (fb.level, fb.message) == (
        Level.ERROR, "CAM is serial-tracked: scan each unit's own label, one at a time.")
    assert flow.view().done_units == 0
