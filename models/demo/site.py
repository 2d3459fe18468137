"""The demo warehouse WH1: a receiving dock, packing and shipping areas, quarantine and
returns, and generated bins in three zones."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.actor import Actor
from models.entities import Location, LocationKind, LocationType, Warehouse
from models.masterdata.location_patterns import LocationPattern, generate_locations
from models.masterdata.locations import LocationInput, create_warehouse, save_location

WAREHOUSE = "WH1"

# Code, name, type, zone, walk order: the work areas a newcomer sees around the bins.
AREAS = [
    ("RECV-01", "Receiving dock 1", LocationType.RECEIVING, "DOCK", 1),
    ("RECV-02", "Receiving dock 2", LocationType.RECEIVING, "DOCK", 2),
    ("QUAR-01", "Quarantine cage", LocationType.QUARANTINE, "DOCK", 3),
    ("RET-01", "Returns table", LocationType.RETURNS, "DOCK", 4),
    ("PACK-01", "Packing table 1", LocationType.PACKING, "PACK", 5_000),
    ("PACK-02", "Packing table 2", LocationType.PACKING, "PACK", 5_001),
    ("SHIP-01", "Shipping lane 1", LocationType.SHIPPING, "PACK", 5_010),
    ("SHIP-02", "Shipping lane 2", LocationType.SHIPPING, "PACK", 5_011),
]

# Zone A: pick faces for fast movers near packing; B: reserve storage; C: bulky goods.
ZONES = [
    LocationPattern(warehouse=WAREHOUSE, zone="ZA", aisles="A-B", racks="01-10", levels="1-4",
                    type=LocationType.PICK_FACE),
    LocationPattern(warehouse=WAREHOUSE, zone="ZB", aisles="C-E", racks="01-12", levels="1-5"),
    LocationPattern(warehouse=WAREHOUSE, zone="ZC", aisles="F-G", racks="01-08", levels="1-3"),
]


@dataclass(frozen=True)
class DemoSite:
    """Ids of the demo warehouse's locations that the opening stock fills."""

    warehouse_id: int
    pick_faces: list[int]
    storage: list[int]
    bulk: list[int]
    quarantine: int


def build_site(session: Session, actor: Actor) -> DemoSite:
    """Create WH1 with its work areas and bins."""
    wh = create_warehouse(session, actor, code=WAREHOUSE, name="Demo warehouse 演示仓库",
                          address="Shenzhen, Longhua District")
    # Bins first: a pattern numbers its walk after the highest walk order already there.
    for pattern in ZONES:
        generate_locations(session, actor, pattern)
    for code, name, loc_type, zone, walk in AREAS:
        save_location(session, actor, LocationInput(
            warehouse=WAREHOUSE, code=code, name=name, type=loc_type, zone=zone,
            walk_seq=walk))

    def bins(zone: str) -> list[int]:
        return list(session.scalars(select(Location.id).where(
            Location.warehouse_id == wh.id, Location.zone == zone,
            Location.kind == LocationKind.BIN).order_by(Location.walk_seq)))

    quarantine = session.scalar(select(Location.id).where(
        Location.warehouse_id == wh.id, Location.code == "QUAR-01"))
    assert quarantine is not None
    return DemoSite(wh.id, bins("ZA"), bins("ZB"), bins("ZC"), quarantine)


def warehouse_exists(session: Session) -> bool:
    """True when the demo warehouse code is taken."""
    return session.scalar(select(Warehouse.id).where(Warehouse.code == WAREHOUSE)) is not None
