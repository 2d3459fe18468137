"""Count plans on both backends: the whole warehouse, a zone, an aisle, a range of locations,
products or a category, cycle counts by ABC class (value and velocity) with their due dates,
a seeded sample; an empty plan and a bin already in another open count are refused."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select, update

from models.actor import Actor
from models.counting.abc import abc_classes
from models.counting.plans import cancel_count, find_count, list_counts, plan_count
from models.entities import (
    CountBin,
    CountStatus,
    LastCount,
    Location,
    LocationKind,
    LocationType,
    Product,
    StockCount,
    StockPosting,
    Tracking,
)
from models.errors import InputError, NotFound, PermissionDenied
from models.ledger import MoveLine, Reason, post_moves
from models.permissions import Perm
from models.reference_data import virtual_location_id
from tests import factories as f

TODAY = date.today()


class CountSite:
    """WH1: zone ZA (A-01-1 tea 100, A-01-2 mug 20, A-02-1 milk lot L1 30, A-02-2 and
    AB-01-1 empty), zone ZB (B-01-1 socks 50, B-01-2 cameras S1 and S2); an inactive bin, an
    aisle node, and WH2 with a bin of its own. Milk lot L2 and camera S3 exist, not in stock."""

    def __init__(self, db, actor: Actor) -> None:
        self.db, self.actor = db, actor
        with db.write() as s:
            wh = f.warehouse(s, "WH1")
            self.wh_id = wh.id
            f.bin_(s, wh, "A", kind=LocationKind.AISLE)
            self.loc = {code: f.bin_(s, wh, code, zone=zone, walk_seq=n).id
                        for n, (code, zone) in enumerate([
                            ("A-01-1", "ZA"), ("A-01-2", "ZA"), ("A-02-1", "ZA"),
                            ("A-02-2", "ZA"), ("AB-01-1", "ZA"), ("B-01-1", "ZB"),
                            ("B-01-2", "ZB")])}
            f.bin_(s, wh, "A-09-9", zone="ZA", active=False)
            f.bin_(s, f.warehouse(s, "WH2"), "W2-1", zone="ZA")
            self.tea = self._product(s, "TEA", "8.00", "drinks")
            self.mug = self._product(s, "MUG", "5.00", "kitchen")
            self.milk = self._product(s, "MILK", "2.00", "drinks", Tracking.LOT)
            self.cam = self._product(s, "CAM", "10.00", "electronics", Tracking.SERIAL)
            self.sock = self._product(s, "SOCK", None, "clothes")
            milk = s.get(Product, self.milk)
            self.l1, self.l2 = f.lot(s, milk, "L1").id, f.lot(s, milk, "L2").id
            cam = s.get(Product, self.cam)
            self.s1, self.s2, self.s3 = (f.serial(s, cam, n).id for n in ("S1", "S2", "S3"))
            self.supplier = virtual_location_id(s, LocationType.SUPPLIER)
            self.customer = virtual_location_id(s, LocationType.CUSTOMER)
            self.loss = virtual_location_id(s, LocationType.INVENTORY_LOSS)
        self.post([MoveLine(self.tea, 100, self.supplier, self.loc["A-01-1"]),
                   MoveLine(self.mug, 20, self.supplier, self.loc["A-01-2"]),
                   MoveLine(self.milk, 30, self.supplier, self.loc["A-02-1"], lot_id=self.l1),
                   MoveLine(self.sock, 50, self.supplier, self.loc["B-01-1"]),
                   MoveLine(self.cam, 1, self.supplier, self.loc["B-01-2"], serial_id=self.s1),
                   MoveLine(self.cam, 1, self.supplier, self.loc["B-01-2"], serial_id=self.s2)],
                  Reason.RECEIPT)

    @staticmethod
    def _product(s, sku: str, cost: str | None, category: str,
                 tracking: Tracking = Tracking.NONE) -> int:
        item = f.product(s, sku, tracking=tracking)
        item.standard_cost = Decimal(cost) if cost else None
        item.category = category
        s.flush()
        return item.id

    def post(self, lines: list[MoveLine], reason: str = Reason.PICK) -> int:
        """Post moves as the system user; returns the posting id."""
        return self.db.transact(lambda s: post_moves(s, self.actor, lines,
                                                     reason=reason).posting_id)

    def ship(self, product_id: int, qty: int, code: str) -> int:
        """Pick units from a bin to the customer location."""
        return self.post([MoveLine(product_id, qty, self.loc[code], self.customer)])

    def plan(self, kind: str, **options) -> int:
        """Plan a count of WH1; returns its id."""
        return self.db.transact(lambda s: plan_count(
            s, self.actor, warehouse_code="WH1", kind=kind, today=TODAY, **options).id)

    def last_counted(self, days_ago: dict[str, int]) -> None:
        """Record an earlier approved count of these bins, so many days ago."""
        with self.db.write() as s:
            old = StockCount(warehouse_id=self.wh_id, title="old", kind="full",
                             status=CountStatus.APPROVED, created_by=self.actor.user_id)
            s.add(old)
            s.flush()
            for code, days in days_ago.items():
                s.add(LastCount(location_id=self.loc[code], count_id=old.id,
                                counted_at=datetime.combine(TODAY - timedelta(days=days),
                                                            datetime.min.time(), UTC)))


def bins_of(db, count_id: int) -> list[str]:
    """Location codes of a count's bins, in code order."""
    with db.read() as s:
        return sorted(s.scalars(select(Location.code).join(
            CountBin, CountBin.location_id == Location.id).where(CountBin.count_id == count_id)))


