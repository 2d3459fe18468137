"""Tracking-number check digits: the published examples pass, one wrong digit is refused with
a reason a packer can act on, and numbers completed by a rule pass that rule."""

from __future__ import annotations

import pytest

from models.carriers.check_digits import RULES, normalize_number, with_check_digit


@pytest.mark.parametrize(("rule", "body", "number"), [
    ("s10", "EA12345678CN", "EA123456785CN"),    # 12345678 -> 5
    ("s10", "AA47312482GB", "AA473124829GB"),    # the UPU standard's own example
    ("s10", "RR00000000CN", "RR000000005CN"),    # 11 - 0 = 11 is written as 5
    ("mod7", "123456789", "1234567891"),         # 123456789 % 7 = 1
    ("ups", "1Z999AA1012345678", "1Z999AA10123456784"),
    ("mod10", "10614141234567890", "106141412345678908"),  # the GS1 SSCC example
])
def test_numbers_completed_by_a_rule_are_the_published_ones_and_pass(
        rule: str, body: str, number: str) -> None:
    assert with_check_digit(rule, body) == number
    assert RULES[rule].problem(number) is None


@pytest.mark.parametrize(("rule", "number"), [
    ("s10", "EA123456784CN"),
    ("mod7", "1234567892"),
    ("ups", "1Z999AA10123456785"),
    ("mod10", "9400111899223344556612"),
])
def test_one_wrong_digit_is_refused(rule: str, number: str) -> None:
    assert RULES[rule].problem(number) == (
        f"The check digit of tracking number {number} is wrong: type or scan it again.")


def test_a_number_of_another_shape_is_refused_with_an_example() -> None:
    assert RULES["s10"].problem("1234567891") == (
        "'1234567891' does not look like a tracking number such as EA123456785CN.")
    assert RULES["ups"].problem("EA123456785CN") is not None


def test_numbers_typed_with_spaces_dashes_and_lower_case_are_read_as_scanned() -> None:
    assert normalize_number(" ea 123-456-785 cn ") == "EA123456785CN"


def test_carriers_without_a_published_rule_take_any_plain_number() -> None:
    assert RULES["none"].problem("SF1402846553671") is None
    assert RULES["none"].problem("SF14/02") is not None
