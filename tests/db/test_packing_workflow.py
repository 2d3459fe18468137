"""Packing picked orders by scans, on both backends: every item verified, a wrong or extra
item refused, the weight within or outside the tolerance (a supervisor approves), the tracking
number scanned from a manual carrier's waybill or given by a pool, the shipment posted packing
-> customer once, a crash and resume, and undo; `verify` clean after each."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import func, select

from models.app_settings import write_setting
from models.entities import (
    PackScan,
    Product,
    SalesOrder,
    Shipment,
    StockMove,
    StockPosting,
    Tracking,
)
from models.feedback import Level
from models.packing.weights import TOLERANCE_PCT
from models.packing.workflow import PackingWorkflow
from models.picking.workflow import PickingWorkflow
from tests import factories as f
from tests.db import packing_setup as pk
from tests.db import picking_setup as setup
from tests.db.picking_setup import CUP_EAN, MILK_GTIN, TEA_CASE, TEA_EAN, scan_ok
from tests.db.test_counting_workflow import LosesTheAnswer


@pytest.fixture
def site(db, actor):
    return pk.packing_site(db, actor)


@pytest.fixture
def pat(db, site):
    return pk.user(db, "pat", "pack-1234")


def _order(db, order_id):
    with db.read() as s:
        o = s.get(SalesOrder, order_id)
        return o.status, o.tracking_number


def _shipment(db, order_id):
    with db.read() as s:
        return s.scalar(select(Shipment).where(Shipment.order_id == order_id))


def test_a_picked_order_is_verified_weighed_and_shipped_to_the_customer(db, actor, site, pat):
    order_id = pk.picked_order(db, actor, "T1", [("TEA", 2), ("CUP", 1)], tote="TOTE-007")
    assert setup.quants(db, site["TEA"])[(site["PACK"], None)] == (2, 0)  # reservation used
    flow = PackingWorkflow(db, pat)
    fb = scan_ok(flow, "TOTE-007")
    assert fb.message == "Order T1: 3 units to scan at PACK."
    assert fb.next_step == "Scan CUP (1 more, 3 units left)"
    scan_ok(flow, TEA_EAN, CUP_EAN)
    fb = scan_ok(flow, TEA_EAN)
    assert "Every item of order T1 is scanned" in fb.message
    assert flow.view().current == "Expected 0.85 kg (0.765–0.935)"  # 800 g + 50 g packing
    assert [line.detail for line in flow.view().lines] == ["300 g each", "250 g each"]
    fb = flow.weigh("0.86")
    assert fb.level is Level.OK
    assert fb.message == "0.86 kg: scan the tracking number of the SF waybill."
    assert flow.asking == "tracking"
    fb = flow.scan("SF1234567890")
    assert fb.message == "Order T1 shipped: SF SF1234567890, 0.86 kg."
    assert _order(db, order_id) == ("shipped", "SF1234567890")
    assert flow.shipped.tracking == "SF1234567890"
    assert setup.quants(db, site["TEA"]) == {(site["A-01"], None): (8, 0)}
    assert setup.quants(db, site["CUP"]) == {(site["B-01"], None): (9, 0)}
    shipment = _shipment(db, order_id)
    assert (shipment.weight_kg, shipment.expected_kg, shipment.approved_by,
            shipment.packed_by) == (Decimal("0.860"), Decimal("0.850"), None, pat.user_id)
    with db.read() as s:
        posting = s.get(StockPosting, shipment.posting_id)
        assert posting.reason == "shipment"
        assert s.scalar(select(func.sum(StockMove.qty))
                        .where(StockMove.posting_id == posting.id)) == 3
    assert setup.clean(db)
    again = flow.scan("TOTE-007")
    assert again.level is Level.ERROR
    assert again.message == "Order T1 is shipped already with SF SF1234567890."


def test_a_wrong_item_and_an_extra_item_are_refused(db, actor, site, pat):
    pk.picked_order(db, actor, "T2", [("TEA", 1)])
    flow = PackingWorkflow(db, pat)
    fb = scan_ok(flow, "SO-T2")
    assert fb.message == "Order T2: 1 unit to scan at PACK."
    assert fb.next_step == "Scan TEA (1 more, 1 unit left)"
    wrong = flow.scan(CUP_EAN)
    assert wrong.level is Level.ERROR
    assert wrong.message == "Wrong item: CUP is not in order T2; put it aside."
    case = flow.scan(TEA_CASE)
    assert case.level is Level.ERROR and "only 1 more TEA" in case.message
    scan_ok(flow, TEA_EAN)
    extra = flow.scan(TEA_EAN)
    assert extra.level is Level.ERROR
    assert extra.message == "Extra item: order T2 has 1 TEA, all scanned; put it aside."
    with db.read() as s:
        assert s.scalar(select(func.sum(PackScan.qty))) == 1


def test_items_cannot_be_weighed_before_all_are_scanned(db, actor, site, pat):
    pk.picked_order(db, actor, "T3", [("TEA", 2)])
    flow = PackingWorkflow(db, pat)
    scan_ok(flow, "TOTE-T3", TEA_EAN)
    fb = flow.weigh("0.55")
    assert fb.level is Level.ERROR
    assert fb.message == "Order T3 has 1 unit still to scan: scan every item before weighing."


def test_a_weight_outside_the_tolerance_waits_for_a_supervisor(db, actor, site, pat):
    order_id = pk.picked_order(db, actor, "T4", [("TEA", 2)], shop="JD")  # EMS, a pool
    flow = PackingWorkflow(db, pat)
    scan_ok(flow, "TOTE-T4", TEA_EAN, TEA_EAN)
    fb = flow.weigh("0.70")
    assert fb.level is Level.ERROR
    assert fb.message == ("0.7 kg is outside the expected 0.55 kg (0.495–0.605): check the "
                          "items and weigh again (F5), or a supervisor approves (F9).")
    assert flow.asking == "approval"
    assert _order(db, order_id)[0] == "picked"
    refused = flow.approve(username="pat", password="pack-1234")  # a packer may not
    assert refused.level is Level.ERROR and "may not" in refused.message
    assert flow.asking == "approval"
    fb = flow.approve(username="sam", password="approve-1")
    assert fb.level is Level.OK
    assert fb.message == "Order T4 shipped: EMS EA100000003CN, 0.7 kg, approved by sam."
    with db.read() as s:
        sam = s.scalar(select(Shipment.approved_by))
    assert sam == pk.user(db, "sam", "approve-1").user_id
    assert setup.clean(db)


def test_a_weight_weighed_again_within_the_tolerance_ships_from_the_pool(db, actor, site, pat):
    order_id = pk.picked_order(db, actor, "T5", [("CUP", 1)], shop="JD")
    flow = PackingWorkflow(db, pat)
    scan_ok(flow, "TOTE-T5", CUP_EAN)
    assert flow.weigh("0.20").level is Level.ERROR  # 0.350 ± 0.050
    fb = flow.weigh("0.39")
    assert fb.level is Level.OK and fb.message == "Order T5 shipped: EMS EA100000003CN, 0.39 kg."
    assert _order(db, order_id) == ("shipped", "EA100000003CN")


def test_the_tolerance_is_a_setting(db, actor, site, pat):
    with db.write() as s:
        write_setting(s, TOLERANCE_PCT, "50")
    pk.picked_order(db, actor, "T6", [("TEA", 2)], shop="JD")
    flow = PackingWorkflow(db, pat)
    scan_ok(flow, "TOTE-T6", TEA_EAN, TEA_EAN)
    assert flow.view().current == "Expected 0.55 kg (0.275–0.825)"
    assert flow.weigh("0.8").level is Level.OK


def test_a_product_without_a_weight_is_confirmed_by_the_packer(db, actor, site, pat):
    with db.write() as s:
        s.get(Product, site["CUP"]).weight_g = None
    order_id = pk.picked_order(db, actor, "T7", [("CUP", 1)], shop="JD")
    flow = PackingWorkflow(db, pat)
    scan_ok(flow, "TOTE-T7", CUP_EAN)
    fb = flow.weigh("1.5")
    assert fb.level is Level.WARNING
    assert fb.message.startswith("CUP has no weight in the product list, so 1.5 kg cannot be "
                                 "checked")
    assert _order(db, order_id)[0] == "picked"
    fb = flow.enter("")
    assert fb.level is Level.OK and "shipped" in fb.message
    assert _shipment(db, order_id).weight_kg == Decimal("1.500")


def test_a_manual_carriers_number_is_checked_and_typed_weights_are_taken(db, actor, site, pat):
    order_id = pk.picked_order(db, actor, "T8", [("TEA", 1)])
    flow = PackingWorkflow(db, pat)
    scan_ok(flow, "TOTE-T8", TEA_EAN)
    assert flow.view().asking == "weight"
    assert flow.enter("0,3").level is Level.OK  # typed, with a decimal comma
    assert flow.asking == "tracking"
    fb = flow.enter("SF 9876 5432 10")
    assert fb.level is Level.OK, fb.message
    assert _order(db, order_id) == ("shipped", "SF9876543210")


def test_undo_takes_the_last_item_scan_back(db, actor, site, pat):
    pk.picked_order(db, actor, "T9", [("TEA", 1), ("CUP", 1)])
    flow = PackingWorkflow(db, pat)
    scan_ok(flow, "TOTE-T9", TEA_EAN, CUP_EAN)
    fb = flow.undo_last()
    assert fb.message == "Undone: CUP ×1 is off the parcel."
    assert [(i.sku, i.scanned) for i in flow.order.items] == [("CUP", 0), ("TEA", 1)]
    assert flow.asking == ""
    scan_ok(flow, CUP_EAN)
    assert flow.asking == "weight"


def test_a_packer_who_restarts_goes_on_and_a_lost_answer_counts_once(db, actor, site, pat):
    order_id = pk.picked_order(db, actor, "T10", [("TEA", 3)], shop="JD")
    flaky = LosesTheAnswer(db)
    flow = PackingWorkflow(flaky, pat)
    scan_ok(flow, "TOTE-T10", TEA_EAN)
    flaky.lose_next = True
    assert flow.scan(TEA_EAN).level is Level.ERROR
    retried = flow.scan(TEA_EAN)
    assert retried.message.startswith("TEA: counted before, not again.")
    flaky.lose_next = True
    assert flow.undo_last().level is Level.ERROR
    assert flow.undo_last().message == "Undone before, not again: TEA ×1."

    restarted = PackingWorkflow(db, pat)  # the program crashed; a new one
    fb = scan_ok(restarted, "TOTE-T10")
    assert fb.message == "Order T10: 3 units to scan at PACK (1 scanned before)."
    scan_ok(restarted, TEA_EAN, TEA_EAN)
    flaky2 = LosesTheAnswer(db)
    restarted.db = flaky2
    flaky2.lose_next = True
    assert restarted.weigh("0.8").level is Level.ERROR  # shipped, but the answer was lost
    fb = restarted.weigh("0.8")
    assert fb.level is Level.OK and "shipped" in fb.message
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Shipment)) == 1
        assert s.scalar(select(func.count()).select_from(StockPosting)
                        .where(StockPosting.reason == "shipment")) == 1
    assert _order(db, order_id)[0] == "shipped"
    assert setup.clean(db)


def test_an_order_not_picked_is_not_packed(db, actor, site, pat):
    setup.order(db, actor, "T11", [("TEA", 1)])
    setup.approve(db, actor)
    flow = PackingWorkflow(db, pat)
    fb = flow.scan("SO-T11")
    assert fb.level is Level.ERROR
    assert fb.message == ("Order T11 is approved: only a picked order is packed (pick it "
                          "first).")
    assert flow.scan(TEA_EAN).message == "Scan the order's tote or number first, then its items."


def test_two_packers_on_one_order_never_scan_more_than_it_has(db, actor, site, pat):
    pk.picked_order(db, actor, "T12", [("TEA", 1)])
    first, second = PackingWorkflow(db, pat), PackingWorkflow(db, pat)
    scan_ok(first, "TOTE-T12")
    scan_ok(second, "TOTE-T12")
    scan_ok(first, TEA_EAN)
    extra = second.scan(TEA_EAN)
    assert extra.level is Level.ERROR
    assert extra.message == "Extra item: order T12 has 1 TEA, all scanned; put it aside."
    assert second.asking == "weight"


def test_an_item_of_a_lot_not_picked_for_the_order_is_refused(db, actor, site, pat):
    f.stock_in(db, actor, site["MILK"], site["A-02"], 5, lot_id=site["L-LATE"])
    f.stock_in(db, actor, site["MILK"], site["A-02"], 5, lot_id=site["L-SOON"])
    order_id = pk.picked_order(db, actor, "T9", [("MILK", 3)])  # the earliest expiry: L-SOON
    flow = PackingWorkflow(db, pat)
    scan_ok(flow, "TOTE-T9")
    fb = flow.scan(f"01{MILK_GTIN}10L-LATE")
    assert (fb.level, fb.message) == (Level.ERROR, "Wrong lot: MILK lot L-LATE was not picked "
                                      "for order T9 (picked: lot L-SOON); put it aside.")
    assert flow.order.left == 3
    fb = scan_ok(flow, f"01{MILK_GTIN}10L-SOON", MILK_GTIN, f"01{MILK_GTIN}10L-SOON")
    assert fb.message.startswith("MILK ×1: 3 of 3.")
    with db.read() as s:
        assert s.scalar(select(func.sum(PackScan.qty)).where(PackScan.order_id == order_id)) == 3
    assert setup.clean(db)


CAM_EAN = setup.ean("690123456811")


def _cam_order_picked(db, actor, site) -> int:
    """Order T8 of 2 CAM (serial-tracked; S-1, S-2, S-3 in B-02), picked as S-1 and S-2."""
    with db.write() as s:
        cam = f.product(s, "CAM", tracking=Tracking.SERIAL, barcode=CAM_EAN)
        serials = [f.serial(s, cam, number).id for number in ("S-1", "S-2", "S-3")]
        cam_id = cam.id
    for serial_id in serials:
        f.serial_in(db, actor, cam_id, site["B-02"], serial_id)
    order_id = setup.order(db, actor, "T8", [("CAM", 2)])
    setup.approve(db, actor)
    [wave] = setup.plan(db, actor)
    scan_ok(PickingWorkflow(db, actor), wave.code, "TOTE-T8", "B-02", f"010{CAM_EAN}21S-1",
        f"010{CAM_EAN}21S-2")
    assert setup.status(db, order_id) == "picked"
    return order_id


def test_a_unit_whose_serial_was_not_picked_for_the_order_is_refused(db, actor, site, pat):
    _cam_order_picked(db, actor, site)
    flow = PackingWorkflow(db, pat)
    scan_ok(flow, "TOTE-T8")
    fb = flow.scan(f"010{CAM_EAN}21S-3")
    assert (fb.level, fb.message) == (Level.ERROR, "Wrong unit: CAM serial S-3 was not picked "
                                      "for order T8; put it aside.")
    fb = scan_ok(flow, f"010{CAM_EAN}21S-2", CAM_EAN)
    assert fb.message.startswith("CAM ×1: 2 of 2.")
    assert setup.clean(db)


def test_second_scan_of_the_same_serial_is_refused_until_undone(db, actor, site, pat):
    order_id = _cam_order_picked(db, actor, site)
    flow = PackingWorkflow(db, pat)
    scan_ok(flow, "TOTE-T8", f"010{CAM_EAN}21S-1")
    fb = flow.scan(f"010{CAM_EAN}21S-1")
    assert (fb.level, fb.message) == (Level.ERROR, "Serial S-1 of CAM is scanned already for "
                                      "this order: scan the next unit.")
    assert [(i.sku, i.scanned, i.qty) for i in flow.order.items] == [("CAM", 1, 2)]
    assert flow.undo_last().level is Level.OK  # S-1 is off the parcel: it may come again
    scan_ok(flow, f"010{CAM_EAN}21S-1")
    fb = scan_ok(flow, f"010{CAM_EAN}21S-2")
    assert fb.message.startswith("CAM ×1: 2 of 2.")
    with db.read() as s:
        assert s.execute(select(PackScan.serial, PackScan.undone).where(
            PackScan.order_id == order_id).order_by(PackScan.id)).all() == [
            ("S-1", True), ("S-1", False), ("S-2", False)]
    assert setup.clean(db)
