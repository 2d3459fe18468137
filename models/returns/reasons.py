"""Why goods came back: the reasons a returns clerk picks from, or their own words."""

from __future__ import annotations

from enum import StrEnum

from models.errors import InputError


class ReturnReason(StrEnum):
    """A reason from the list; OTHER keeps the clerk's own words in the step's note."""

    UNOPENED = "unopened"
    DAMAGED = "damaged"
    DEFECTIVE = "defective"
    WRONG_ITEM = "wrong_item"
    CHANGED_MIND = "changed_mind"
    OTHER = "other"


#: The list in the order the clerk picks by number (1-5); typed words are OTHER.
REASON_TEXTS: dict[ReturnReason, str] = {
    ReturnReason.UNOPENED: "Unopened, resaleable",
    ReturnReason.DAMAGED: "Damaged",
    ReturnReason.DEFECTIVE: "Defective",
    ReturnReason.WRONG_ITEM: "Wrong item sent",
    ReturnReason.CHANGED_MIND: "Customer changed mind",
}

#: The list as the clerk sees it, numbered as `parse_reason` reads it.
REASON_MENU = ("1 Unopened, resaleable · 2 Damaged · 3 Defective · 4 Wrong item sent · "
               "5 Customer changed mind · or type the reason")
MAX_NOTE = 255


def parse_reason(text: str) -> tuple[ReturnReason, str]:
    """A reason from its number in the list (1-5), its code (`changed_mind`) or its words
    (`customer changed mind`), or free text (the reason OTHER with the text as its note)."""
    text = text.strip()
    if not text:
        raise InputError("Say why: pick a reason (1-5) or type it.")
    listed = list(REASON_TEXTS)
    if text.isdigit() and 1 <= int(text) <= len(listed):
        return listed[int(text) - 1], ""
    code = text.lower().replace("-", "_").replace(" ", "_")
    if code in ReturnReason.__members__.values() and code != ReturnReason.OTHER:
        return ReturnReason(code), ""
    said = {words.lower(): reason for reason, words in REASON_TEXTS.items()}
    if text.lower() in said:
        return said[text.lower()], ""
    if len(text) > MAX_NOTE:
        raise InputError(f"A reason is at most {MAX_NOTE} characters.")
    return ReturnReason.OTHER, text


def describe_reason(reason: str, note: str) -> str:
    """The reason as the clerk picked or typed it."""
    if reason == ReturnReason.OTHER or reason not in REASON_TEXTS:
        return note or reason
    listed = REASON_TEXTS[ReturnReason(reason)]
    return f"{listed}: {note}" if note else listed


