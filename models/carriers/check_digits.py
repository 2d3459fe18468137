"""Check-digit rules of tracking numbers, so a number-pool carrier hands out only numbers its
carrier accepts and a typed or scanned number with a slip of the finger is refused.

- `s10`: UPU S10 (EMS, China Post and most postal services): two letters, eight digits, a
  mod-11 check digit (weights 8 6 4 2 3 5 9 7), two letters.
- `mod7`: the digits, the last being the rest of the others divided by 7 (DHL Express).
- `mod10`: the GS1 mod-10 (weights 3 and 1 from the right), as USPS and SSCC numbers use.
- `ups`: 1Z numbers, letters counted as digits, odd/even weighted mod 10.
- `none`: any letters and digits (carriers whose rule is not public, such as SF Express).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from models.gtin import check_digit as gs1_check_digit

_S10_WEIGHTS = (8, 6, 4, 2, 3, 5, 9, 7)
_S10 = re.compile(r"[A-Z]{2}\d{9}[A-Z]{2}")
_UPS = re.compile(r"1Z[0-9A-Z]{16}")
_PLAIN = re.compile(r"[0-9A-Z]{6,40}")


def s10_check_digit(serial: str) -> int:
    """The S10 check digit of eight digits."""
    rest = 11 - sum(int(d) * w for d, w in zip(serial, _S10_WEIGHTS, strict=True)) % 11
    return {10: 0, 11: 5}.get(rest, rest)


def mod7_check_digit(body: str) -> int:
    """The mod-7 check digit of a run of digits."""
    return int(body) % 7


def ups_check_digit(body: str) -> int:
    """The check digit of a 1Z number's 15 characters after '1Z'."""
    # Letters count as digits: A=2, B=3 ... I=0, J=1 ... (the UPS table is (ord - 63) % 10).
    values = [int(c) if c.isdigit() else (ord(c) - 63) % 10 for c in body]
    total = sum(values[0::2]) + 2 * sum(values[1::2])
    return (10 - total % 10) % 10


@dataclass(frozen=True)
class CheckRule:
    """One rule: its name, what a number looks like, and whether its check digit is right."""

    name: str
    shape: re.Pattern[str]
    example: str
    check: Callable[[str], bool]

    def problem(self, number: str) -> str | None:
        """Why `number` is not a number of this rule, or None when it is."""
        if not self.shape.fullmatch(number):
            return f"'{number}' does not look like a tracking number such as {self.example}."
        if not self.check(number):
            return f"The check digit of tracking number {number} is wrong: type or scan it again."
        return None


RULES: dict[str, CheckRule] = {rule.name: rule for rule in (
    CheckRule("s10", _S10, "EA123456785CN",
              lambda n: s10_check_digit(n[2:10]) == int(n[10])),
    CheckRule("mod7", re.compile(r"\d{8,20}"), "1234567891",
              lambda n: mod7_check_digit(n[:-1]) == int(n[-1])),
    CheckRule("mod10", re.compile(r"\d{8,34}"), "9400111899223344556612",
              lambda n: gs1_check_digit(n[:-1]) == int(n[-1])),
    CheckRule("ups", _UPS, "1Z999AA10123456784",
              lambda n: ups_check_digit(n[2:17]) == int(n[17])),
    CheckRule("none", _PLAIN, "SF1402846553671", lambda n: True),
)}


def normalize_number(text: str) -> str:
    """A tracking number as typed or scanned: spaces and dashes out, letters upper case."""
    return re.sub(r"[\s\-]", "", text).upper()


def with_check_digit(rule: str, body: str) -> str:
    """`body` completed with its check digit by `rule` (S10: body is 'EA12345678CN'). A body
    of another shape comes back as it is, for the rule's shape check to refuse."""
    if rule == "s10" and re.fullmatch(r"[A-Z]{2}\d{8}[A-Z]{2}", body):
        return f"{body[:10]}{s10_check_digit(body[2:10])}{body[10:]}"
    if rule == "mod7" and body.isdigit():
        return f"{body}{mod7_check_digit(body)}"
    if rule == "mod10" and body.isdigit():
        return f"{body}{gs1_check_digit(body)}"
    if rule == "ups" and re.fullmatch(r"1Z[0-9A-Z]{15}", body):
        return f"{body}{ups_check_digit(body[2:])}"
    return body
