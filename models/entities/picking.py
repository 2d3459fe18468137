"""Waves of orders picked together, their pick tasks (one per reservation), and each pick
posted, so a pick can be undone and a wave resumed after a crash."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from models.entities.base import Base, BigId, UtcDateTime, utcnow


class WaveStatus(StrEnum):
    """Where a wave stands. A planned wave is released at once: its orders are `picking`."""

    OPEN = "open"  # planned, nothing picked yet
    PICKING = "picking"
    DONE = "done"  # every task picked or short
    CANCELLED = "cancelled"


class TaskStatus(StrEnum):
    """Where a pick task stands."""

    OPEN = "open"
    DONE = "done"
    SHORT = "short"  # the bin held fewer; what it lacked was reallocated or backordered


class Wave(Base):
    """Orders of one warehouse picked in one walk; its code WAVE-<id> is on the pick list."""

    __tablename__ = "wave"

    id: Mapped[int] = mapped_column(primary_key=True)
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("warehouse.id"))
    # Where picked units go: the warehouse's packing bin when the wave was planned.
    packing_location_id: Mapped[int] = mapped_column(ForeignKey("location.id"))
    # No CHECK on status, as on sales orders: later steps may add their own.
    status: Mapped[str] = mapped_column(String(16), default=WaveStatus.OPEN,
                                        server_default=WaveStatus.OPEN, index=True)
    grouping: Mapped[str] = mapped_column(String(255), default="", server_default="")
    created_by: Mapped[int] = mapped_column(ForeignKey("app_user.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)

    @property
    def code(self) -> str:
        """The wave's number as printed and scanned."""
        return f"WAVE-{self.id}"


class WaveOrder(Base):
    """An order in a wave, and the tote its items go into."""

    __tablename__ = "wave_order"
    __table_args__ = (
        UniqueConstraint("wave_id", "order_id"),
        UniqueConstraint("wave_id", "tote"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    wave_id: Mapped[int] = mapped_column(ForeignKey("wave.id", ondelete="CASCADE"))
    order_id: Mapped[int] = mapped_column(BigId, ForeignKey("sales_order.id"), index=True)
    seq: Mapped[int] = mapped_column(Integer)  # 1, 2... the order's place in the wave
    tote: Mapped[str | None] = mapped_column(String(32))


class PickTask(Base):
    """Units of one reservation to take from its bin into the order's tote."""

    __tablename__ = "pick_task"
    __table_args__ = (
        CheckConstraint("qty > 0", name="qty_positive"),
        CheckConstraint("picked >= 0 AND picked <= qty", name="picked_range"),
        Index("ix_pick_task_walk", "wave_id", "walk_seq"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    wave_id: Mapped[int] = mapped_column(ForeignKey("wave.id", ondelete="CASCADE"))
    order_id: Mapped[int] = mapped_column(BigId, ForeignKey("sales_order.id"), index=True)
    order_line_id: Mapped[int] = mapped_column(BigId, ForeignKey("sales_order_line.id"))
    reservation_id: Mapped[int] = mapped_column(BigId, ForeignKey("reservation.id"))
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id"))
    location_id: Mapped[int] = mapped_column(ForeignKey("location.id"))
    lot_id: Mapped[int | None] = mapped_column(ForeignKey("lot.id"))
    walk_seq: Mapped[int] = mapped_column(Integer)
    qty: Mapped[int] = mapped_column(Integer)
    picked: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    status: Mapped[str] = mapped_column(String(8), default=TaskStatus.OPEN,
                                        server_default=TaskStatus.OPEN)
    short_reason: Mapped[str] = mapped_column(String(255), default="", server_default="")


class PickEvent(Base):
    """One pick as posted (or the undo of one): the posting, so an undo reverses it, and the
    scan's key, so a retried scan is never picked twice."""

    __tablename__ = "pick_event"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    task_id: Mapped[int] = mapped_column(BigId, ForeignKey("pick_task.id"), index=True)
    wave_id: Mapped[int] = mapped_column(ForeignKey("wave.id", ondelete="CASCADE"),
                                         index=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)
    qty: Mapped[int] = mapped_column(Integer)
    posting_id: Mapped[int] = mapped_column(BigId, ForeignKey("stock_posting.id"))
    undone: Mapped[bool] = mapped_column(default=False, server_default="0")
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
