"""Python's garbage collector, run on the GUI thread only.

A cycle holding a Qt widget (a page and the callbacks it gave the runner, say) may be found by
the collector on whichever thread happens to allocate; if that is the runner's worker thread,
the widget would be destroyed there and Qt would crash. So automatic collection is switched
off and the GUI thread collects on a timer instead, as Anki and calibre do.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 500


class MainThreadGarbageCollector(QObject):
    """Collects on the GUI thread whenever a generation passed its threshold."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.threshold = gc.get_threshold()
        gc.disable()
        self.timer = QTimer(self, interval=INTERVAL_MS)
        self.timer.timeout.connect(self.check)
        self.timer.start()

    def check(self) -> None:
        """Collect the generations whose counts passed their thresholds."""
        gen0, gen1, gen2 = gc.get_count()
        if gen0 > self.threshold[0]:
            generation = 0
            if gen1 > self.threshold[1]:
                generation = 2 if gen2 > self.threshold[2] else 1
            gc.collect(generation)
