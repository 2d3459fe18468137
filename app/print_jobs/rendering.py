"""A job's rows into printer bytes: the template (as customised when the job was made) drawn
by the printing renderer, then tuned for the printer's profile."""

from __future__ import annotations

from typing import Any

from app.print_jobs.sending import ChunkRenderer
from app.printer_profiles import PrinterProfile
from devices.printers.tuning import Tuning, tune
from printing.render import render_many
from printing.templates import Template, load_template


def template_for(name: str, body: str) -> Template:
    """The template `name` from the JSON body it was printed with ("" for the built-in)."""
    return load_template(name, custom_json=body or None)


def chunk_renderer(name: str, body: str, profile: PrinterProfile, *,
                   copies: int) -> ChunkRenderer:
    """Renders rows of the template for `profile`'s printer, `copies` of each label."""
    template = template_for(name, body)
    tuning = Tuning(dpi=profile.dpi, darkness=profile.darkness,
                    offset_x_mm=profile.offset_x_mm, offset_y_mm=profile.offset_y_mm,
                    copies=copies)

    def render(rows: list[dict[str, Any]]) -> bytes:
        if profile.language == "pdf" and copies > 1:
            # A PDF has no copy count the printer obeys: the pages repeat instead.
            rows = [row for row in rows for _ in range(copies)]
        data = render_many(template, rows, profile.language, profile.dpi,
                           cjk_font=profile.cjk_font or None)
        return tune(data, profile.language, tuning)

    return render
