"""The installed Qt binding keeps Python's reference counts: PySide6 6.12.0 on Python 3.11
loses a reference to None on every call of a method returning nothing, and the app dies with
"deallocating None" after a few thousand such calls."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel


def test_calling_qt_methods_that_return_nothing_keeps_none_alive(qtbot):
    label = QLabel("x")
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(2000):
        label.setText("y")
    assert sys.getrefcount(None) > before - 100
