"""The keyboard-layout test: a wedge scanner types each character with the key it would have on
its own layout; when the computer's layout differs, letters and digits come out wrong. Scanning
a known test barcode and comparing what arrived names the likely mismatch."""

from __future__ import annotations

from dataclasses import dataclass

TEST_PATTERN = "KB-azqwymAZQWYM0123456789-./:_"
_AZERTY_DIGITS = "à&é\"'(-è_ç"


@dataclass(frozen=True)
class LayoutReport:
    """What arrived against what the test barcode holds, and the diagnosis."""

    expected: str
    arrived: str
    matches: bool
    diagnosis: str
    differences: tuple[tuple[str, str], ...]


def check_layout(arrived: str, expected: str = TEST_PATTERN) -> LayoutReport | None:
    """Compare a scan of the test barcode with its content; None when the scan is not the test
    barcode at all (too different to compare)."""
    if abs(len(arrived) - len(expected)) > 3:
        return None
    pairs = list(zip(expected, arrived, strict=False))
    same = sum(e == a for e, a in pairs)
    differences = tuple(dict.fromkeys((e, a) for e, a in pairs if e != a))
    if arrived == expected:
        return LayoutReport(expected, arrived, True, "The scanner's keyboard layout matches "
                            "this computer's.", ())
    if same < len(expected) // 3 and not _case_swapped(pairs):
        return None
    return LayoutReport(expected, arrived, False, _diagnose(pairs, arrived, expected),
                        differences)


def _case_swapped(pairs: list[tuple[str, str]]) -> bool:
    letters = [(e, a) for e, a in pairs if e.isalpha()]
    return bool(letters) and all(a == e.swapcase() for e, a in letters)


def _diagnose(pairs: list[tuple[str, str]], arrived: str, expected: str) -> str:
    swaps = {(e, a) for e, a in pairs if e != a}
    fix = (" Set the scanner's keyboard language to the computer's (scan the layout code in "
           "its manual), or change the computer's input language.")
    if _case_swapped(pairs):
        return ("Capitals and small letters are swapped: Caps Lock is on, or the scanner "
                "inverts case. Turn Caps Lock off.")
    if {("z", "y"), ("y", "z")} <= swaps:
        return "Y and Z are swapped: one side uses a German (QWERTZ) keyboard." + fix
    if {("a", "q"), ("q", "a")} <= swaps or {("z", "w"), ("w", "z")} <= swaps:
        return "A/Q and Z/W are swapped: one side uses a French (AZERTY) keyboard." + fix
    if any(a in _AZERTY_DIGITS and e.isdigit() for e, a in pairs):
        return ("Digits arrive as symbols (&é\"'...): the computer uses a French (AZERTY) "
                "keyboard and the scanner types the unshifted keys." + fix)
    if len(arrived) != len(expected):
        return (f"{len(expected)} characters were sent and {len(arrived)} arrived: the "
                f"scanner types faster than this computer reads, or some keys do not exist on "
                f"this layout. Slow the scanner's keyboard speed (inter-character delay).")
    shown = ", ".join(f"'{e}' came as '{a}'" for e, a in sorted(swaps)[:6])
    return f"Some characters arrive as others ({shown})." + fix
