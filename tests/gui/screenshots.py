"""Screenshots of what a worker sees, taken by the GUI tests for people to look at: saved into
the folder WAREDESK_SCREENSHOTS names, and not at all when it is unset."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtWidgets import QWidget


def screenshot(widget: QWidget, name: str) -> None:
    """Save `widget` as NAME.png into $WAREDESK_SCREENSHOTS, if that is set."""
    folder = os.environ.get("WAREDESK_SCREENSHOTS")
    if not folder:
        return
    Path(folder).mkdir(parents=True, exist_ok=True)
    widget.grab().save(str(Path(folder) / f"{name}.png"))
