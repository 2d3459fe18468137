"""Receiving against a purchase order by scan, on both backends: the ledger, the receipt and
the screen's view after every step, and `verify` clean after each scenario."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from models.actor import Actor
from models.db import Database
from models.entities import (
    LocationType,
    PoStatus,
    PurchaseOrder,
    PurchaseOrderLine,
    ReceiptScan,
    StockMove,
    StockPosting,
    Supplier,
    Tracking,
)
from models.errors import DatabaseError
from models.feedback import Level
from models.gtin import check_digit
from models.ledger import on_hand, verify
from models.receiving import ReceivingWorkflow
from models.users import authenticate, create_user, system_actor
from tests import factories as f

TODAY = date(2026, 12, 1)
MILK_GTIN = "09501101530003"


def _ean(body: str) -> str:
    return body + str(check_digit(body))


TEA_EAN = _ean("690123456789")
TEA_CASE = _ean("1690123456789")  # GTIN-14 of a case of 12
PHONE_GTIN = _ean("0950110153100")


class Site:
    """A warehouse with a dock, quarantine, a supplier and PO-2026-0001 for tea (24), milk
    (lot and expiry, 10) and phones (serials, 2)."""

    def __init__(self, db: Database) -> None:
        with db.write() as s:
            system = system_actor(s, "test-ws")
            wh = f.warehouse(s)
            self.dock = f.bin_(s, wh, "RECV-01", LocationType.RECEIVING).id
            self.quarantine = f.bin_(s, wh, "QUAR-01", LocationType.QUARANTINE).id
            f.bin_(s, wh, "A-01-1")
            tea = f.product(s, "TEA", barcode=TEA_EAN)
            f.barcode(s, tea, TEA_CASE, pack=12)
            milk = f.product(s, "MILK", tracking=Tracking.LOT, expiry=True, barcode=MILK_GTIN)
            milk.min_remaining_days = 120
            phone = f.product(s, "PHONE", tracking=Tracking.SERIAL, barcode=PHONE_GTIN)
            supplier = Supplier(code="ACME", name="Acme Trading 艾克美", over_receipt_pct=10)
            s.add(supplier)
            s.flush()
            order = PurchaseOrder(number="2026-0001", supplier_id=supplier.id,
                                  warehouse_id=wh.id, created_by=system.user_id)
            order.lines = [PurchaseOrderLine(line_no=n, product_id=p.id, qty=q)
                           for n, (p, q) in enumerate(((tea, 24), (milk, 10), (phone, 2)), 1)]
            s.add(order)
            s.flush()
            self.order_id = order.id
            self.tea, self.milk, self.phone = tea.id, milk.id, phone.id
            create_user(s, system, username="rita", password="receive-1", role="receiver")
            create_user(s, system, username="sam", password="approve-1", role="supervisor")
        with db.read() as s:
            self.receiver = authenticate(s, "rita", "receive-1", "dock-ws")


@pytest.fixture
def site(db: Database) -> Site:
    return Site(db)


def flow_for(db: Database, actor: Actor, **kwargs) -> ReceivingWorkflow:
    return ReceivingWorkflow(db, actor, today=lambda: TODAY, **kwargs)


def milk_code(lot: str, expiry: str = "280331") -> str:
    """A GS1 DataMatrix of milk: GTIN, expiry, lot (last, so no separator is needed)."""
    return f"01{MILK_GTIN}17{expiry}10{lot}"


def stock(db: Database, product_id: int, location_id: int) -> int:
    with db.read() as s:
        return on_hand(s, product_id, location_id=location_id)


def assert_ledger_clean(db: Database) -> None:
    with db.read() as s:
        assert verify(s) == []


def test_a_whole_purchase_order_received_by_scans(db, site):
    flow = flow_for(db, site.receiver)
    assert flow.scan("PO-2026-0001").level is Level.OK
    assert flow.scan(TEA_CASE).level is Level.OK  # a case of 12
    assert flow.scan(TEA_CASE).level is Level.OK
    milk = flow.scan(milk_code("L7"), symbology="]d2")
    assert milk.level is Level.OK, milk.message
    assert flow.enter("9").level is Level.OK  # nine more of the same lot, typed
    assert flow.scan(milk_code("L7"), symbology="]d2").level is Level.OK
    for serial in ("SN-1", "SN-2"):
        assert flow.scan(f"01{PHONE_GTIN}21{serial}").level is Level.OK
    view = flow.view()
    assert [(ln.sku, ln.expected, ln.done) for ln in view.lines] == [
        ("TEA", 24, 24), ("MILK", 10, 10), ("PHONE", 2, 2)]
    assert (view.done_lines, view.total_lines, view.done_units, view.total_units) == (
        3, 3, 36, 36)
    done = flow.scan("CMD-DONE")
    assert done.level is Level.OK
    assert stock(db, site.tea, site.dock) == 24
    assert stock(db, site.milk, site.dock) == 10
    assert stock(db, site.phone, site.dock) == 2
    with db.read() as s:
        assert s.get(PurchaseOrder, site.order_id).status == PoStatus.RECEIVED
        users = set(s.scalars(select(StockPosting.workstation)))
        assert users == {"dock-ws"}
    assert_ledger_clean(db)


def test_lot_and_expiry_are_asked_for_when_the_barcode_lacks_them(db, site):
    flow = flow_for(db, site.receiver)
    flow.scan("PO-2026-0001")
    asked = flow.scan(MILK_GTIN)
    assert asked.level is Level.WARNING and flow.view().asking == "lot"
    assert stock(db, site.milk, site.dock) == 0
    flow.enter("LOT-9")
    assert flow.view().asking == "expiry"
    assert flow.enter("31.02.2028").level is Level.ERROR  # no such day
    assert flow.enter("2028-02-29").level is Level.OK
    assert stock(db, site.milk, site.dock) == 1
    assert flow.view().lines[1].detail == "lot LOT-9 · exp 2028-02-29"
    assert_ledger_clean(db)


def test_expiry_too_close_warns_and_an_expired_lot_is_refused(db, site):
    flow = flow_for(db, site.receiver)
    flow.scan("PO-2026-0001")
    close = flow.scan(milk_code("SOON", "270115"))  # 45 days left, 120 wanted
    assert close.level is Level.WARNING and "45 days" in close.message
    expired = flow.scan(milk_code("OLD", "261130"))
    assert expired.level is Level.ERROR and "expired" in expired.message
    flow.mark_damaged()
    to_quarantine = flow.scan(milk_code("OLD", "261130"))
    assert to_quarantine.level is Level.WARNING and "quarantine" in to_quarantine.message
    assert stock(db, site.milk, site.dock) == 1
    assert stock(db, site.milk, site.quarantine) == 1
    assert flow.view().lines[1].damaged == 1
    assert_ledger_clean(db)


def test_over_receipt_beyond_tolerance_waits_for_a_supervisor(db, site):
    flow = flow_for(db, site.receiver)
    flow.scan("PO-2026-0001")
    flow.scan(TEA_CASE)
    flow.scan(TEA_CASE)  # 24 of 24
    within = flow.enter("2")
    assert within.level is Level.OK
    tolerated = flow.scan(TEA_EAN)  # 26: within 10 % (26.4)
    assert tolerated.level is Level.WARNING and "tolerance" in tolerated.message
    blocked = flow.scan(TEA_CASE)  # 38: beyond
    assert blocked.level is Level.ERROR and "supervisor" in blocked.message
    assert flow.view().asking == "approval"
    assert stock(db, site.tea, site.dock) == 26
    assert flow.scan(TEA_EAN).level is Level.ERROR  # nothing else until it is settled
    refused = flow.approve(username="rita", password="receive-1")  # a receiver may not
    assert refused.level is Level.ERROR and flow.view().asking == "approval"
    wrong = flow.approve(username="sam", password="nope")
    assert wrong.level is Level.ERROR
    approved = flow.approve(username="sam", password="approve-1")
    assert approved.level is Level.OK, approved.message
    assert stock(db, site.tea, site.dock) == 38
    with db.read() as s:
        scan = s.scalars(select(ReceiptScan).order_by(ReceiptScan.id.desc())).first()
        assert scan.approved_by is not None and "sam" in scan.note
    assert_ledger_clean(db)


def test_a_repeated_serial_is_refused(db, site):
    flow = flow_for(db, site.receiver)
    flow.scan("PO-2026-0001")
    assert flow.scan(f"01{PHONE_GTIN}21SN-7").level is Level.OK
    again = flow.scan(f"01{PHONE_GTIN}21SN-7")
    assert again.level is Level.ERROR and "SN-7" in again.message
    asked = flow.scan(PHONE_GTIN)  # no serial in the barcode: it is asked for
    assert flow.view().asking == "serial", asked.message
    assert flow.scan("SN-8").level is Level.OK  # the serial label scanned
    assert stock(db, site.phone, site.dock) == 2
    assert flow.scan(TEA_CASE).level is Level.OK
    assert_ledger_clean(db)


def test_a_crash_halfway_resumes_without_duplicate_rows(db, site):
    first = flow_for(db, site.receiver)
    first.scan("PO-2026-0001")
    first.scan(TEA_CASE)
    first.scan(milk_code("L1"), symbology="]d2")
    del first  # the workstation lost power
    again = flow_for(db, site.receiver)
    resumed = again.scan("PO-2026-0001")
    assert "Resumed" in resumed.message
    assert [(ln.sku, ln.done) for ln in again.view().lines] == [
        ("TEA", 12), ("MILK", 1), ("PHONE", 0)]
    again.scan(TEA_CASE)
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(StockMove)) == 3
        assert s.scalar(select(func.count()).select_from(ReceiptScan)) == 3
    assert stock(db, site.tea, site.dock) == 24
    assert_ledger_clean(db)


class LosesTheAnswer(Database):
    """A database whose first commit goes through but whose answer is lost on the way back,
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
    flow = flow_for(flaky, site.receiver)
    flow.scan("PO-2026-0001")
    flaky.lose_next = True
    lost = flow.scan(TEA_CASE)
    assert lost.level is Level.ERROR and "scan it again" in lost.message
    retried = flow.scan(TEA_CASE)
    assert retried.level is Level.OK
    assert stock(db, site.tea, site.dock) == 12
    assert flow.scan(TEA_CASE).level is Level.OK  # a new scan after that is a new case
    assert stock(db, site.tea, site.dock) == 24
    assert_ledger_clean(db)


