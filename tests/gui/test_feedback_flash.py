"""The colour flash after a scan: the level's colour and symbol, then a calm tint."""

from __future__ import annotations

from PySide6.QtGui import QColor

from models.feedback import Feedback, Level
from views.feedback_flash import COLOURS, FeedbackFlash


def _centre_colour(widget: FeedbackFlash) -> QColor:
    image = widget.grab().toImage()
    return image.pixelColor(6, image.height() // 2)


def test_error_flashes_red_with_its_symbol_then_calms(qtbot):
    flash = FeedbackFlash()
    qtbot.addWidget(flash)
    flash.resize(600, 160)
    flash.show()
    flash.show_feedback(Feedback.error("Bin A-01-02 is blocked for counting",
                                       "Use another bin."))
    assert flash.message.startswith("✖")
    assert flash.next_step == "Use another bin."
    assert _centre_colour(flash).name() == COLOURS[Level.ERROR][0]
    qtbot.waitUntil(lambda: not flash.flashing, timeout=2000)
    assert _centre_colour(flash).name() == COLOURS[Level.ERROR][1]


def test_each_level_has_its_own_colour(qtbot):
    flash = FeedbackFlash()
    qtbot.addWidget(flash)
    flash.resize(600, 160)
    flash.show()
    seen = set()
    for feedback in (Feedback.ok("Received 12"), Feedback.warning("Expired lot"),
                     Feedback.error("Unknown barcode")):
        flash.show_feedback(feedback)
        seen.add(_centre_colour(flash).name())
    assert len(seen) == 3


def test_without_flash_the_calm_colour_shows_at_once(qtbot):
    flash = FeedbackFlash(flash=False)
    qtbot.addWidget(flash)
    flash.resize(600, 160)
    flash.show()
    flash.show_feedback(Feedback.ok("Received 12"))
    assert not flash.flashing
    assert _centre_colour(flash).name() == COLOURS[Level.OK][1]
