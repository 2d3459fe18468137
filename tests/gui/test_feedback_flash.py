"""The colour flash after a scan: the level's colour and symbol, then a calm tint."""

from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel, QWidget

from models.feedback import Feedback, Level
from tests.gui.screenshots import screenshot
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


def test_a_warning_wrapped_onto_more_lines_shows_whole(qtbot):
    window = QWidget()
    qtbot.addWidget(window)
    flash = FeedbackFlash(window, flash=False)
    # The band of a floor screen in a 1024 px window (the page list takes the rest), as tall
    # as it was before the warning came.
    flash.setGeometry(0, 0, 780, 140)
    window.resize(780, 300)
    window.show()
    qtbot.waitExposed(window)
    flash.show_feedback(Feedback.warning(
        "A-01-01 short: TSH-WHT-M for SO-1: 1 reserved in B-01-01. A-01-01 is blocked for "
        "TSH-WHT-M until it is counted (COUNT-1 planned).",
        "Go to A-02-01 and scan it"))
    message = flash.findChild(QLabel)
    assert message.text() == flash.message
    needed = message.heightForWidth(message.width())
    assert needed > 1.5 * message.fontMetrics().height()  # it does wrap
    qtbot.waitUntil(lambda: message.height() >= needed)
    screenshot(window, "feedback_flash_wrapped")
    flash.resize(500, flash.height())  # a narrower screen: more lines, a taller band
    qtbot.waitUntil(lambda: message.height() >= message.heightForWidth(message.width()))
