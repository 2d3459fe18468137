"""Products and their barcodes."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    ForeignKey,
    Integer,
    Numeric,
    String,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.entities.base import Base, UtcDateTime, utcnow


class Tracking(StrEnum):
    """How individual units of a product are told apart."""

    NONE = "none"
    LOT = "lot"
    SERIAL = "serial"


class Product(Base):
    """A stock-keeping unit. Quantities of it are whole units of `unit`."""

    __tablename__ = "product"
    __table_args__ = (
        CheckConstraint("tracking IN ('none', 'lot', 'serial')", name="tracking"),
        CheckConstraint("shelf_life_days IS NULL OR shelf_life_days > 0", name="shelf_life"),
        CheckConstraint("over_receipt_pct IS NULL OR over_receipt_pct >= 0",
                        name="over_receipt_pct"),
        CheckConstraint("over_receipt_beyond IS NULL OR over_receipt_beyond IN ('warn', 'block')",
                        name="over_receipt_beyond"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    sku: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(255), index=True)
    # A second name for a bilingual catalogue (e.g. the Chinese name beside an English one).
    alt_name: Mapped[str] = mapped_column(String(255), default="", server_default="")
    category: Mapped[str] = mapped_column(String(100), default="", server_default="")
    unit: Mapped[str] = mapped_column(String(16), default="pcs", server_default="pcs")
    weight_g: Mapped[Decimal | None] = mapped_column(Numeric(12, 3))
    length_mm: Mapped[Decimal | None] = mapped_column(Numeric(10, 1))
    width_mm: Mapped[Decimal | None] = mapped_column(Numeric(10, 1))
    height_mm: Mapped[Decimal | None] = mapped_column(Numeric(10, 1))
    tracking: Mapped[str] = mapped_column(String(8), default=Tracking.NONE,
                                          server_default=Tracking.NONE)
    expiry_tracked: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    shelf_life_days: Mapped[int | None] = mapped_column(Integer)
    # Minimum remaining shelf life accepted on receipt, in days.
    min_remaining_days: Mapped[int | None] = mapped_column(Integer)
    min_stock: Mapped[int | None] = mapped_column(Integer)
    max_stock: Mapped[int | None] = mapped_column(Integer)
    safety_stock: Mapped[int | None] = mapped_column(Integer)
    standard_cost: Mapped[Decimal | None] = mapped_column(Numeric(14, 4))
    # Putaway: the product's fixed bin, and the zone its other bins are chosen from.
    home_location_id: Mapped[int | None] = mapped_column(ForeignKey("location.id"))
    putaway_zone: Mapped[str] = mapped_column(String(32), default="", server_default="")
    # Over-receipt rule of this product; NULL takes the supplier's.
    over_receipt_pct: Mapped[int | None] = mapped_column(Integer)
    over_receipt_beyond: Mapped[str | None] = mapped_column(String(8))
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default="1")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, onupdate=utcnow)

    barcodes: Mapped[list[Barcode]] = relationship(
        back_populates="product", cascade="all, delete-orphan", order_by="Barcode.id"
    )


class Barcode(Base):
    """A barcode printed on a product or on a pack of it (a case of 12 has pack_qty 12)."""

    __tablename__ = "barcode"
    __table_args__ = (CheckConstraint("pack_qty > 0", name="pack_qty_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id", ondelete="CASCADE"),
                                            index=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    pack_qty: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    product: Mapped[Product] = relationship(back_populates="barcodes")
