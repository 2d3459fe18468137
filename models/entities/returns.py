"""Customer returns: a parcel that came back (one return per parcel received, against the
order it was shipped on) and each step taken with it: units received from the customer into
the returns location, and where they went after inspection (restocked to a bin, quarantined,
scrapped). Every step keeps its posting and its key, so a retried scan counts once and an
undo reverses exactly that posting."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from models.entities.base import Base, BigId, UtcDateTime, utcnow


class ReturnStepKind(StrEnum):
    """What one step of a return did."""

    RECEIVE = "receive"  # customer -> returns location
    RESTOCK = "restock"  # returns location -> a storage or pick bin
    QUARANTINE = "quarantine"  # returns location -> the quarantine location
    SCRAP = "scrap"  # returns location -> inventory loss


class CustomerReturn(Base):
    """One parcel a customer sent back, received against the order it was shipped on."""

    __tablename__ = "customer_return"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    order_id: Mapped[int] = mapped_column(BigId, ForeignKey("sales_order.id"), index=True)
    # What the clerk scanned to find the order: the tracking number or an order number.
    scanned: Mapped[str] = mapped_column(String(64), default="", server_default="")
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"))
    workstation: Mapped[str] = mapped_column(String(64), default="", server_default="")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, index=True)


class ReturnStep(Base):
    """Units of one product (and lot) received in a return, or disposed of (or the undo)."""

    __tablename__ = "return_step"
    __table_args__ = (
        CheckConstraint("qty > 0", name="qty_positive"),
        CheckConstraint("kind IN ('receive', 'restock', 'quarantine', 'scrap')", name="kind"),
        Index("ix_return_step_return_id_id", "return_id", "id"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    return_id: Mapped[int] = mapped_column(BigId, ForeignKey("customer_return.id"))
    kind: Mapped[str] = mapped_column(String(16))
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id"))
    lot_id: Mapped[int | None] = mapped_column(ForeignKey("lot.id"))
    qty: Mapped[int] = mapped_column(Integer)
    # Where the step put the units: the returns location, a bin, quarantine, inventory loss.
    to_location_id: Mapped[int] = mapped_column(ForeignKey("location.id"))
    # Why the units came back, or why they went where they went: a ReturnReason code...
    reason: Mapped[str] = mapped_column(String(32), default="", server_default="")
    # ...and the clerk's own words.
    note: Mapped[str] = mapped_column(String(255), default="", server_default="")
    posting_id: Mapped[int] = mapped_column(BigId, ForeignKey("stock_posting.id"))
    # The step's key: a scan retried after a lost answer is taken once.
    key: Mapped[str] = mapped_column(String(96), unique=True)
    undone: Mapped[bool] = mapped_column(default=False, server_default="0")
    # The undo's key, so an undo retried after a lost answer reverses one step only.
    undo_key: Mapped[str | None] = mapped_column(String(96), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"))
    # A supervisor who approved a scrap the clerk may not do alone.
    approved_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
