"""The floor workflows' messages in the worker's language.

models/ writes its messages in English (a test, a log and the command line read them so), and
the floor screens show them through `translate`. A catalogue per language
(resources/translations/messages_<language>.json) maps English templates with named
placeholders ("Over-receipt of {sku}: {detail}. ...") to their translation. Each template is
compiled once into a regex that matches a finished English message and pulls the values back
out; the values are translated too (a `detail` is itself a message), then filled into the
translation. A message no template matches whole is translated part by part at its ": ", "; ",
". ", " · ", " → " and ", " joints; a part nothing matches stays as it is (codes, SKUs, names).

Every scan shows a few messages, so the answer for a message is cached, and a template's
regex only runs when the template's longest literal text occurs in the message.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

TRANSLATIONS = Path(__file__).resolve().parent.parent / "resources" / "translations"

_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
_WORD = re.compile(r"[A-Za-z]{3,}")
_ENCLOSED = re.compile(r"\([^()]*\)|'[^']*'|“[^”]*”")
_MEMO_SIZE = 20_000
_CJK_END = "。；：！？）」"

#: Joints a message is split at when no template matches it whole, tried in this order,
#: with what joins the translated parts (None: sentences, each keeps its own full stop).
SEPARATORS: tuple[tuple[str, str | None], ...] = (
    ("; ", "；"), (": ", "："), (". ", None), (" · ", " · "), (" → ", " → "), (", ", "，"))


@dataclass(frozen=True)
class _Template:
    pattern: re.Pattern[str]
    target: str
    anchor: str  # the longest literal text: the regex only runs where it occurs
    weight: int  # literal characters: the more, the more specific
    opening: str  # the placeholder the template starts with, or ""
    closing: str  # the placeholder the template ends with, or ""
    literal: str  # the template's own text, placeholders left out


def _compile(source: str, target: str) -> _Template:
    """The regex of one English template; a placeholder used twice must match the same."""
    parts: list[str] = []
    literals: list[str] = []
    seen: set[str] = set()
    position = 0
    for match in _PLACEHOLDER.finditer(source):
        literal = source[position:match.start()]
        parts.append(re.escape(literal))
        literals.append(literal)
        name = match.group(1)
        parts.append(f"(?P={name})" if name in seen else f"(?P<{name}>.*?)")
        seen.add(name)
        position = match.end()
    literals.append(source[position:])
    parts.append(re.escape(source[position:]))
    missing = set(_PLACEHOLDER.findall(target)) - seen
    if missing:
        raise ValueError(f"the translation of {source!r} names {sorted(missing)}, which the "
                         "English template has not")
    first = _PLACEHOLDER.match(source)
    last = _PLACEHOLDER.search(source[source.rfind("{"):]) if source.endswith("}") else None
    return _Template(re.compile("".join(parts), re.DOTALL), target,
                     max(literals, key=len), sum(map(len, literals)),
                     first.group(1) if first else "", last.group(1) if last else "",
                     "".join(literals))


def _joined(value: str) -> bool:
    """True when `value` is several messages joined by ": " or "; " (outside brackets and
    quotes): "+2 TEA → RECV-01: 26" is no SKU."""
    bare = _ENCLOSED.sub("", value)
    return ": " in bare or "; " in bare


class MessageCatalogue:
    """English templates and their translations into one language."""

    def __init__(self, messages: dict[str, str]) -> None:
        self.exact = {en: text for en, text in messages.items() if not _PLACEHOLDER.search(en)}
        templates = [_compile(en, text) for en, text in messages.items()
                     if _PLACEHOLDER.search(en)]
        self.templates = tuple(sorted(templates, key=lambda t: -t.weight))
        # Only templates whose longest word occurs in a message can match it: an index by
        # that word keeps the regexes tried per message to a handful.
        self._by_word: dict[str, list[int]] = {}
        self._wordless: list[int] = []
        for rank, template in enumerate(self.templates):
            words = _WORD.findall(template.literal)
            if words:
                self._by_word.setdefault(max(words, key=len), []).append(rank)
            else:
                self._wordless.append(rank)
        self._memo: dict[str, str] = {}

    @classmethod
    def load(cls, path: Path) -> MessageCatalogue:
        """The catalogue in a messages_<language>.json file."""
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(data["messages"])

    def translate(self, message: str) -> str:
        """`message` translated, or as it is where nothing matches."""
        return self._translate(message, depth=0)

    def _translate(self, message: str, depth: int) -> str:
        found = self.exact.get(message) or self._memo.get(message)
        if found is not None:
            return found
        if depth > 12 or not message.strip():
            return message
        text, left = self._whole(message, depth)
        if text is None:
            text = self._by_parts(message, depth)
        elif left:
            # A value still holds English words and spaces: maybe the template matched
            # across a message made of several, and the parts do better.
            parts = self._by_parts(message, depth)
            if len(_WORD.findall(parts)) < len(_WORD.findall(text)):
                text = parts
        if len(self._memo) >= _MEMO_SIZE:
            self._memo.clear()
        self._memo[message] = text
        return text

    def _whole(self, message: str, depth: int) -> tuple[str | None, bool]:
        """The translation by the most specific template matching the whole message, and
        whether a value in it is English words the catalogue did not know. Where the most
        specific one leaves English in a value ("At {place}: {sku} {name} ×{qty}" reading
        "At A-01: take TEA ×2 (…)"), a less specific one that leaves fewer English words wins."""
        ranks = list(self._wordless)
        for word in set(_WORD.findall(message)):
            ranks += self._by_word.get(word, ())
        best: tuple[str | None, bool] = (None, False)
        for rank in sorted(ranks):
            template = self.templates[rank]
            if template.anchor not in message:
                continue
            match = template.pattern.fullmatch(message)
            if match is None:
                continue
            # A template that opens with a placeholder ("{received} of {ordered} ordered")
            # would swallow the head of a joined message ("+2 TEA → RECV-01: 26 of 24 ..."),
            # one that ends with one ("… reserved in {bins}") the messages joined after it
            # ("A-02; TEA for o2: 2 reserved in A-03"): such a message is translated part by
            # part instead.
            if template.opening and _joined(match.group(template.opening)):
                continue
            if template.closing and "; " in _ENCLOSED.sub("", match.group(template.closing)):
                continue
            values = {name: self._translate(value, depth + 1)
                      for name, value in match.groupdict().items()}
            left = any(" " in v and _WORD.search(v) for v in values.values())
            text = _PLACEHOLDER.sub(lambda m, v=values: v[m.group(1)], template.target)
            if not left:
                return text, False
            if best[0] is None or len(_WORD.findall(text)) < len(_WORD.findall(best[0])):
                best = (text, True)
        return best

    def _by_parts(self, message: str, depth: int) -> str:
        stripped = message.strip()
        if stripped != message:
            head = message[:len(message) - len(message.lstrip())]
            tail = message[len(message.rstrip()):]
            return head + self._translate(stripped, depth + 1) + tail
        for separator, joint in SEPARATORS:
            if separator not in message:
                continue
            parts = message.split(separator)
            if joint is None:
                parts = [p + "." for p in parts[:-1]] + parts[-1:]
            done = [self._translate(p, depth + 1) for p in parts]
            if done == parts:
                continue
            if joint is not None:
                return joint.join(done)
            text = done[0]
            for part in done[1:]:
                text += part if text.endswith(tuple(_CJK_END)) else " " + part
            return text
        return message


@cache
def catalogue(language: str) -> MessageCatalogue | None:
    """The catalogue of `language` ("zh_CN"), or None for English or a language without one."""
    if language.startswith("en"):
        return None
    path = TRANSLATIONS / f"messages_{language}.json"
    if not path.exists():
        return None
    return MessageCatalogue.load(path)


@lru_cache(maxsize=4096)
def translate(message: str, language: str) -> str:
    """A floor workflow's English `message` in `language` (unchanged for English, and where
    no template matches: codes, names, text from elsewhere)."""
    found = catalogue(language)
    return message if found is None or not message else found.translate(message)
