"""Bin suggestions for putaway: fixed bin, then a bin with the same lot, then an empty bin of
the product's zone in walk order; blocked, inactive, full and wrong-type bins never."""

from __future__ import annotations

import pytest

from models.db import Database
from models.entities import LocationType, Product, Tracking
from models.putaway import Rule, suggest_bin
from tests import factories as f


@pytest.fixture
def site(db: Database) -> dict[str, int]:
    """Warehouse WH1 with a dock, zone ZA (A-1..A-3) and zone ZB (B-1..B-3, walk order
    B-3, B-1, B-2), a lot product and a plain product."""
    with db.write() as s:
        wh = f.warehouse(s)
        ids = {"wh": wh.id, "dock": f.bin_(s, wh, "RECV-01", LocationType.RECEIVING).id}
        for n, code in enumerate(["A-1", "A-2", "A-3"]):
            ids[code] = f.bin_(s, wh, code, zone="ZA", walk_seq=10 + n).id
        for code, seq in (("B-1", 2), ("B-2", 3), ("B-3", 1)):
            ids[code] = f.bin_(s, wh, code, zone="ZB", walk_seq=seq).id
        tea = f.product(s, "TEA", tracking=Tracking.LOT)
        tea.putaway_zone = "ZB"
        ids["tea"] = tea.id
        ids["L1"] = f.lot(s, tea, "L1").id
        ids["L2"] = f.lot(s, tea, "L2").id
        ids["mug"] = f.product(s, "MUG").id
        ids["wh2"] = f.warehouse(s, "WH2").id
    return ids


def suggest(db: Database, site: dict[str, int], product: str = "tea", lot: str | None = "L1",
            qty: int = 5):
    with db.read() as s:
        return suggest_bin(s, product_id=site[product], lot_id=site[lot] if lot else None,
                           qty=qty, warehouse_id=site["wh"])


def update(db: Database, entity: type, row_id: int, **values: object) -> None:
    with db.write() as s:
        row = s.get(entity, row_id)
        for name, value in values.items():
            setattr(row, name, value)


def test_fixed_bin_comes_first(db, site):
    update(db, Product, site["tea"], home_location_id=site["A-2"])
    f.stock_in(db, actor_of(db), site["tea"], site["A-1"], 3, lot_id=site["L1"])
    got = suggest(db, site)
    assert (got.code, got.reason, got.rule) == ("A-2", "fixed bin", Rule.FIXED)


def test_bin_holding_the_same_lot_comes_next_and_another_lot_does_not_count(db, site):
    actor = actor_of(db)
    f.stock_in(db, actor, site["tea"], site["A-3"], 3, lot_id=site["L2"])
    f.stock_in(db, actor, site["tea"], site["A-1"], 3, lot_id=site["L1"])
    got = suggest(db, site)
    assert (got.code, got.reason, got.rule) == ("A-1", "holds the same lot", Rule.SAME_LOT)
    assert suggest(db, site, lot="L2").code == "A-3"


def test_empty_bin_of_the_zone_in_walk_order(db, site):
    f.stock_in(db, actor_of(db), site["mug"], site["B-3"], 1)  # first in walk order, not empty
    got = suggest(db, site)
    assert (got.code, got.reason, got.rule) == ("B-1", "empty bin in zone ZB",
                                                Rule.EMPTY_IN_ZONE)


def test_full_fixed_bin_is_skipped_for_the_same_lot_bin(db, site):
    from models.entities import Location
    actor = actor_of(db)
    update(db, Product, site["tea"], home_location_id=site["A-2"])
    update(db, Location, site["A-2"], capacity=10)
    f.stock_in(db, actor, site["mug"], site["A-2"], 8)
    f.stock_in(db, actor, site["tea"], site["A-3"], 2, lot_id=site["L1"])
    assert suggest(db, site, qty=2).code == "A-2"  # 8 + 2 fits exactly
    assert suggest(db, site, qty=3).code == "A-3"


def test_capacity_smaller_than_the_quantity_skips_an_empty_bin(db, site):
    from models.entities import Location
    update(db, Location, site["B-3"], capacity=4)
    assert suggest(db, site, qty=5).code == "B-1"
    assert suggest(db, site, qty=4).code == "B-3"


def test_blocked_inactive_and_non_storage_bins_are_never_suggested(db, site):
    from models.entities import Location
    actor = actor_of(db)
    update(db, Product, site["tea"], home_location_id=site["dock"])  # a dock as fixed bin
    f.stock_in(db, actor, site["tea"], site["A-1"], 1, lot_id=site["L1"])
    update(db, Location, site["A-1"], blocked=True, blocked_reason="counting")
    update(db, Location, site["B-3"], active=False)
    update(db, Location, site["B-1"], type=LocationType.QUARANTINE)
    got = suggest(db, site)
    assert (got.code, got.rule) == ("B-2", Rule.EMPTY_IN_ZONE)


def test_no_suggestion_without_zone_or_room(db, site):
    assert suggest(db, site, product="mug", lot=None) is None
    f.stock_in(db, actor_of(db), site["mug"], site["A-1"], 1)
    got = suggest(db, site, product="mug", lot=None)
    assert (got.code, got.reason) == ("A-1", "holds the same product")


def test_bins_of_another_warehouse_are_not_suggested(db, site):
    with db.read() as s:
        assert suggest_bin(s, product_id=site["tea"], lot_id=site["L1"], qty=1,
                           warehouse_id=site["wh2"]) is None


def actor_of(db: Database):
    from models.users import system_actor
    with db.read() as s:
        return system_actor(s, "test-ws")
