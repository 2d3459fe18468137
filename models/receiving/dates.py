"""Expiry dates as a receiver types them from a label."""

from __future__ import annotations

import re
from datetime import date

_FORMATS = (
    (re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"), ("y", "m", "d")),
    (re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$"), ("y", "m", "d")),
    (re.compile(r"^(\d{4})(\d{2})(\d{2})$"), ("y", "m", "d")),
    (re.compile(r"^(\d{2})(\d{2})(\d{2})$"), ("yy", "m", "d")),  # GS1 style YYMMDD
    (re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$"), ("d", "m", "y")),
)


def parse_expiry(text: str) -> date | None:
    """A date from 2027-03-31, 2027/3/31, 20270331, 270331 (YYMMDD) or 31.03.2027; None when
    the text is no valid date. A GS1 day 00 means the last day of the month."""
    text = text.strip()
    for pattern, order in _FORMATS:
        match = pattern.match(text)
        if not match:
            continue
        parts = dict(zip(order, (int(g) for g in match.groups()), strict=True))
        year = parts.get("y") or 2000 + parts["yy"]
        month, day = parts["m"], parts["d"]
        try:
            if day == 0 and "yy" in parts:
                following = date(year + month // 12, month % 12 + 1, 1)
                return date.fromordinal(following.toordinal() - 1)
            return date(year, month, day)
        except ValueError:
            return None
    return None
