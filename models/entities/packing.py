"""Packing: each item scan checked against a picked order (kept, so a packer who restarts
goes on where they were), and the shipment an order became: its weight, who packed it, when,
and the posting that sent it to the customer."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import (
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    literal_column,
)
from sqlalchemy.orm import Mapped, mapped_column

from models.entities.base import Base, BigId, UtcDateTime, utcnow

_SCANNED_SERIAL = literal_column("serial IS NOT NULL AND NOT undone")


class PackScan(Base):
    """Units of one product verified into an order's parcel (or the undo of them)."""

    __tablename__ = "pack_scan"
    __table_args__ = (
        CheckConstraint("qty > 0", name="qty_positive"),
        Index("ix_pack_scan_order_id_id", "order_id", "id"),
        # Backs the packing check against two workstations scanning the same unit at once.
        Index("uq_pack_scan_serial", "order_id", "product_id", "serial", unique=True,
              sqlite_where=_SCANNED_SERIAL, postgresql_where=_SCANNED_SERIAL),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    order_id: Mapped[int] = mapped_column(BigId, ForeignKey("sales_order.id"))
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id"))
    qty: Mapped[int] = mapped_column(Integer)
    # The unit's serial (GS1 (21)) when the scan carried one: the same unit is scanned once.
    serial: Mapped[str | None] = mapped_column(String(128))
    # The scan's key: a scan retried after a lost answer is counted once.
    key: Mapped[str] = mapped_column(String(64), unique=True)
    undone: Mapped[bool] = mapped_column(default=False, server_default="0")
    # The undo's key, so an undo retried after a lost answer takes back one scan only.
    undo_key: Mapped[str | None] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class Shipment(Base):
    """An order packed and sent: one per order."""

    __tablename__ = "shipment"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    order_id: Mapped[int] = mapped_column(BigId, ForeignKey("sales_order.id"), unique=True)
    weight_kg: Mapped[Decimal | None] = mapped_column(Numeric(10, 3))
    expected_kg: Mapped[Decimal] = mapped_column(Numeric(10, 3))
    # A supervisor who let a weight outside the tolerance go (NULL: it was within).
    approved_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    packed_by: Mapped[int] = mapped_column(ForeignKey("app_user.id"))
    packed_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, index=True)
    posting_id: Mapped[int] = mapped_column(BigId, ForeignKey("stock_posting.id"))
    workstation: Mapped[str] = mapped_column(String(64), default="", server_default="")