@pytest.fixture
def site(db, actor) -> CountSite:
    return CountSite(db, actor)


def test_a_full_count_covers_every_active_bin_of_the_warehouse(db, site):
    count_id = site.plan("full")
    assert bins_of(db, count_id) == ["A-01-1", "A-01-2", "A-02-1", "A-02-2", "AB-01-1",
                                     "B-01-1", "B-01-2"]
    with db.read() as s:
        count = find_count(s, f"COUNT-{count_id}")
        assert (count.title, count.status, count.blind) == ("Full count of WH1", "open", True)
        assert {(b.status, b.round) for b in s.scalars(
            select(CountBin).where(CountBin.count_id == count_id))} == {("pending", 0)}


def test_zone_aisle_and_range_plans_pick_their_bins(db, site):
    zone = site.plan("zone", zone="ZB")
    assert bins_of(db, zone) == ["B-01-1", "B-01-2"]
    aisle = site.plan("aisle", aisle="A")  # aisle A, not AB
    assert bins_of(db, aisle) == ["A-01-1", "A-01-2", "A-02-1", "A-02-2"]
    with db.write() as s:
        s.execute(update(StockCount).values(status=CountStatus.CANCELLED))
    ranged = site.plan("range", location_from="A-01-2", location_to="A-02-2", blind=False)
    assert bins_of(db, ranged) == ["A-01-2", "A-02-1", "A-02-2"]
    with db.read() as s:
        titles = {c.id: (c.title, c.bins, c.blind) for c in list_counts(s)}
    assert titles == {zone: ("Zone ZB", 2, True), aisle: ("Aisle A", 4, True),
                      ranged: ("Locations A-01-2 to A-02-2", 3, False)}


def test_product_and_category_plans_count_the_bins_holding_them(db, site):
    assert bins_of(db, site.plan("products", skus=["TEA", "CAM"])) == ["A-01-1", "B-01-2"]
    with db.write() as s:
        s.execute(update(StockCount).values(status=CountStatus.CANCELLED))
    assert bins_of(db, site.plan("products", category="drinks")) == ["A-01-1", "A-02-1"]
    with pytest.raises(NotFound, match="no product NOPE"):
        site.plan("products", skus=["TEA", "NOPE"])


def test_abc_by_value_counts_the_bins_whose_class_is_due(db, site):
    with db.read() as s:
        classes = abc_classes(s, site.wh_id, by="value", today=TODAY)
    # tea 800 of 980 is A; mug (100) and milk (60) make up to 95 %; cameras 20, socks 0.
    assert classes == {site.tea: "A", site.mug: "B", site.milk: "B", site.cam: "C",
                       site.sock: "C"}
    site.last_counted({"A-01-1": 10, "A-01-2": 100, "A-02-1": 20, "B-01-1": 40,
                       "B-01-2": 400})
    cycle = site.plan("cycle")
    # B due after 90 days (mug 100 days ago), C after 365 (cameras 400); never-counted empty
    # bins hold no product, so they are not due.
    assert bins_of(db, cycle) == ["A-01-2", "B-01-2"]
    with db.write() as s:
        assert s.get(StockCount, cycle).title == f"Cycle count: 2 bins due {TODAY}"
        s.execute(update(StockCount).where(StockCount.id == cycle).values(
            status=CountStatus.CANCELLED))
    monthly_c = site.plan("cycle", abc_due={"C": 30})
    assert bins_of(db, monthly_c) == ["A-01-2", "B-01-1", "B-01-2"]


