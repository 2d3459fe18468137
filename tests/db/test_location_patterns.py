"""Generating bins from a pattern: codes, hierarchy, serpentine walk order, clashes."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.cli.main import main
from models.entities import AuditEvent, Location, LocationKind
from models.masterdata.location_patterns import (
    LocationPattern,
    PatternError,
    generate_locations,
    plan_locations,
)
from models.masterdata.locations import LocationInput, create_warehouse, save_location
from models.permissions import Perm


def _bins(s, wh_code="WH1"):
    return s.execute(select(Location.code, Location.walk_seq, Location.barcode, Location.zone,
                            Location.type)
                     .join(Location.warehouse).where(Location.kind == LocationKind.BIN)
                     .where(Location.warehouse.has(code=wh_code))
                     .order_by(Location.walk_seq)).all()


@pytest.fixture
def wh(db, actor):
    db.transact(lambda s: create_warehouse(s, actor, code="WH1", name="Main"))
    return "WH1"


def test_bins_are_made_for_every_aisle_rack_and_level_in_serpentine_walk_order(db, actor, wh):
    pattern = LocationPattern(warehouse=wh, aisles="A-C", racks="01-03", levels="1-2",
                              zone="Z1", type="pick_face")
    db.transact(lambda s: generate_locations(s, actor, pattern))
    with db.read() as s:
        bins = _bins(s)
        walk = [b.code for b in bins]
        assert len(bins) == 18
        # Aisle A racks up, aisle B racks down, aisle C racks up again.
        assert walk[:6] == ["A-01-1", "A-01-2", "A-02-1", "A-02-2", "A-03-1", "A-03-2"]
        assert walk[6:12] == ["B-03-1", "B-03-2", "B-02-1", "B-02-2", "B-01-1", "B-01-2"]
        assert walk[12:14] == ["C-01-1", "C-01-2"]
        assert all(b.barcode == b.code and b.zone == "Z1" and b.type == "pick_face"
                   for b in bins)
        parent = select(Location).where(Location.code == "B-02-1")
        level = s.scalars(parent).one()
        assert (level.parent.code, level.parent.kind) == ("B-02", LocationKind.RACK)
        assert (level.parent.parent.code, level.parent.parent.kind) == ("B", "aisle")
        assert (level.parent.parent.parent.code, level.parent.parent.parent.kind) == (
            "Z1", "zone")
        assert s.scalar(select(func.count()).select_from(AuditEvent).where(
            AuditEvent.action == "location.generate")) == 1


def test_existing_bins_are_refused_and_nothing_is_created(db, actor, wh):
    db.transact(lambda s: save_location(s, actor, LocationInput(warehouse=wh, code="A-02-1")))
    pattern = LocationPattern(warehouse=wh, aisles="A", racks="01-03", levels="1-2")
    with pytest.raises(PatternError, match=r"already has 1 of these bins \(A-02-1\); nothing"):
        db.transact(lambda s: generate_locations(s, actor, pattern))
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Location).where(
            Location.warehouse_id.is_not(None))) == 1


def test_skip_existing_leaves_existing_bins_and_reuses_aisles_and_racks(db, actor, wh):
    first = LocationPattern(warehouse=wh, aisles="A", racks="01-02", levels="1-2")
    db.transact(lambda s: generate_locations(s, actor, first))
    more = LocationPattern(warehouse=wh, aisles="A", racks="01-03", levels="1-3")
    plan = db.transact(lambda s: generate_locations(s, actor, more, skip_existing=True))
    assert len(plan.skipped) == 4 and len(plan.bins) == 5
    with db.read() as s:
        codes = [b.code for b in _bins(s)]
        assert len(codes) == 9 and len(set(codes)) == 9
        # The new bins continue the walk after the old ones.
        assert codes[:4] == ["A-01-1", "A-01-2", "A-02-1", "A-02-2"]
        rack = s.scalars(select(Location).where(Location.code == "A-01-3")).one().parent
        assert rack.code == "A-01" and rack.id == s.scalar(select(Location.id).where(
            Location.code == "A-01", Location.kind == LocationKind.RACK))


def test_a_bin_code_taken_as_a_barcode_in_another_warehouse_is_refused(db, actor, wh):
    db.transact(lambda s: create_warehouse(s, actor, code="WH2", name="Second"))
    pattern = LocationPattern(warehouse=wh, aisles="A", racks="01", levels="1-2")
    db.transact(lambda s: generate_locations(s, actor, pattern))
    again = LocationPattern(warehouse="WH2", aisles="A", racks="01", levels="1-2")
    with pytest.raises(PatternError, match="2 barcodes are already on other locations"):
        db.transact(lambda s: generate_locations(s, actor, again))
    prefixed = LocationPattern(warehouse="WH2", aisles="A", racks="01", levels="1-2",
                               barcode_prefix="W2-")
    db.transact(lambda s: generate_locations(s, actor, prefixed))
    with db.read() as s:
        assert [b.barcode for b in _bins(s, "WH2")] == ["W2-A-01-1", "W2-A-01-2"]


def test_dry_run_plans_without_writing(db, actor, wh):
    pattern = LocationPattern(warehouse=wh, aisles="A-B", racks="1-5")
    with db.read() as s:
        plan = plan_locations(s, pattern)
    assert [b.code for b in plan.bins] == ["A-1", "A-2", "A-3", "A-4", "A-5",
                                           "B-5", "B-4", "B-3", "B-2", "B-1"]
    with db.read() as s:
        assert _bins(s) == []


def test_generating_needs_the_locations_permission(db, actor, wh):
    clerk = type(actor)(actor.user_id, "clerk", "ws", frozenset({Perm.STOCK_VIEW}))
    pattern = LocationPattern(warehouse=wh, aisles="A", racks="01")
    with pytest.raises(Exception, match="may not do this"):
        db.transact(lambda s: generate_locations(s, clerk, pattern))


def test_cli_creates_a_warehouse_and_ten_thousand_bins(db, capsys):
    assert main(["--db", db.url, "warehouse", "add", "WH9", "Big"]) == 0
    status = main(["--db", db.url, "locations", "generate", "--warehouse", "WH9",
                   "--aisles", "A-T", "--racks", "001-100", "--levels", "1-5", "--zone", "Z"])
    out, err = capsys.readouterr()
    assert status == 0, err
    assert "10000 bins (A-001-1 … T-001-5" in out
    with db.read() as s:
        assert len(_bins(s, "WH9")) == 10_000


def test_cli_reports_a_bad_pattern_on_one_line_with_status_2(db, capsys):
    main(["--db", db.url, "warehouse", "add", "WH1", "Main"])
    capsys.readouterr()
    status = main(["--db", db.url, "locations", "generate", "--warehouse", "WH1",
                   "--aisles", "C-A", "--racks", "01"])
    _, err = capsys.readouterr()
    assert status == 2
    assert err.strip() == "waredesk: aisles 'C-A': a range runs from low to high."
