"""Stock counts: counting bins by scanner, round by round, with recounts by another person."""

from models.counting.workflow import CountingWorkflow

__all__ = ["CountingWorkflow"]
