"""Putaway: what waits on the receiving docks, the bin each item should go to, and the
scanner workflow that moves it there through the ledger."""

from models.putaway.suggestion import Place, Rule, Suggestion, load_place, refusal, suggest_bin
from models.putaway.tasks import DockStock, PutawayTask, dock_stock, putaway_tasks
from models.putaway.workflow import PutawayWorkflow

__all__ = [
    "DockStock",
    "Place",
    "PutawayTask",
    "PutawayWorkflow",
    "Rule",
    "Suggestion",
    "dock_stock",
    "load_place",
    "putaway_tasks",
    "refusal",
    "suggest_bin",
]
