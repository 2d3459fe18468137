"""Shops the seller sells on, the sales orders imported from them (or typed in), and the
column mappings users made for other shops' exports."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.entities.base import Base, BigId, UtcDateTime, utcnow
from models.entities.sites import Warehouse

#: Money: Numeric, never float. Two decimals cover every shop's currency.
Money = Numeric(14, 2)


class Platform(StrEnum):
    """The marketplace or shop system a shop runs on; it decides the order export's columns."""

    TAOBAO = "taobao"  # Taobao and Tmall share one seller back end and export
    JD = "jd"
    PINDUODUO = "pinduoduo"
    DOUYIN = "douyin"
    SHOPIFY = "shopify"
    AMAZON = "amazon"
    OTHER = "other"


class SalesOrderStatus(StrEnum):
    """Where a sales order stands. Later steps (picking, packing) add their own."""

    NEW = "new"
    APPROVED = "approved"  # reviewed, and every unit reserved
    HELD = "held"  # waits for a person: a rule's hold, a manual hold, or stock short
    EXCEPTION = "exception"  # cannot go on as it is: unknown product, no warehouse...
    BACKORDER = "backorder"  # what is in stock is reserved; the rest waits for stock
    CANCELLED = "cancelled"
    PICKING = "picking"  # in a released wave
    PICKED = "picked"  # every unit at the packing location
    SHIPPED = "shipped"  # packed, weighed and sent to the customer (see Shipment)
    RETURNED = "returned"  # every unit shipped came back (see CustomerReturn)


class Shop(Base):
    """One shop on one platform; an order number is unique only within its shop."""

    __tablename__ = "shop"
    __table_args__ = (
        CheckConstraint("platform IN ('taobao', 'jd', 'pinduoduo', 'douyin', 'shopify', "
                        "'amazon', 'other')", name="platform"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(255))
    platform: Mapped[str] = mapped_column(String(16))
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default="1")
    # The sender on the shop's waybills: a phone the carrier can call, a return address
    # (empty: the shipping warehouse's address).
    sender_phone: Mapped[str] = mapped_column(String(32), default="", server_default="")
    sender_address: Mapped[str] = mapped_column(String(500), default="", server_default="")