def test_blind_mode_hides_what_was_ordered(db, site):
    flow = flow_for(db, site.receiver, blind=True)
    flow.scan("PO-2026-0001")
    flow.scan(TEA_CASE)
    view = flow.view()
    assert all(ln.expected is None for ln in view.lines)
    assert view.total_units is None and "blind" in view.title
    flow.scan(TEA_CASE)
    over = flow.scan(TEA_CASE)
    assert over.level is Level.ERROR and "24" not in over.message


def test_undo_reverses_the_last_scan(db, site):
    flow = flow_for(db, site.receiver)
    flow.scan("PO-2026-0001")
    flow.scan(TEA_CASE)
    flow.scan(TEA_EAN)
    undone = flow.scan("CMD-UNDO")
    assert undone.level is Level.OK and "1 × TEA" in undone.message
    assert stock(db, site.tea, site.dock) == 12
    assert flow.view().lines[0].done == 12
    with db.read() as s:
        reasons = list(s.scalars(select(StockPosting.reason).order_by(StockPosting.id)))
        assert reasons == ["receipt", "receipt", "reversal"]
    assert_ledger_clean(db)


def test_unplanned_receipt_needs_permission_and_reason(db, site):
    refused = flow_for(db, site.receiver).start_unplanned(reason="sample")
    assert refused.level is Level.ERROR
    with db.read() as s:
        supervisor = authenticate(s, "sam", "approve-1", "office")
    flow = flow_for(db, supervisor)
    assert flow.start_unplanned(reason=" ").level is Level.ERROR
    assert flow.start_unplanned(reason="samples from a fair", supplier_code="acme").level \
        is Level.OK
    assert flow.scan(TEA_EAN).level is Level.OK
    assert stock(db, site.tea, site.dock) == 1
    summary = flow.finish()
    assert summary.status == "unplanned" and summary.lines[0].received == 1
    assert_ledger_clean(db)


