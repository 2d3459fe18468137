"""Planning waves from approved orders, on both backends: each grouping, the maximums,
priority then age, walk order of the pick list, and cancelling a wave."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from models.entities import SalesOrderStatus
from models.errors import InputError
from models.picking.picklist import pick_rows
from models.picking.planning import WaveRules, plan_waves, waiting_orders
from models.picking.waves import cancel_wave, find_wave, list_waves
from tests import factories as f
from tests.db import picking_setup as setup


@pytest.fixture
def site(db, actor):
    return setup.stocked_site(db, actor, 100)


def _orders_of(db, code):
    with db.read() as s:
        rows = pick_rows(s, find_wave(s, code).id)
    return sorted({share.order for r in rows for share in r.shares})


def test_waves_are_one_carrier_each_and_their_orders_are_picking(db, actor, site):
    a = setup.order(db, actor, "T1", [("TEA", 1)])
    setup.order(db, actor, "J1", [("TEA", 2)], shop="JD")
    setup.order(db, actor, "T2", [("CUP", 1), ("TEA", 1)])
    setup.approve(db, actor)
    waves = setup.plan(db, actor)
    assert [(w.carrier, w.orders, w.units) for w in waves] == [("SF", 2, 3), ("EMS", 1, 2)]
    assert _orders_of(db, waves[0].code) == ["T1", "T2"]
    assert setup.status(db, a) == SalesOrderStatus.PICKING
    assert setup.plan(db, actor) == []  # nothing approved is left
    assert setup.clean(db)


def test_carrier_cutoff_and_single_or_multi_item_choose_the_orders(db, actor, site):
    setup.order(db, actor, "early-single", [("TEA", 1)], hour=8)
    setup.order(db, actor, "late-single", [("TEA", 1)], hour=18)
    setup.order(db, actor, "paid-late", [("TEA", 1)], hour=8, paid_hour=17)
    setup.order(db, actor, "early-multi", [("TEA", 2)], hour=8)
    setup.order(db, actor, "jd-single", [("TEA", 1)], hour=8, shop="JD")
    setup.approve(db, actor)
    cutoff = datetime(2026, 11, 11, 16, tzinfo=UTC)
    [wave] = setup.plan(db, actor, carrier="SF", cutoff=cutoff, items="single")
    assert _orders_of(db, wave.code) == ["early-single"]
    [multi] = setup.plan(db, actor, items="multi")
    assert _orders_of(db, multi.code) == ["early-multi"]


def test_zone_takes_only_orders_whose_every_bin_is_in_it(db, actor, site):
    setup.order(db, actor, "tea", [("TEA", 1)])  # A-01, zone ZA
    setup.order(db, actor, "cup", [("CUP", 1)])  # B-01, zone ZB
    setup.order(db, actor, "both", [("TEA", 1), ("CUP", 1)])
    setup.approve(db, actor)
    [wave] = setup.plan(db, actor, zone="ZB")
    assert _orders_of(db, wave.code) == ["cup"]


def test_maximum_orders_and_units_cut_waves_higher_priority_first_then_oldest(db, actor, site):
    setup.order(db, actor, "old", [("TEA", 2)], hour=7)
    setup.order(db, actor, "new", [("TEA", 2)], hour=12)
    setup.order(db, actor, "urgent", [("TEA", 3)], hour=15, priority=9)
    setup.order(db, actor, "mid", [("TEA", 1)], hour=10)
    setup.approve(db, actor)
    waves = setup.plan(db, actor, max_orders=2, max_units=4)
    assert [_orders_of(db, w.code) for w in waves] == [["urgent"], ["mid", "old"], ["new"]]
    assert [w.units for w in waves] == [3, 3, 2]


def test_a_maximum_below_one_is_refused(db, actor, site):
    with pytest.raises(InputError, match="at least 1"):
        setup.plan(db, actor, max_orders=0)


def test_pick_list_follows_the_walk_and_merges_orders_in_the_same_bin(db, actor, site):
    f.stock_in(db, actor, site["TEA"], site["A-02"], 5)
    setup.order(db, actor, "o1", [("CUP", 2), ("TEA", 1)])
    setup.order(db, actor, "o2", [("TEA", 3)])
    setup.approve(db, actor)
    [wave] = setup.plan(db, actor)
    with db.read() as s:
        rows = pick_rows(s, find_wave(s, wave.code).id)
    assert [(r.location, r.sku, r.qty, [(sh.order, sh.qty) for sh in r.shares])
            for r in rows] == [("A-01", "TEA", 4, [("o1", 1), ("o2", 3)]),
                               ("B-01", "CUP", 2, [("o1", 2)])]


def test_the_wave_list_shows_each_wave_s_carrier_orders_units_and_pick_tasks(db, actor, site):
    setup.order(db, actor, "T1", [("TEA", 1), ("CUP", 2)])
    setup.order(db, actor, "T2", [("TEA", 3)])
    setup.order(db, actor, "J1", [("CUP", 1)], shop="JD")
    setup.approve(db, actor)
    with db.read() as s:
        assert waiting_orders(s, "WH1") == {"EMS": 1, "SF": 2}
    sf, ems = setup.plan(db, actor)
    with db.read() as s:
        assert waiting_orders(s, "WH1") == {}
        listed = list_waves(s)
    assert [(w.code, w.carrier, w.status, w.orders, w.units, w.picked, w.tasks)
            for w in listed] == [(ems.code, "EMS", "open", 1, 1, 0, 1),
                                 (sf.code, "SF", "open", 2, 6, 0, 3)]


def test_cancelling_a_wave_approves_its_orders_again_and_keeps_the_reservations(db, actor,
                                                                                site):
    order = setup.order(db, actor, "o1", [("TEA", 2)])
    setup.approve(db, actor)
    [wave] = setup.plan(db, actor)
    before = setup.quants(db, site["TEA"])
    assert db.transact(lambda s: cancel_wave(s, actor, wave.code)) == 1
    assert setup.status(db, order) == SalesOrderStatus.APPROVED
    assert setup.quants(db, site["TEA"]) == before == {(site["A-01"], None): (100, 2)}
    with db.read() as s:
        assert [w.status for w in list_waves(s)] == ["cancelled"]
    [again] = setup.plan(db, actor)
    assert again.orders == 1
    assert setup.clean(db)


def test_a_warehouse_without_a_packing_location_cannot_plan(db, actor):
    with db.write() as s:
        f.warehouse(s, "WH2")
    with pytest.raises(InputError, match="no packing location"):
        db.transact(lambda s: plan_waves(s, actor, WaveRules("WH2")))
