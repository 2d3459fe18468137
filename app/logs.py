"""The log file: warnings and unexpected errors with their tracebacks."""

from __future__ import annotations

import logging
from logging.handlers import RotatingFileHandler
from pathlib import Path

from app.paths import data_dir


def log_path() -> Path:
    """The log file."""
    return data_dir() / "waredesk.log"


def setup_logging() -> Path:
    """Log to waredesk.log in the data folder (rotated at 2 MB); returns its path."""
    path = log_path()
    root = logging.getLogger()
    if any(isinstance(h, RotatingFileHandler) for h in root.handlers):
        return path
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = RotatingFileHandler(path, maxBytes=2_000_000, backupCount=3, encoding="utf-8")
    except OSError:
        return path
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return path
