"""What the Printing page asks of the database and the renderers: templates as customised,
a PNG preview, live data for a label, saving and resetting a layout, the print log."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from app.ops.sessions import reading, writing
from app.runner import Op, Progress
from models.actor import Actor
from models.db import Database
from models.printjobs import log
from models.printjobs.label_data import location_label_data, product_label_data
from models.printjobs.templates import custom_template, reset_template, save_custom_template
from printing.render import render
from printing.templates import Template, TemplateInfo, list_templates, load_template

PREVIEW_DPI = 203


@dataclass(frozen=True)
class EditableTemplate:
    """A template as this database prints it, and whether it is customised (by whom)."""

    template: Template
    customised_by: str  # "" for the built-in layout


def templates() -> list[TemplateInfo]:
    """Every built-in template (labels first)."""
    return list_templates()


def load_editable(*, name: str) -> Op[EditableTemplate]:
    """The template `name`, customised when the database holds an edit."""
    def query(session: Session) -> EditableTemplate:
        custom = custom_template(session, name)
        if custom is None:
            return EditableTemplate(load_template(name), "")
        return EditableTemplate(load_template(name, custom.body), custom.updated_by)
    return Op.query(reading(query))


def preview(*, name: str, body: str, data: dict[str, Any]) -> Op[bytes]:
    """A PNG of one label or document filled with `data`, from the template JSON `body`."""
    def work(_db: Database, _progress: Progress) -> bytes:
        return render(load_template(name, body), data, "png", PREVIEW_DPI)
    return Op.query(work)


def live_data(*, kind: str, code: str) -> Op[dict[str, Any]]:
    """The values of a product (kind "product", by SKU) or a location (by code)."""
    find = product_label_data if kind == "product" else location_label_data
    return Op.query(reading(lambda session: find(session, code)))


def save_layout(*, actor: Actor, name: str, body: str) -> Op[None]:
    """Store the edited layout for every workstation."""
    load_template(name, body)  # refuses a body that is no template before it is shared
    return Op.change(writing(lambda s: save_custom_template(s, actor, name, body)),
                     changes={"labels"})


def reset_layout(*, actor: Actor, name: str) -> Op[None]:
    """Go back to the built-in layout."""
    return Op.change(writing(lambda s: reset_template(s, actor, name)), changes={"labels"})


def print_log(*, limit: int = 200) -> Op[list[log.JobRecord]]:
    """The newest print jobs of every workstation."""
    return Op.query(reading(lambda s: log.job_log(s, limit=limit)))
