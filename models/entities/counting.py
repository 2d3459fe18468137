"""Stock counts: a plan of locations, what counters found in each (by round: a recount is a
second round by another person), and the adjustment its approval posted."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
    func,
    literal_column,
)
from sqlalchemy.orm import Mapped, mapped_column

from models.entities.base import Base, BigId, UtcDateTime, utcnow


class CountStatus(StrEnum):
    """A count is open while bins are counted, then approved (posted) or cancelled."""

    OPEN = "open"
    APPROVED = "approved"
    CANCELLED = "cancelled"


class BinStatus(StrEnum):
    """Where one location of a count stands."""

    PENDING = "pending"  # not counted yet
    COUNTING = "counting"  # a counter is on it now (the location is blocked meanwhile)
    COUNTED = "counted"  # counted, variance within the threshold (or recounted)
    RECOUNT = "recount"  # variance past the threshold: another person counts it again


class StockCount(Base):
    """A count plan and its progress; its barcode is COUNT-<id>."""

    __tablename__ = "stock_count"
    __table_args__ = (
        CheckConstraint("status IN ('open', 'approved', 'cancelled')", name="status"),
        CheckConstraint("recount_pct >= 0 AND recount_units >= 0", name="thresholds"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("warehouse.id"))
    # What was planned, in words ("zone ZB", "cycle count, class A due 2026-12-01").
    title: Mapped[str] = mapped_column(String(255))
    kind: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(12), default=CountStatus.OPEN,
                                        server_default=CountStatus.OPEN)
    blind: Mapped[bool] = mapped_column(Boolean, default=True, server_default="1")
    # A bin goes to a recount when a line's variance passes both: the percentage of what was
    # expected, and the units.
    recount_pct: Mapped[int] = mapped_column(Integer, default=5, server_default="5")
    recount_units: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    created_by: Mapped[int] = mapped_column(ForeignKey("app_user.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    approved_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    approved_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    posting_id: Mapped[int | None] = mapped_column(ForeignKey("stock_posting.id"))

    @property
    def code(self) -> str:
        """The barcode data of this count."""
        return f"COUNT-{self.id}"


class CountBin(Base):
    """One location of a count and its rounds."""

    __tablename__ = "count_bin"
    __table_args__ = (
        UniqueConstraint("count_id", "location_id"),
        CheckConstraint("status IN ('pending', 'counting', 'counted', 'recount')",
                        name="status"),
        Index("ix_count_bin_location_id", "location_id"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    count_id: Mapped[int] = mapped_column(ForeignKey("stock_count.id"))
    location_id: Mapped[int] = mapped_column(ForeignKey("location.id"))
    status: Mapped[str] = mapped_column(String(10), default=BinStatus.PENDING,
                                        server_default=BinStatus.PENDING)
    round: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # Who counted the first round: a recount must be somebody else.
    first_counter_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    counter_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    # The location was blocked before the count took it (left blocked afterwards).
    was_blocked: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    started_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    counted_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class CountLine(Base):
    """What was expected (the snapshot when the round began) and counted of one product, lot
    or serial in one bin, in one round."""

    __tablename__ = "count_line"
    __table_args__ = (
        CheckConstraint("expected >= 0 AND counted >= 0", name="quantities"),
        Index("uq_count_line_key", "count_bin_id", "round", "product_id",
              func.coalesce(literal_column("lot_id"), literal_column("0")),
              func.coalesce(literal_column("serial_id"), literal_column("0")), unique=True),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    count_bin_id: Mapped[int] = mapped_column(ForeignKey("count_bin.id"))
    round: Mapped[int] = mapped_column(Integer)
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id"))
    lot_id: Mapped[int | None] = mapped_column(ForeignKey("lot.id"))
    serial_id: Mapped[int | None] = mapped_column(ForeignKey("serial_number.id"))
    expected: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    counted: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, onupdate=utcnow)


class LastCount(Base):
    """When a count last approved a location: cycle counts pick the locations due again.
    Kept beside `location` rather than in it: it changes only when a count is approved."""

    __tablename__ = "location_last_count"

    location_id: Mapped[int] = mapped_column(ForeignKey("location.id"), primary_key=True)
    counted_at: Mapped[datetime] = mapped_column(UtcDateTime)
    count_id: Mapped[int] = mapped_column(ForeignKey("stock_count.id"))


class ShortHold(Base):
    """A product a picker reported short in a bin: reservations skip it there until a count
    of the bin is approved (the books claim units nobody could find)."""

    __tablename__ = "short_hold"
    __table_args__ = (UniqueConstraint("location_id", "product_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    location_id: Mapped[int] = mapped_column(ForeignKey("location.id"))
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id"))
    # The count that settles it; approving it (with the bin counted) lifts the hold.
    count_id: Mapped[int] = mapped_column(ForeignKey("stock_count.id"), index=True)
    reason: Mapped[str] = mapped_column(String(255))
    created_by: Mapped[int] = mapped_column(ForeignKey("app_user.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
