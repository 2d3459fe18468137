"""Warehouses and their locations: a hierarchy from zone down to bin, plus virtual locations."""

from __future__ import annotations

from enum import StrEnum

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.entities.base import Base


class LocationKind(StrEnum):
    """A location's level in the hierarchy. Stock is kept only in bins and virtual locations."""

    ZONE = "zone"
    AISLE = "aisle"
    RACK = "rack"
    LEVEL = "level"
    BIN = "bin"
    VIRTUAL = "virtual"


class LocationType(StrEnum):
    """What a location is used for."""

    RECEIVING = "receiving"
    STORAGE = "storage"
    PICK_FACE = "pick_face"
    PACKING = "packing"
    SHIPPING = "shipping"
    QUARANTINE = "quarantine"
    RETURNS = "returns"
    # Virtual: the other side of receipts, shipments and adjustments; they hold no quants.
    SUPPLIER = "supplier"
    CUSTOMER = "customer"
    INVENTORY_LOSS = "inventory_loss"


VIRTUAL_TYPES = frozenset({LocationType.SUPPLIER, LocationType.CUSTOMER,
                           LocationType.INVENTORY_LOSS})


class Warehouse(Base):
    """A building (or a third-party warehouse) that holds stock."""

    __tablename__ = "warehouse"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(255))
    address: Mapped[str] = mapped_column(String(500), default="", server_default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default="1")

    locations: Mapped[list[Location]] = relationship(back_populates="warehouse")


class Location(Base):
    """A place stock can be: a bin, a dock, a packing table, or a virtual counterpart."""

    __tablename__ = "location"
    __table_args__ = (
        UniqueConstraint("warehouse_id", "code"),
        CheckConstraint(
            "kind IN ('zone', 'aisle', 'rack', 'level', 'bin', 'virtual')", name="kind"
        ),
        CheckConstraint("capacity IS NULL OR capacity > 0", name="capacity_positive"),
        Index("ix_location_walk", "warehouse_id", "walk_seq"),
        # Putaway looks for an empty bin of a zone in walk order.
        Index("ix_location_zone_walk", "warehouse_id", "zone", "walk_seq"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # NULL only for the virtual locations, which every warehouse shares.
    warehouse_id: Mapped[int | None] = mapped_column(ForeignKey("warehouse.id"))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("location.id"), index=True)
    code: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(255), default="", server_default="")
    kind: Mapped[str] = mapped_column(String(16), default=LocationKind.BIN,
                                      server_default=LocationKind.BIN)
    type: Mapped[str] = mapped_column(String(20), default=LocationType.STORAGE,
                                      server_default=LocationType.STORAGE)
    zone: Mapped[str] = mapped_column(String(32), default="", server_default="")
    walk_seq: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # Globally unique, so a scanned location label always means one place.
    barcode: Mapped[str] = mapped_column(String(64), unique=True)
    blocked: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    blocked_reason: Mapped[str] = mapped_column(String(255), default="", server_default="")
    # Maximum units the location holds; NULL means unlimited.
    capacity: Mapped[int | None] = mapped_column(Integer)
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default="1")

    warehouse: Mapped[Warehouse | None] = relationship(back_populates="locations")
    parent: Mapped[Location | None] = relationship(remote_side=[id])

    @property
    def is_virtual(self) -> bool:
        """True for supplier, customer and inventory-loss locations."""
        return self.type in VIRTUAL_TYPES

    @property
    def holds_stock(self) -> bool:
        """Bins and virtual locations can be the end of a move; structural nodes cannot."""
        return self.kind in (LocationKind.BIN, LocationKind.VIRTUAL)
