"""Transfers: stock moved from one bin to another (or to another warehouse) by scanner,
including replenishing a pick face from reserve."""

from models.transfers.workflow import TransferWorkflow

__all__ = ["TransferWorkflow"]
