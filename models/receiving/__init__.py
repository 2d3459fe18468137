"""Receiving against purchase orders (or unplanned, with a reason), driven by the scanner."""

from models.receiving.finishing import ReceiptSummary, SummaryLine, discrepancy_data
from models.receiving.workflow import ReceivingWorkflow

__all__ = ["ReceiptSummary", "ReceivingWorkflow", "SummaryLine", "discrepancy_data"]
