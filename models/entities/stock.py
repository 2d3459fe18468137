"""The stock ledger: postings of immutable moves, the quants derived from them, reservations,
lots and serial numbers."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    UniqueConstraint,
    func,
    literal_column,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.entities.base import Base, BigId, UtcDateTime, utcnow


class Lot(Base):
    """A production lot or batch of a product, with its expiry date when it has one."""

    __tablename__ = "lot"
    __table_args__ = (
        UniqueConstraint("product_id", "number"),
        # Finding lots by number across products (the browsers' lot filter, a scanned lot).
        Index("ix_lot_number", "number"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id"))
    number: Mapped[str] = mapped_column(String(64))
    expiry: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class SerialNumber(Base):
    """One serial-tracked unit; `location_id` is where the ledger last put it."""

    __tablename__ = "serial_number"
    __table_args__ = (UniqueConstraint("product_id", "serial"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id"))
    serial: Mapped[str] = mapped_column(String(128))
    lot_id: Mapped[int | None] = mapped_column(ForeignKey("lot.id"))
    location_id: Mapped[int | None] = mapped_column(ForeignKey("location.id"), index=True)


class StockPosting(Base):
    """One all-or-nothing change to stock: who, where from, why, and its idempotency key."""

    __tablename__ = "stock_posting"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    # A retried request (lost connection, crash, double scan) carries the same key and is
    # answered with the first posting instead of being applied twice.
    idempotency_key: Mapped[str | None] = mapped_column(String(128), unique=True)
    request_hash: Mapped[str] = mapped_column(String(64))
    reason: Mapped[str] = mapped_column(String(32))
    reference: Mapped[str] = mapped_column(String(128), default="", server_default="",
                                           index=True)
    note: Mapped[str] = mapped_column(String(500), default="", server_default="")
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"))
    workstation: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    # Unique: a posting is reversed at most once.
    reverses_id: Mapped[int | None] = mapped_column(ForeignKey("stock_posting.id"), unique=True)

    moves: Mapped[list[StockMove]] = relationship(back_populates="posting",
                                                  order_by="StockMove.id")


class StockMove(Base):
    """An immutable ledger row: `qty` units of a product went from one location to another."""

    __tablename__ = "stock_move"
    __table_args__ = (
        CheckConstraint("qty > 0", name="qty_positive"),
        CheckConstraint("from_location_id <> to_location_id", name="moves_somewhere"),
        Index("ix_stock_move_product_id_id", "product_id", "id"),
        Index("ix_stock_move_lot_id", "lot_id", sqlite_where=literal_column("lot_id IS NOT NULL"),
              postgresql_where=literal_column("lot_id IS NOT NULL")),
        Index("ix_stock_move_serial_id", "serial_id",
              sqlite_where=literal_column("serial_id IS NOT NULL"),
              postgresql_where=literal_column("serial_id IS NOT NULL")),
        Index("ix_stock_move_from_location_id_id", "from_location_id", "id"),
        Index("ix_stock_move_to_location_id_id", "to_location_id", "id"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    posting_id: Mapped[int] = mapped_column(ForeignKey("stock_posting.id"), index=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id"))
    lot_id: Mapped[int | None] = mapped_column(ForeignKey("lot.id"))
    serial_id: Mapped[int | None] = mapped_column(ForeignKey("serial_number.id"))
    qty: Mapped[int] = mapped_column(Integer)
    from_location_id: Mapped[int] = mapped_column(ForeignKey("location.id"))
    to_location_id: Mapped[int] = mapped_column(ForeignKey("location.id"))
    unit_cost: Mapped[Decimal | None] = mapped_column(Numeric(14, 4))

    posting: Mapped[StockPosting] = relationship(back_populates="moves")


class Quant(Base):
    """Stock on hand and reserved for one product, location and lot: derived from the moves
    (and the reservations) in the same transaction, and checked by `waredesk verify`."""

    __tablename__ = "quant"
    __table_args__ = (
        CheckConstraint("on_hand >= 0", name="on_hand_not_negative"),
        CheckConstraint("reserved >= 0 AND reserved <= on_hand", name="reserved_within_on_hand"),
        # A lot-less quant has lot_id NULL; COALESCE makes "no lot" one key, not many.
        Index("uq_quant_key", "product_id", "location_id",
              func.coalesce(literal_column("lot_id"), literal_column("0")), unique=True),
        Index("ix_quant_location_id", "location_id"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id"))
    location_id: Mapped[int] = mapped_column(ForeignKey("location.id"))
    lot_id: Mapped[int | None] = mapped_column(ForeignKey("lot.id"))
    on_hand: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    reserved: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class Reservation(Base):
    """Units of a quant promised to a document (a sales order line, a transfer)."""

    __tablename__ = "reservation"
    __table_args__ = (
        CheckConstraint("qty >= 0", name="qty_not_negative"),
        Index("ix_reservation_key", "product_id", "location_id", "lot_id"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id"))
    location_id: Mapped[int] = mapped_column(ForeignKey("location.id"))
    lot_id: Mapped[int | None] = mapped_column(ForeignKey("lot.id"))
    # What is still reserved; it falls as stock is shipped or the reservation is released.
    qty: Mapped[int] = mapped_column(Integer)
    reference: Mapped[str] = mapped_column(String(128), index=True)
    # The sales order line it is for, when it is for one.
    order_line_id: Mapped[int | None] = mapped_column(
        BigId, ForeignKey("sales_order_line.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