def test_abc_by_velocity_ranks_units_shipped_in_the_last_90_days(db, site):
    site.ship(site.sock, 40, "B-01-1")
    site.ship(site.mug, 5, "A-01-2")
    old = site.ship(site.tea, 30, "A-01-1")
    with db.write() as s:
        s.execute(update(StockPosting).where(StockPosting.id == old).values(
            created_at=datetime.now(UTC) - timedelta(days=100)))
    with db.read() as s:
        classes = abc_classes(s, site.wh_id, by="velocity", today=TODAY)
    assert classes == {site.sock: "A", site.mug: "B", site.tea: "C", site.milk: "C",
                       site.cam: "C"}
    site.last_counted({"A-01-1": 10, "A-01-2": 100, "A-02-1": 20, "B-01-1": 40,
                       "B-01-2": 400})
    # Socks are A now: counted 40 days ago is past the 30-day frequency.
    assert bins_of(db, site.plan("cycle", abc_by="velocity")) == ["A-01-2", "B-01-1",
                                                                  "B-01-2"]


def test_a_sample_is_random_bins_with_stock_and_the_same_seed_picks_the_same(db, site):
    first = site.plan("sample", sample=3, seed=42)
    picked = bins_of(db, first)
    assert len(picked) == 3
    assert set(picked) <= {"A-01-1", "A-01-2", "A-02-1", "B-01-1", "B-01-2"}
    with db.write() as s:
        s.execute(update(StockCount).values(status=CountStatus.CANCELLED))
    assert bins_of(db, site.plan("sample", sample=3, seed=42)) == picked
    with pytest.raises(InputError, match="at least 1"):
        site.plan("sample", sample=0)


def test_a_bin_in_another_open_count_is_refused_naming_it(db, site):
    zone = site.plan("zone", zone="ZB")
    with pytest.raises(InputError, match=f"B-01-1 \\(COUNT-{zone}\\), B-01-2 "
                                         f"\\(COUNT-{zone}\\) already in an open count"):
        site.plan("full")
    with db.write() as s:
        s.execute(update(StockCount).values(status=CountStatus.APPROVED))
    assert len(bins_of(db, site.plan("full"))) == 7


def test_an_empty_plan_and_a_counter_without_adjust_permission_are_refused(db, site, actor):
    with pytest.raises(InputError, match="Nothing to count: Zone ZZ has no bins in WH1"):
        site.plan("zone", zone="ZZ")
    counter = Actor(actor.user_id, "cora", "ws", frozenset({Perm.STOCK_VIEW, Perm.STOCK_MOVE}))
    with pytest.raises(PermissionDenied, match="cora may not"):
        db.transact(lambda s: plan_count(s, counter, warehouse_code="WH1", kind="full",
                                         today=TODAY))
    with pytest.raises(NotFound, match="no warehouse WH9"):
        db.transact(lambda s: plan_count(s, actor, warehouse_code="WH9", kind="full",
                                         today=TODAY))
    with db.read() as s:
        assert s.scalar(select(StockCount.id)) is None


def test_cancelling_a_count_frees_its_bins_and_unblocks_one_being_counted(db, site, actor):
    zone = site.plan("zone", zone="ZB")
    with db.write() as s:
        # A counter is on B-01-1 (the workflow blocked it); B-01-2 was blocked before.
        s.execute(update(CountBin).where(CountBin.location_id.in_(
            [site.loc["B-01-1"], site.loc["B-01-2"]])).values(status="counting", round=1))
        s.execute(update(CountBin).where(CountBin.location_id == site.loc["B-01-2"]).values(
            was_blocked=True))
        s.execute(update(Location).where(Location.id == site.loc["B-01-1"]).values(
            blocked=True, blocked_reason=f"being counted (COUNT-{zone})"))
        s.execute(update(Location).where(Location.id == site.loc["B-01-2"]).values(
            blocked=True, blocked_reason="damaged shelf"))
    db.transact(lambda s: cancel_count(s, actor, zone))
    with db.read() as s:
        assert s.get(StockCount, zone).status == "cancelled"
        assert not s.get(Location, site.loc["B-01-1"]).blocked
        assert s.get(Location, site.loc["B-01-2"]).blocked_reason == "damaged shelf"
    assert bins_of(db, site.plan("zone", zone="ZB")) == ["B-01-1", "B-01-2"]
