"""The wedge filter in a real Qt application: key events with realistic timestamps sent to a
focused QLineEdit, as a scanner or a person would type them."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget

from app.wedge_filter import WedgeFilter
from devices.scanners.wedge import WedgeConfig

_KEYS = {"\r": Qt.Key.Key_Return, "\t": Qt.Key.Key_Tab, "-": Qt.Key.Key_Minus,
         "#": Qt.Key.Key_NumberSign, "§": Qt.Key.Key_section, "\x1d": Qt.Key.Key_BracketRight}


class Keyboard:
    """Sends key presses and releases with timestamps to whatever has the focus."""

    def __init__(self) -> None:
        self.clock = 10_000

    def type(self, text: str, gap_ms: int) -> None:
        for char in text:
            self.key(char)
            self.clock += gap_ms

    def key(self, char: str) -> None:
        key = _KEYS.get(char) or Qt.Key(ord(char.upper()))
        modifiers = Qt.KeyboardModifier.NoModifier
        if char.isupper():
            modifiers = Qt.KeyboardModifier.ShiftModifier
        if char == "\x1d":
            modifiers = Qt.KeyboardModifier.ControlModifier
        text = "" if char in "\r" else char
        target = QApplication.focusWidget()
        for kind, at in ((QEvent.Type.KeyPress, self.clock), (QEvent.Type.KeyRelease,
                                                              self.clock + 2)):
            event = QKeyEvent(kind, key, modifiers, text)
            event.setTimestamp(at)
            QApplication.sendEvent(target, event)


@pytest.fixture
def screen(qtbot):
    """A window with two text fields, the first focused, and the filter on the application."""
    window = QWidget()
    layout = QVBoxLayout(window)
    quantity, note = QLineEdit(), QLineEdit()
    layout.addWidget(quantity)
    layout.addWidget(note)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    quantity.setFocus()
    qtbot.waitUntil(quantity.hasFocus)
    wedge = WedgeFilter(WedgeConfig(min_length=4, max_gap_ms=50))
    QApplication.instance().installEventFilter(wedge)
    scans: list[str] = []
    wedge.scanned.connect(scans.append)
    yield window, quantity, wedge, scans
    QApplication.instance().removeEventFilter(wedge)


def test_scanner_burst_reaches_the_workflow_not_the_focused_field(screen, qtbot):
    _, quantity, _, scans = screen
    submitted = []
    quantity.returnPressed.connect(lambda: submitted.append(quantity.text()))
    Keyboard().type("4006381333931\r", gap_ms=8)
    assert scans == ["4006381333931"]
    assert quantity.text() == ""
    assert submitted == []


def test_scan_leaves_what_the_person_had_typed_in_the_field(screen, qtbot):
    _, quantity, _, scans = screen
    keyboard = Keyboard()
    keyboard.type("12", gap_ms=150)
    keyboard.clock += 500
    keyboard.type("A-01-03\r", gap_ms=12)
    assert scans == ["A-01-03"]
    qtbot.waitUntil(lambda: quantity.text() == "12", timeout=1000)


def test_person_typing_is_never_taken_for_a_scanner(screen, qtbot):
    _, quantity, _, scans = screen
    submitted = []
    quantity.returnPressed.connect(lambda: submitted.append(quantity.text()))
    Keyboard().type("A-01-03\r", gap_ms=95)
    assert scans == []
    assert quantity.text() == "A-01-03"
    assert submitted == ["A-01-03"]


def test_last_typed_key_shows_up_after_the_pause(screen, qtbot):
    _, quantity, _, _ = screen
    Keyboard().type("5", gap_ms=120)
    qtbot.waitUntil(lambda: quantity.text() == "5", timeout=1000)


@pytest.mark.parametrize("gap_ms", [5, 15, 30])
def test_bursts_from_5_to_30_ms_apart_are_scans(screen, gap_ms):
    _, quantity, _, scans = screen
    Keyboard().type("PO-000123\r", gap_ms=gap_ms)
    assert scans == ["PO-000123"]
    assert quantity.text() == ""


def test_twenty_identical_scans_in_a_row_are_twenty_scans(screen):
    _, quantity, _, scans = screen
    keyboard = Keyboard()
    for _ in range(20):
        keyboard.type("TOTE-0042\r", gap_ms=6)
        keyboard.clock += 70
    assert scans == ["TOTE-0042"] * 20
    assert quantity.text() == ""


def test_prefix_and_suffix_are_removed_and_other_keys_pass_at_once(screen):
    _, quantity, wedge, scans = screen
    wedge.set_config(WedgeConfig(prefix="§", suffix="#", terminators=frozenset()))
    keyboard = Keyboard()
    keyboard.type("7", gap_ms=200)
    assert quantity.text() == "7"  # no prefix: no holding back
    keyboard.type("§SO-1001#", gap_ms=10)
    assert scans == ["SO-1001"]
    assert quantity.text() == "7"


def test_gs_sent_as_ctrl_bracket_stays_in_the_scan(screen):
    _, _, _, scans = screen
    Keyboard().type("0109501101530003" "10AB\x1d17250101\r", gap_ms=6)
    assert scans == ["0109501101530003" "10AB\x1d17250101"]


def test_scan_reaches_the_workflow_whichever_field_has_focus(screen, qtbot):
    window, quantity, _, scans = screen
    note = window.findChildren(QLineEdit)[1]
    note.setFocus()
    qtbot.waitUntil(note.hasFocus)
    Keyboard().type("WAVE-17\r", gap_ms=7)
    assert scans == ["WAVE-17"]
    assert (quantity.text(), note.text()) == ("", "")


def test_disabled_filter_lets_every_key_through(screen):
    _, quantity, wedge, scans = screen
    wedge.set_enabled(False)
    Keyboard().type("ABCD", gap_ms=5)
    assert scans == []
    assert quantity.text() == "ABCD"
