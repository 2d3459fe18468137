"""Transfers by scanner: from-bin, items, to-bin, posted as one ledger posting; lots asked for,
over-transfer refused as scanned, undo and cancel, and replenishing a pick face."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from models.db import Database
from models.entities import LocationType, StockPosting, Tracking
from models.feedback import Level
from models.ledger import on_hand, verify
from models.scanning import GS
from models.transfers import TransferWorkflow
from tests import factories as f


@pytest.fixture
def site(db: Database, actor) -> dict[str, int]:
    """Reserve bin R-01 with 20 MUG (case barcode of 6) and TEA lots L1 (5) and L2 (3); bin
    S-01, pick face P-01, and bin W2-01 in a second warehouse."""
    with db.write() as s:
        wh, wh2 = f.warehouse(s), f.warehouse(s, "WH2")
        ids = {"R-01": f.bin_(s, wh, "R-01").id, "S-01": f.bin_(s, wh, "S-01").id,
               "P-01": f.bin_(s, wh, "P-01", LocationType.PICK_FACE).id,
               "W2-01": f.bin_(s, wh2, "W2-01").id}
        mug = f.product(s, "MUG", barcode="4006381333931")
        s.flush()
        from models.entities import Barcode
        s.add(Barcode(product_id=mug.id, code="WD-MUG-6", pack_qty=6))
        tea = f.product(s, "TEA", tracking=Tracking.LOT, barcode="0036000291452")
        ids.update(mug=mug.id, tea=tea.id, L1=f.lot(s, tea, "L1").id,
                   L2=f.lot(s, tea, "L2").id)
    f.stock_in(db, actor, ids["mug"], ids["R-01"], 20)
    f.stock_in(db, actor, ids["tea"], ids["R-01"], 5, lot_id=ids["L1"])
    f.stock_in(db, actor, ids["tea"], ids["R-01"], 3, lot_id=ids["L2"])
    return ids


def stock(db: Database, site: dict[str, int], product: str, where: str,
          lot: str | None = None) -> int:
    with db.read() as s:
        return on_hand(s, site[product], location_id=site[where],
                       lot_id=site[lot] if lot else None)


def transfers(db: Database) -> list[StockPosting]:
    with db.read() as s:
        postings = list(s.scalars(select(StockPosting).where(StockPosting.reason == "transfer")
                                  .order_by(StockPosting.id)))
        for p in postings:
            _ = p.moves
        return postings


def assert_clean(db: Database) -> None:
    with db.read() as s:
        assert verify(s) == []


def test_transfer_of_two_products_including_a_lot_posts_once(db, actor, site):
    flow = TransferWorkflow(db, actor)
    assert flow.scan("4006381333931").level is Level.ERROR  # no from-bin yet
    assert flow.scan("R-01").level is Level.OK
    assert flow.scan("WD-MUG-6").level is Level.OK  # a case: 6
    assert flow.scan("4006381333931").level is Level.OK  # one more
    assert flow.scan("CMD-QTY+2").level is Level.OK  # two more of the last item
    fb = flow.scan("0036000291452")  # TEA without lot: the bin holds two
    assert fb.level is Level.WARNING and flow.view().asking == "lot"
    assert flow.enter("L2").level is Level.OK
    assert flow.enter("3").level is Level.OK
    assert flow.scan(f"]C10100036000291452{GS}10L1").level is Level.OK  # 3 of L1
    view = flow.view()
    assert [(ln.sku, ln.done) for ln in view.lines] == [("MUG", 9), ("TEA", 1), ("TEA", 3)]
    assert view.current == "From R-01"
    assert flow.scan("R-01").level is Level.ERROR  # from-bin again as to-bin
    fb = flow.scan("S-01")
    assert fb.level is Level.OK and "Moved 13 units" in fb.message
    assert stock(db, site, "mug", "S-01") == 9 and stock(db, site, "mug", "R-01") == 11
    assert stock(db, site, "tea", "S-01", "L1") == 3
    assert stock(db, site, "tea", "S-01", "L2") == 1
    assert stock(db, site, "tea", "R-01", "L1") == 2
    [posting] = transfers(db)
    assert posting.idempotency_key and posting.reference == "R-01 → S-01"
    assert sorted((m.product_id, m.lot_id, m.qty) for m in posting.moves) == sorted([
        (site["mug"], None, 9), (site["tea"], site["L2"], 1), (site["tea"], site["L1"], 3)])
    assert flow.view().lines == ()
    assert_clean(db)


def test_over_transfer_is_refused_as_it_is_scanned(db, actor, site):
    flow = TransferWorkflow(db, actor)
    flow.scan("R-01")
    assert flow.enter("18").level is Level.OK
    assert flow.scan("4006381333931").level is Level.OK
    fb = flow.scan("WD-MUG-6")  # 18 + 6 > 20
    assert fb.level is Level.ERROR and "Only 20 of MUG" in fb.message
    assert flow.scan("CMD-QTY+3").level is Level.ERROR
    assert flow.scan("CMD-QTY+2").level is Level.OK
    assert flow.scan(f"]C10100036000291452{GS}10L2").level is Level.OK
    assert flow.scan("CMD-QTY+3").level is Level.ERROR  # only 3 in L2
    assert flow.scan("W2-01").level is Level.OK  # another warehouse
    assert stock(db, site, "mug", "W2-01") == 20 and stock(db, site, "mug", "R-01") == 0
    assert stock(db, site, "tea", "W2-01", "L2") == 1
    assert_clean(db)


def test_replenishing_a_pick_face_says_so(db, actor, site):
    flow = TransferWorkflow(db, actor)
    flow.scan("R-01")
    flow.scan("WD-MUG-6")
    fb = flow.scan("P-01")
    assert fb.level is Level.OK and "Replenished pick face P-01" in fb.message
    assert stock(db, site, "mug", "P-01") == 6
    assert_clean(db)


def test_undo_and_cancel_drop_what_is_carried_without_posting(db, actor, site):
    flow = TransferWorkflow(db, actor)
    flow.scan("R-01")
    flow.scan("WD-MUG-6")
    flow.scan("4006381333931")
    assert flow.scan("CMD-UNDO").level is Level.OK
    assert [(ln.sku, ln.done) for ln in flow.view().lines] == [("MUG", 6)]
    assert flow.scan("CMD-CANCEL").level is Level.OK
    assert flow.view().lines == () and flow.view().prompt == "Scan the bin to take from"
    assert flow.scan("S-01").level is Level.OK  # a new from-bin
    assert transfers(db) == []
    assert stock(db, site, "mug", "R-01") == 20


def test_to_bin_that_is_full_or_blocked_is_refused_and_nothing_moves(db, actor, site):
    from models.entities import Location
    with db.write() as s:
        s.get(Location, site["S-01"]).capacity = 5
        s.get(Location, site["P-01"]).blocked = True
    flow = TransferWorkflow(db, actor)
    flow.scan("R-01")
    flow.scan("WD-MUG-6")
    assert "full" in flow.scan("S-01").message
    assert "blocked" in flow.scan("P-01").message
    assert transfers(db) == [] and stock(db, site, "mug", "R-01") == 20
    assert flow.scan("CMD-UNDO").level is Level.OK
    flow.scan("4006381333931")
    assert flow.scan("S-01").level is Level.OK
    assert stock(db, site, "mug", "S-01") == 1
    assert_clean(db)
