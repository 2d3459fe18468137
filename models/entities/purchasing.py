"""Suppliers and the purchase orders goods are received against."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Integer,
    Numeric,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.entities.base import Base, UtcDateTime, utcnow


class BeyondTolerance(StrEnum):
    """What receiving does with units beyond the over-receipt tolerance."""

    WARN = "warn"  # take them, with the warning sound
    BLOCK = "block"  # refuse them until a supervisor approves


class PoStatus(StrEnum):
    """Where a purchase order stands."""

    OPEN = "open"
    PARTLY_RECEIVED = "partly_received"
    RECEIVED = "received"
    CLOSED = "closed"


class Supplier(Base):
    """Someone goods are bought from, with how much over the ordered quantity they may deliver."""

    __tablename__ = "supplier"
    __table_args__ = (
        CheckConstraint("over_receipt_pct >= 0", name="over_receipt_pct"),
        CheckConstraint("over_receipt_beyond IN ('warn', 'block')", name="over_receipt_beyond"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(255))
    contact: Mapped[str] = mapped_column(String(255), default="", server_default="")
    phone: Mapped[str] = mapped_column(String(64), default="", server_default="")
    email: Mapped[str] = mapped_column(String(255), default="", server_default="")
    address: Mapped[str] = mapped_column(String(500), default="", server_default="")
    # Units up to this percentage over the ordered quantity are taken with a warning.
    over_receipt_pct: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    over_receipt_beyond: Mapped[str] = mapped_column(
        String(8), default=BeyondTolerance.BLOCK, server_default=BeyondTolerance.BLOCK)
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default="1")


class PurchaseOrder(Base):
    """An order placed with a supplier; its barcode is PO-<number>."""

    __tablename__ = "purchase_order"
    __table_args__ = (
        CheckConstraint("status IN ('open', 'partly_received', 'received', 'closed')",
                        name="status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # Without the PO- prefix: what `DocumentRef.number` holds for a scanned order.
    number: Mapped[str] = mapped_column(String(40), unique=True)
    supplier_id: Mapped[int] = mapped_column(ForeignKey("supplier.id"), index=True)
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("warehouse.id"))
    status: Mapped[str] = mapped_column(String(16), default=PoStatus.OPEN,
                                        server_default=PoStatus.OPEN)
    expected_date: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str] = mapped_column(String(500), default="", server_default="")
    created_by: Mapped[int] = mapped_column(ForeignKey("app_user.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, onupdate=utcnow)

    supplier: Mapped[Supplier] = relationship()
    lines: Mapped[list[PurchaseOrderLine]] = relationship(
        back_populates="order", cascade="all, delete-orphan",
        order_by="PurchaseOrderLine.line_no")

    @property
    def code(self) -> str:
        """The barcode data of this order."""
        return f"PO-{self.number}"


class PurchaseOrderLine(Base):
    """A product and quantity ordered on a purchase order."""

    __tablename__ = "purchase_order_line"
    __table_args__ = (
        UniqueConstraint("order_id", "line_no"),
        CheckConstraint("qty > 0", name="qty_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("purchase_order.id", ondelete="CASCADE"))
    line_no: Mapped[int] = mapped_column(Integer)
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id"), index=True)
    qty: Mapped[int] = mapped_column(Integer)
    unit_cost: Mapped[Decimal | None] = mapped_column(Numeric(14, 4))
    expected_date: Mapped[date | None] = mapped_column(Date)

    order: Mapped[PurchaseOrder] = relationship(back_populates="lines")
