"""Expanding the ranges of a location pattern: what a user types after --aisles/--racks."""

from __future__ import annotations

import pytest

from models.masterdata.location_patterns import PatternError, expand_range


def test_letter_ranges_and_lists_expand_in_order():
    assert expand_range("aisles", "A-C") == ["A", "B", "C"]
    assert expand_range("aisles", "a-b,F") == ["A", "B", "F"]


def test_number_ranges_keep_the_zero_padding_of_the_first_number():
    assert expand_range("racks", "01-03") == ["01", "02", "03"]
    assert expand_range("racks", "8-11") == ["8", "9", "10", "11"]
    assert expand_range("racks", "098-101") == ["098", "099", "100", "101"]


@pytest.mark.parametrize(("spec", "words"), [
    ("A-3", "two letters (A-C) or two numbers"),
    ("C-A", "runs from low to high"),
    ("20-01", "runs from low to high"),
    ("A-C,B", "lists B twice"),
    ("", "give a value or a range"),
    ("AA-AC", "two letters (A-C)"),
])
def test_a_bad_range_is_refused_with_the_reason(spec, words):
    with pytest.raises(PatternError, match=words.replace("(", r"\(").replace(")", r"\)")):
        expand_range("aisles", spec)
