"""The order review (审单): the ordered rule list, each run of it, and each order's trace."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from models.entities.base import Base, BigId, UtcDateTime, utcnow


class ReviewRule(Base):
    """One rule: when every condition holds for an order, its actions apply. Rules are tried
    by `position`; the conditions and actions are data (JSON), checked when saved."""

    __tablename__ = "review_rule"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Not unique: moving a rule renumbers the list in one go.
    position: Mapped[int] = mapped_column(Integer, index=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default="1")
    conditions: Mapped[dict[str, Any]] = mapped_column(JSON)
    actions: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, onupdate=utcnow)


class ReviewRun(Base):
    """One review of one or more orders: by the rules, a retry, or a person's decision."""

    __tablename__ = "review_run"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))  # review, retry, release, approve, hold...
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"))
    workstation: Mapped[str] = mapped_column(String(64))
    started_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    orders: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class OrderRuleTrace(Base):
    """A step of an order's review: a rule that matched and what it did, or the outcome."""

    __tablename__ = "order_rule_trace"
    __table_args__ = (Index("ix_order_rule_trace_order_id_id", "order_id", "id"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    run_id: Mapped[int] = mapped_column(BigId, ForeignKey("review_run.id"), index=True)
    order_id: Mapped[int] = mapped_column(BigId, ForeignKey("sales_order.id",
                                                            ondelete="CASCADE"))
    step: Mapped[int] = mapped_column(Integer)
    # NULL for the outcome and for a rule deleted since (its name is kept).
    rule_id: Mapped[int | None] = mapped_column(ForeignKey("review_rule.id",
                                                           ondelete="SET NULL"))
    rule_name: Mapped[str] = mapped_column(String(100), default="", server_default="")
    effect: Mapped[str] = mapped_column(String(1000))
    at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
