"""Breaking text into lines that fit a width: between words, and between Chinese characters."""

from __future__ import annotations

import re

from printing.fonts import text_width

_TOKENS = re.compile(r"[\u2e80-\u9fff\u3000-\u303f\uff00-\uffef]|[^\s\u2e80-\u9fff]+\s*|\s+")
ELLIPSIS = "…"


def _split_long(token: str, width: float, size: float, bold: bool) -> list[str]:
    pieces, current = [], ""
    for char in token:
        if current and text_width(current + char, size, bold) > width:
            pieces.append(current)
            current = ""
        current += char
    return [*pieces, current] if current else pieces


def wrap(text: str, width: float, size: float, bold: bool, max_lines: int) -> list[str]:
    """Lines of the text no wider than `width` (mm); the last line ends in an ellipsis when
    text had to be left out."""
    if "\n" not in text and text_width(text, size, bold) <= width:
        return [text]  # the common case: it fits, no need to look for breaks
    lines: list[str] = []
    for paragraph in text.split("\n"):
        current = ""
        for token in _TOKENS.findall(paragraph):
            candidate = current + token
            if text_width(candidate.rstrip(), size, bold) <= width:
                current = candidate
                continue
            if current.strip():
                lines.append(current.rstrip())
            current = token.lstrip()
            if text_width(current.rstrip(), size, bold) > width:
                *full, current = _split_long(current, width, size, bold)
                lines.extend(full)
        lines.append(current.rstrip())
    if len(lines) > max_lines:
        last = lines[max_lines - 1]
        while last and text_width(last + ELLIPSIS, size, bold) > width:
            last = last[:-1]
        lines = [*lines[:max_lines - 1], last.rstrip() + ELLIPSIS]
    return lines