def test_partial_receipt_leaves_the_order_partly_received_with_its_shortfall(db, site):
    flow = flow_for(db, site.receiver)
    flow.scan("PO-2026-0001")
    flow.scan(TEA_CASE)
    summary = flow.finish()
    assert summary.status == PoStatus.PARTLY_RECEIVED
    assert [(ln.sku, ln.difference) for ln in summary.discrepancies] == [
        ("TEA", -12), ("MILK", -10), ("PHONE", -2)]
    again = flow_for(db, site.receiver)
    assert "Resumed" not in again.scan("PO-2026-0001").message  # a new receipt
    assert again.view().lines[0].done == 12  # what came before still shows


def test_a_batch_scanner_file_replays_into_the_receipt_line_by_line(db, site, tmp_path):
    from models.receiving.batch_file import read_batch_file, replay

    dump = tmp_path / "scanner.csv"
    dump.write_text(f"barcode,qty\n{TEA_CASE},2\n{TEA_EAN}\nNOT-A-CODE\n{MILK_GTIN}\n"
                    f"{milk_code('B1')}\n", encoding="utf-8")
    fingerprint, lines = read_batch_file(dump)
    flow = flow_for(db, site.receiver)
    flow.scan("PO-2026-0001")
    results = replay(flow, lines, fingerprint=fingerprint)
    assert [(r.line.line_no, r.level) for r in results] == [
        (2, Level.OK), (3, Level.WARNING), (4, Level.ERROR), (5, Level.ERROR), (6, Level.OK)]
    assert "lot" in results[3].message  # milk without its lot cannot be answered by a file
    assert stock(db, site.tea, site.dock) == 25
    assert stock(db, site.milk, site.dock) == 1
    again = replay(flow_for(db, site.receiver), [], fingerprint=fingerprint)
    assert again == []
    flow.scan("PO-2026-0001")
    replay(flow, lines, fingerprint=fingerprint)  # the same file a second time
    assert stock(db, site.tea, site.dock) == 25
    assert_ledger_clean(db)


def test_bad_quantities_in_a_batch_file_are_all_reported(tmp_path):
    from models.errors import InputError
    from models.receiving.batch_file import parse_batch_file

    with pytest.raises(InputError) as error:
        parse_batch_file("A,2\nB,x\nC,0\n")
    assert "line 2" in str(error.value) and "line 3" in str(error.value)


def test_a_barcode_typed_by_hand_is_a_scan_not_a_quantity(db, site):
    flow = flow_for(db, site.receiver)
    flow.scan("PO-2026-0001")
    typed = flow.enter(TEA_EAN)
    assert typed.level is Level.OK, typed.message
    assert stock(db, site.tea, site.dock) == 1
    flow.enter("12")
    assert flow.view().markers == ("Quantity 12",)


def test_a_known_lot_brings_its_expiry_so_it_is_asked_once(db, site):
    flow = flow_for(db, site.receiver)
    flow.scan("PO-2026-0001")
    flow.scan(milk_code("K1", "280430"), symbology="]d2")
    flow.enter("3")
    flow.scan(MILK_GTIN)
    assert flow.view().asking == "lot"
    assert flow.enter("K1").level is Level.OK  # no expiry question: the lot has one
    assert stock(db, site.milk, site.dock) == 4
