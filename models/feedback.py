"""What a floor workflow answers to each scan: how it went, what to tell the worker, what to
do next and what changed. Screens show it, play its sound and flash its colour."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Level(StrEnum):
    """How a scan went; each level has its own sound and colour on floor screens."""

    OK = "ok"
    WARNING = "warning"
    ERROR = "error"


@dataclass(frozen=True)
class Feedback:
    """The answer to one scan. `changed` names what the scan changed (for example "stock" or
    "product:12") so open screens refresh only that; empty when nothing changed."""

    level: Level
    message: str
    next_step: str = ""
    changed: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def ok(cls, message: str, next_step: str = "", changed: frozenset[str] = frozenset()
           ) -> Feedback:
        """A scan that did what the worker meant."""
        return cls(Level.OK, message, next_step, changed)

    @classmethod
    def warning(cls, message: str, next_step: str = "") -> Feedback:
        """A scan that was accepted but needs the worker's attention."""
        return cls(Level.WARNING, message, next_step)

    @classmethod
    def error(cls, message: str, next_step: str = "") -> Feedback:
        """A scan that was refused; nothing changed."""
        return cls(Level.ERROR, message, next_step)
