"""Receipts: a session of receiving goods (against a purchase order or unplanned) and the
scans it took, each one a posting in the ledger."""

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
    literal_column,
)
from sqlalchemy.orm import Mapped, mapped_column

from models.entities.base import Base, BigId, UtcDateTime, utcnow


class ReceiptStatus(StrEnum):
    """An open receipt can be resumed; a done one is history."""

    OPEN = "open"
    DONE = "done"


class Receipt(Base):
    """Goods received at one dock, against a purchase order or (with a reason) unplanned."""

    __tablename__ = "receipt"
    __table_args__ = (
        CheckConstraint("status IN ('open', 'done')", name="status"),
        CheckConstraint("purchase_order_id IS NOT NULL OR reason <> ''", name="unplanned_reason"),
        # One open receipt per purchase order: whoever opens the order again resumes it.
        Index("uq_receipt_open_order", "purchase_order_id", unique=True,
              sqlite_where=literal_column("status = 'open'"),
              postgresql_where=literal_column("status = 'open'")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    purchase_order_id: Mapped[int | None] = mapped_column(ForeignKey("purchase_order.id"))
    supplier_id: Mapped[int | None] = mapped_column(ForeignKey("supplier.id"))
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("warehouse.id"))
    dock_location_id: Mapped[int] = mapped_column(ForeignKey("location.id"))
    status: Mapped[str] = mapped_column(String(8), default=ReceiptStatus.OPEN,
                                        server_default=ReceiptStatus.OPEN)
    blind: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    # Why goods came without an order (empty for a receipt against a purchase order).
    reason: Mapped[str] = mapped_column(String(255), default="", server_default="")
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"))
    workstation: Mapped[str] = mapped_column(String(64))
    started_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UtcDateTime)

    @property
    def code(self) -> str:
        """How a person refers to this receipt."""
        return f"REC-{self.id}"


class ReceiptScan(Base):
    """One accepted scan of a receipt and the posting that brought its units in; an undone
    scan keeps its row and points at the posting that reversed it."""

    __tablename__ = "receipt_scan"
    __table_args__ = (
        CheckConstraint("qty > 0", name="qty_positive"),
        Index("ix_receipt_scan_receipt_id_id", "receipt_id", "id"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    receipt_id: Mapped[int] = mapped_column(ForeignKey("receipt.id"))
    order_line_id: Mapped[int | None] = mapped_column(ForeignKey("purchase_order_line.id"),
                                                      index=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id"))
    qty: Mapped[int] = mapped_column(Integer)
    pack_qty: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    damaged: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    lot_id: Mapped[int | None] = mapped_column(ForeignKey("lot.id"))
    serial_id: Mapped[int | None] = mapped_column(ForeignKey("serial_number.id"))
    to_location_id: Mapped[int] = mapped_column(ForeignKey("location.id"))
    posting_id: Mapped[int] = mapped_column(ForeignKey("stock_posting.id"), unique=True)
    reversal_id: Mapped[int | None] = mapped_column(ForeignKey("stock_posting.id"), unique=True)
    # The supervisor who let units beyond the over-receipt tolerance in.
    approved_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    raw: Mapped[str] = mapped_column(String(255), default="", server_default="")
    note: Mapped[str] = mapped_column(String(255), default="", server_default="")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
