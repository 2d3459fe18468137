"""Render a template with data to printer or file bytes: ZPL, TSPL, PDF or PNG."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from models.errors import InputError
from printing.compose import Page, compose
from printing.templates import Template
from printing.variables import check_values

FORMATS = ("zpl", "tspl", "pdf", "png")
DPIS = (203, 300)


def pages_of(template: Template, data: dict[str, Any], dpi: int) -> list[Page]:
    """Validate the data and lay out its pages; raises InputError listing every problem."""
    problems = check_values(template.variables, data)
    if problems:
        raise InputError(f"{template.name}: " + " ".join(problems))
    return compose(template.layout, data, dpi)


def _check_request(template: Template, fmt: str, dpi: int) -> None:
    if fmt not in FORMATS:
        raise InputError(f"Unknown output format '{fmt}'; use one of {', '.join(FORMATS)}.")
    if fmt not in template.formats:
        raise InputError(f"{template.title} is an A4 document: print it as PDF (or preview "
                         f"it as PNG); {fmt.upper()} is a label printer language.")
    if dpi not in DPIS:
        raise InputError(f"Printer resolution must be 203 or 300 dpi, not {dpi}.")


def render_many(template: Template, rows: Iterable[dict[str, Any]], fmt: str, dpi: int = 203,
                *, cjk_font: str | None = None) -> bytes:
    """Several labels or documents in one output (PDF: one file, PNG: pages stacked)."""
    _check_request(template, fmt, dpi)
    pages = [page for data in rows for page in pages_of(template, data, dpi)]
    if not pages:
        raise InputError("Nothing to print: no rows of data.")
    if fmt == "zpl":
        from printing.zpl import zpl_page

        return "".join(zpl_page(page, dpi, cjk_font) for page in pages).encode("utf-8")
    if fmt == "tspl":
        from printing.tspl import tspl_page

        return b"".join(tspl_page(page, dpi) for page in pages)
    if fmt == "pdf":
        from printing.pdf import pdf_document

        return pdf_document(pages, dpi, title=template.title)
    from printing.png import png_pages

    return png_pages(pages, dpi)


def render(template: Template, data: dict[str, Any] | list[dict[str, Any]], fmt: str,
           dpi: int = 203, *, cjk_font: str | None = None) -> bytes:
    """One label or document (or a list of data rows, as render_many)."""
    rows = data if isinstance(data, list) else [data]
    return render_many(template, rows, fmt, dpi, cjk_font=cjk_font)