class SalesOrder(Base):
    """An order a buyer placed in a shop: who it goes to, what was paid, and its lines."""

    __tablename__ = "sales_order"
    __table_args__ = (
        UniqueConstraint("shop_id", "number"),
        # Waves and the order lists pick orders by status, oldest first.
        Index("ix_sales_order_status_ordered_at", "status", "ordered_at"),
        # A tracking number is given to one parcel of its carrier (NULLs never clash).
        Index("uq_sales_order_carrier_tracking", "carrier", "tracking_number", unique=True),
        # A returned parcel is found by its tracking number alone.
        Index("ix_sales_order_tracking_number", "tracking_number"),
        # The order list: newest first, a page at a time.
        Index("ix_sales_order_ordered_at_id", "ordered_at", "id"),
        # No CHECK on status: later steps add statuses, and changing a CHECK on SQLite means
        # recreating a table that order lines (and later reservations) reference.
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    shop_id: Mapped[int] = mapped_column(ForeignKey("shop.id"))
    # The shop's own order number, as text: 19-digit Taobao numbers do not fit a float.
    number: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16), default=SalesOrderStatus.NEW,
                                        server_default=SalesOrderStatus.NEW)
    buyer_name: Mapped[str] = mapped_column(String(255), default="", server_default="")
    recipient: Mapped[str] = mapped_column(String(255), default="", server_default="")
    phone: Mapped[str] = mapped_column(String(64), default="", server_default="")
    email: Mapped[str] = mapped_column(String(255), default="", server_default="")
    province: Mapped[str] = mapped_column(String(100), default="", server_default="")
    city: Mapped[str] = mapped_column(String(100), default="", server_default="")
    district: Mapped[str] = mapped_column(String(100), default="", server_default="")
    street: Mapped[str] = mapped_column(String(500), default="", server_default="")
    postcode: Mapped[str] = mapped_column(String(20), default="", server_default="")
    country: Mapped[str] = mapped_column(String(64), default="", server_default="")
    buyer_note: Mapped[str] = mapped_column(String(1000), default="", server_default="")
    seller_note: Mapped[str] = mapped_column(String(1000), default="", server_default="")
    ordered_at: Mapped[datetime] = mapped_column(UtcDateTime)
    paid_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    goods_total: Mapped[Decimal] = mapped_column(Money)
    shipping_fee: Mapped[Decimal] = mapped_column(Money, default=0, server_default="0")
    discount: Mapped[Decimal] = mapped_column(Money, default=0, server_default="0")
    paid_total: Mapped[Decimal] = mapped_column(Money)
    currency: Mapped[str] = mapped_column(String(3))
    carrier: Mapped[str | None] = mapped_column(String(32))
    # Set by the review rules (or by hand): where it ships from, how urgent, why it waits.
    warehouse_id: Mapped[int | None] = mapped_column(ForeignKey("warehouse.id"))
    priority: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    hold_reason: Mapped[str] = mapped_column(String(500), default="", server_default="")
    exception_reason: Mapped[str] = mapped_column(String(500), default="", server_default="")
    # Comma-separated tags of the buyer (vip, wholesale, blacklist) the rules can test.
    customer_tags: Mapped[str] = mapped_column(String(255), default="", server_default="")
    reviewed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    tracking_number: Mapped[str | None] = mapped_column(String(64))
    # What the order was last saved from (header and lines), so a re-import of the same
    # export can tell "unchanged" without reading every line back.
    content_hash: Mapped[str] = mapped_column(String(40), default="", server_default="")
    created_by: Mapped[int] = mapped_column(ForeignKey("app_user.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, onupdate=utcnow)

    shop: Mapped[Shop] = relationship()
    warehouse: Mapped[Warehouse | None] = relationship()
    lines: Mapped[list[SalesOrderLine]] = relationship(
        back_populates="order", cascade="all, delete-orphan",
        order_by="SalesOrderLine.line_no")


class SalesOrderLine(Base):
    """A product (when the shop's SKU is known here) and quantity on a sales order."""

    __tablename__ = "sales_order_line"
    __table_args__ = (
        UniqueConstraint("order_id", "line_no"),
        CheckConstraint("qty > 0", name="qty_positive"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    order_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("sales_order.id", ondelete="CASCADE"))
    line_no: Mapped[int] = mapped_column(Integer)
    # NULL when the shop's SKU matches no product's SKU or barcode (yet).
    product_id: Mapped[int | None] = mapped_column(ForeignKey("product.id"), index=True)
    sku: Mapped[str] = mapped_column(String(64), default="", server_default="")
    title: Mapped[str] = mapped_column(String(500), default="", server_default="")
    qty: Mapped[int] = mapped_column(Integer)
    unit_price: Mapped[Decimal] = mapped_column(Money)
    # The shop's own id of the line (Douyin 子订单编号, Amazon order-item-id), for uploads.
    line_ref: Mapped[str] = mapped_column(String(64), default="", server_default="")

    order: Mapped[SalesOrder] = relationship(back_populates="lines")


class OrderMapping(Base):
    """A custom mapping profile: which columns of another shop's order export hold which
    order field, kept in the shared database so every workstation reads that export."""

    __tablename__ = "order_mapping"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(32), unique=True)
    title: Mapped[str] = mapped_column(String(100), default="", server_default="")
    # Field -> the columns that may hold it, as the export writes them.
    columns: Mapped[dict[str, Any]] = mapped_column(JSON)
    repeats: Mapped[bool] = mapped_column(Boolean, default=True, server_default="1")
    currency: Mapped[str] = mapped_column(String(3), default="CNY", server_default="CNY")
    country: Mapped[str] = mapped_column(String(64), default="", server_default="")
    zone_hours: Mapped[int] = mapped_column(Integer, default=8, server_default="8")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, onupdate=utcnow)
