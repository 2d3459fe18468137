"""Label and document templates: JSON data files in resources/labels/ (or a customised copy
from the database), with their declared variables and sample data."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from models.errors import InputError, NotFound
from printing.compose import compose
from printing.layout import Layout, layout_from_json
from printing.variables import Variable, check_values, variable_from_json

KINDS = ("label", "document")
LABEL_FORMATS = ("zpl", "tspl", "pdf", "png")
DOCUMENT_FORMATS = ("pdf", "png")


@dataclass(frozen=True)
class TemplateInfo:
    """What a template list shows."""

    name: str
    title: str
    width_mm: float
    height_mm: float
    kind: str


@dataclass(frozen=True)
class Template:
    """A template ready to render."""

    name: str
    title: str
    kind: str
    layout: Layout
    variables: tuple[Variable, ...]
    sample: dict[str, Any]
    source: str  # the JSON text, for the editor and for customised copies

    @property
    def formats(self) -> tuple[str, ...]:
        """Outputs this template can be rendered to (A4 documents: no label languages)."""
        return LABEL_FORMATS if self.kind == "label" else DOCUMENT_FORMATS

    @property
    def info(self) -> TemplateInfo:
        """Name, title, size and kind."""
        return TemplateInfo(self.name, self.title, self.layout.width, self.layout.height,
                            self.kind)

    def check(self, data: dict[str, Any]) -> list[str]:
        """Every problem of the data: missing or mistyped variables, then barcodes that cannot
        be made (a GS1 string biip rejects, a wrong check digit, data too long)."""
        problems = check_values(self.variables, data)
        if problems:
            return problems
        try:
            compose(self.layout, data, 203)
        except InputError as exc:
            return [str(exc)]
        return []


def templates_dir() -> Path:
    """resources/labels/, where the built-in templates live."""
    return Path(str(resources.files("resources") / "labels"))


def parse_template(text: str, name: str) -> Template:
    """A template from its JSON text; raises InputError naming the problem."""
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"Template {name} is not valid JSON: {exc}") from None
    kind = raw.get("kind", "label")
    if kind not in KINDS:
        raise InputError(f"Template {name}: kind must be one of {KINDS}, not '{kind}'.")
    return Template(raw.get("name", name), raw.get("title", name), kind, layout_from_json(raw),
                    tuple(variable_from_json(v) for v in raw.get("variables", [])),
                    dict(raw.get("sample", {})), text)


@lru_cache(maxsize=64)
def _built_in(name: str) -> Template:
    path = templates_dir() / f"{name}.json"
    if not path.is_file():
        known = ", ".join(info.name for info in list_templates())
        raise NotFound(f"There is no label template '{name}'; templates: {known}.")
    return parse_template(path.read_text(encoding="utf-8"), name)


def load_template(name: str, custom_json: str | None = None) -> Template:
    """The built-in template, or its customised JSON when given (from the database)."""
    if custom_json is not None:
        return parse_template(custom_json, name)
    return _built_in(name)


def list_templates() -> list[TemplateInfo]:
    """Every built-in template, labels first, then documents, by name."""
    infos = [_built_in(path.stem).info for path in sorted(templates_dir().glob("*.json"))]
    return sorted(infos, key=lambda info: (KINDS.index(info.kind), info.name))
