"""The keyboard-layout test names the mismatch a worker has to fix."""

from __future__ import annotations

from models.scanning.layout_check import TEST_PATTERN, check_layout

QWERTZ = str.maketrans("yzYZ", "zyZY")
AZERTY = str.maketrans("aqzwAQZW", "qawzQAWZ")


def test_identical_scan_matches():
    report = check_layout(TEST_PATTERN)
    assert report.matches
    assert "matches" in report.diagnosis


def test_german_layout_is_recognised_by_swapped_y_and_z():
    report = check_layout(TEST_PATTERN.translate(QWERTZ))
    assert not report.matches
    assert "German (QWERTZ)" in report.diagnosis
    assert ("y", "z") in report.differences


def test_french_layout_is_recognised_by_swapped_a_q_z_w():
    report = check_layout(TEST_PATTERN.translate(AZERTY))
    assert "French (AZERTY)" in report.diagnosis


def test_french_unshifted_digits_are_recognised():
    digits = str.maketrans("0123456789", "à&é\"'(-è_ç")
    report = check_layout(TEST_PATTERN.translate(digits))
    assert "Digits arrive as symbols" in report.diagnosis


def test_caps_lock_is_recognised():
    report = check_layout(TEST_PATTERN.swapcase())
    assert "Caps Lock" in report.diagnosis


def test_dropped_characters_point_at_the_keyboard_speed():
    report = check_layout(TEST_PATTERN[:-2])
    assert "inter-character delay" in report.diagnosis


def test_other_scans_are_not_taken_for_the_test():
    assert check_layout("4006381333931") is None
    assert check_layout("X" * len(TEST_PATTERN)) is None
