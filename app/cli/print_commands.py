"""`waredesk print list`, `print TEMPLATE --data FILE.json|--sample --format F --out FILE`,
`print samples --out DIR`: render labels and documents to files."""

from __future__ import annotations

import argparse
import importlib.util
import io
import json
import sys
from pathlib import Path
from typing import Any

from app.cli.context import CliContext
from models.errors import InputError
from printing.render import DPIS, FORMATS, render_many
from printing.templates import Template, list_templates, load_template


def register(commands: argparse._SubParsersAction) -> None:
    """Add this module's commands to the parser."""
    parser = commands.add_parser(
        "print", help="render labels and A4 documents (ZPL, TSPL, PDF, PNG)",
        description="TEMPLATE is a template name (see `waredesk print list`), `list`, or "
        "`samples` (every template with its sample data into the --out folder as PNG, PDF "
        "and ZPL). --data takes one JSON object, or a list of them for a batch.")
    parser.add_argument("template", metavar="TEMPLATE")
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--data", type=Path, metavar="FILE.json", help="the variables")
    source.add_argument("--sample", action="store_true", help="use the template's sample data")
    parser.add_argument("--format", choices=FORMATS,
                        help="output format (default: from the --out file extension)")
    parser.add_argument("--dpi", type=int, choices=DPIS, default=203,
                        help="printer resolution (default 203)")
    parser.add_argument("--cjk-font", metavar="FONT",
                        help="ZPL: a Chinese font stored on the printer (e.g. E:SIMSUN.TTF) "
                        "instead of sending Chinese text as graphics")
    parser.add_argument("--out", type=Path, metavar="FILE", help="where to write ('-': "
                        "standard output)")
    parser.set_defaults(run=run_print)


def read_rows(args: argparse.Namespace, template: Template) -> list[dict[str, Any]]:
    """The data rows asked for on the command line."""
    if args.sample:
        return [template.sample]
    if args.data is None:
        raise InputError("Give --data FILE.json or --sample.")
    try:
        data = json.loads(args.data.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(f"Cannot read {args.data}: {exc.strerror}.") from None
    except json.JSONDecodeError as exc:
        raise InputError(f"{args.data} is not valid JSON: {exc}") from None
    rows = data if isinstance(data, list) else [data]
    if not rows or not all(isinstance(row, dict) for row in rows):
        raise InputError(f"{args.data} must hold a JSON object or a list of objects.")
    return rows


def render_request(args: argparse.Namespace) -> tuple[Template, str, bytes]:
    """Template, format and bytes for a `print TEMPLATE` command line (also what a printer
    would be sent)."""
    template = load_template(args.template)
    fmt = args.format
    if fmt is None and args.out is not None and args.out.suffix.lower()[1:] in FORMATS:
        fmt = args.out.suffix.lower()[1:]
    if fmt is None:
        raise InputError("Give --format zpl|tspl|pdf|png (or an --out file with that "
                         "extension).")
    for row in (rows := read_rows(args, template)):
        problems = template.check(row)
        if problems:
            raise InputError(f"{template.name}: " + " ".join(problems))
    return template, fmt, render_many(template, rows, fmt, args.dpi, cjk_font=args.cjk_font)


def run_print(args: argparse.Namespace, ctx: CliContext) -> int:
    """Run `waredesk print ...`."""
    if args.template == "list":
        for info in list_templates():
            print(f"{info.name:24} {info.kind:9} {info.width_mm:g} x {info.height_mm:g} mm  "
                  f"{info.title}")
        return 0
    if args.template == "samples":
        return write_samples(args)
    template, fmt, output = render_request(args)
    if args.out is None or str(args.out) == "-":
        sys.stdout.buffer.write(output)
        return 0
    args.out.write_bytes(output)
    print(f"{template.title}: {fmt.upper()} at {args.dpi} dpi written to {args.out}")
    return 0


def write_samples(args: argparse.Namespace) -> int:
    """Every template with its sample data: PNG, PDF, and for labels ZPL and TSPL; plus the
    ZPL and the PDF turned back into pictures (-zpl.png, -pdf-N.png) when zplkit and
    pypdfium2 are installed (the test extra), so anyone can look at what printers get."""
    if args.out is None:
        raise InputError("Give --out DIR for the sample files.")
    args.out.mkdir(parents=True, exist_ok=True)
    for info in list_templates():
        template = load_template(info.name)
        stem = f"{info.name}-{args.dpi}"
        for fmt in template.formats:
            output = render_many(template, [template.sample], fmt, args.dpi)
            (args.out / f"{stem}.{fmt}").write_bytes(output)
            for suffix, picture in _pictures_of(output, fmt, args.dpi):
                (args.out / f"{stem}-{suffix}.png").write_bytes(picture)
    print(f"Samples of {len(list_templates())} templates written to {args.out}")
    return 0


def _pictures_of(output: bytes, fmt: str, dpi: int) -> list[tuple[str, bytes]]:
    """PNGs of ZPL (zplkit) and PDF (pdfium at 300 dpi) output, when those are installed."""
    if fmt == "zpl" and importlib.util.find_spec("zplkit"):
        import zplkit

        labels = zplkit.render(output, zplkit.Options(dpi=dpi)).labels
        return [("zpl" if i == 0 else f"zpl-{i + 1}", label.png()) for i, label in
                enumerate(labels)]
    if fmt == "pdf" and importlib.util.find_spec("pypdfium2"):
        import pypdfium2

        pictures = []
        for number, page in enumerate(pypdfium2.PdfDocument(output), start=1):
            buffer = io.BytesIO()
            page.render(scale=300 / 72).to_pil().save(buffer, format="PNG")
            pictures.append((f"pdf-{number}", buffer.getvalue()))
        return pictures
    return []
