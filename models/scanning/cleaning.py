"""Raw scanner text made uniform: terminators and AIM symbology identifiers taken off, the GS
separator recognised in its common disguises."""

from __future__ import annotations

import re
from dataclasses import dataclass

GS = "\x1d"

# How scanners and keyboard wedges disguise the GS (FNC1) separator when they cannot send
# ASCII 29 itself: as the text of the Alt+0029 key sequence, or as a caret or bracket notation.
GS_TOKENS = ("<GS>", "{GS}", "[GS]", "<FNC1>", "{FNC1}", "Alt029", "Alt0029", "Alt+029",
             "Alt+0029", "ALT029", "ALT0029", "^]")
_TOKEN_PATTERN = re.compile("|".join(re.escape(t) for t in sorted(GS_TOKENS, key=len,
                                                                    reverse=True)))
# ISO/IEC 15424: "]", a code character, a modifier (digits or letters).
_AIM = re.compile(r"^\][A-Za-z][0-9A-Za-z]")
_TERMINATORS = "\r\n\t"


@dataclass(frozen=True)
class ScanOptions:
    """How this workstation's scanners send data: the GS stand-in character they were set up
    to send in place of ASCII 29 (empty: none), and whether GS tokens like `<GS>` count."""

    gs_standin: str = ""
    gs_tokens: bool = True

    def __post_init__(self) -> None:
        if len(self.gs_standin) > 1:
            raise ValueError("The GS stand-in is one character.")


@dataclass(frozen=True)
class CleanScan:
    """A scan's text with the GS separators made ASCII 29 and the symbology split off."""

    raw: str
    text: str
    symbology: str | None
    #: The text before GS disguises were replaced: what is looked up when it is no GS1 data.
    plain: str

    @property
    def has_separator(self) -> bool:
        """True when the scanner sent at least one GS separator (in any disguise)."""
        return GS in self.text


def symbology_of(value: str) -> str | None:
    """The AIM symbology identifier (`]C1`) at the start of `value`, or None."""
    match = _AIM.match(value)
    return match.group(0) if match else None


def clean(raw: str, symbology: str | None = None,
          options: ScanOptions | None = None) -> CleanScan:
    """Strip terminators and the AIM identifier; turn every GS disguise into ASCII 29."""
    options = options or ScanOptions()
    text = raw.strip(_TERMINATORS + " ")
    in_band = symbology_of(text)
    if in_band is not None:
        text = text[len(in_band):]
    if symbology:
        symbology = symbology if symbology.startswith("]") else f"]{symbology}"
    symbology = symbology or in_band
    plain = text
    if options.gs_tokens:
        text = _TOKEN_PATTERN.sub(GS, text)
    if options.gs_standin:
        text = text.replace(options.gs_standin, GS)
    return CleanScan(raw=raw, text=text, symbology=symbology, plain=plain)


def show_invisible(text: str) -> str:
    """The text with control characters spelled out (`<GS>`, `<CR>`), for people to read."""
    names = {GS: "<GS>", "\r": "<CR>", "\n": "<LF>", "\t": "<TAB>", "\x1e": "<RS>",
             "\x04": "<EOT>", "\x02": "<STX>", "\x03": "<ETX>"}
    return "".join(names.get(c, f"<{ord(c):02X}>" if ord(c) < 32 or ord(c) == 127 else c)
                   for c in text)
