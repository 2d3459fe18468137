"""English plurals of counted nouns in messages: "1 unit", "2 units".

Only the "s" is added, next to the noun in the message itself (f"{n} unit{plural_s(n)}"),
so a message stays one whole template for the translation catalogues, which list both forms.
"""

from __future__ import annotations


def plural_s(count: int) -> str:
    """The ending of a noun counted `count` times: "" for one, "s" for any other number."""
    return "" if count == 1 else "s"
