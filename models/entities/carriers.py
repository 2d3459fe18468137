"""Carriers that take the parcels, and the tracking-number ranges a number-pool carrier hands
out from."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import BigInteger, Boolean, CheckConstraint, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from models.entities.base import Base, UtcDateTime, utcnow


class CarrierKind(StrEnum):
    """How a carrier's tracking numbers come about."""

    POOL = "pool"  # from ranges the carrier gave the seller, one after another
    MANUAL = "manual"  # typed or scanned from the carrier's own waybill


class Carrier(Base):
    """A carrier by the code the review rules and orders use (SF, EMS, YTO, DHL...)."""

    __tablename__ = "carrier"
    __table_args__ = (
        CheckConstraint("kind IN ('pool', 'manual')", name="kind"),
        CheckConstraint("check_rule IN ('s10', 'mod7', 'mod10', 'ups', 'none')",
                        name="check_rule"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(255))
    kind: Mapped[str] = mapped_column(String(8))
    check_rule: Mapped[str] = mapped_column(String(8), default="none", server_default="none")
    #: The carrier as the Chinese platforms' bulk-shipping uploads name it (顺丰速运, 中通快递);
    #: empty: its name.
    upload_name: Mapped[str] = mapped_column(String(64), default="", server_default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default="1")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class TrackingRange(Base):
    """Numbers prefix + serial (zero-padded to `width`) + check digit + suffix, for serials
    `first` to `last`; `next_serial` is the next one to hand out (past `last`: used up)."""

    __tablename__ = "tracking_range"
    __table_args__ = (
        CheckConstraint("first_serial <= last_serial", name="order"),
        CheckConstraint("next_serial >= first_serial AND next_serial <= last_serial + 1",
                        name="next_inside"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    carrier_id: Mapped[int] = mapped_column(ForeignKey("carrier.id"), index=True)
    prefix: Mapped[str] = mapped_column(String(16), default="", server_default="")
    suffix: Mapped[str] = mapped_column(String(16), default="", server_default="")
    width: Mapped[int] = mapped_column(Integer)
    first_serial: Mapped[int] = mapped_column(BigInteger)
    last_serial: Mapped[int] = mapped_column(BigInteger)
    next_serial: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
