"""The printed command sheet, rasterised at 300 dpi and read back with a barcode decoder."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import zxingcpp

from models.scanning import CommandKind, parse
from models.scanning.parsing import ParsedCommand, ParsedGS1
from printing.command_sheet import sheet_barcodes, write_command_sheet


def _decoded(pdf: Path) -> list[tuple[str, str]]:
    page = pdfium.PdfDocument(str(pdf))[0]
    image = page.render(scale=300 / 72).to_pil()
    found = zxingcpp.read_barcodes(image, text_mode=zxingcpp.TextMode.Plain)
    return [(b.text, b.symbology_identifier) for b in found]


def test_every_barcode_on_the_sheet_decodes_to_what_a_scanner_should_send(tmp_path):
    decoded = _decoded(write_command_sheet(tmp_path / "sheet.pdf"))
    assert sorted(text for text, _ in decoded) == sorted(b.expected_scan
                                                         for b in sheet_barcodes())


def test_printed_commands_read_back_as_their_commands(tmp_path):
    decoded = _decoded(write_command_sheet(tmp_path / "sheet.pdf"))
    commands = [parse(text, symbology=aim) for text, aim in decoded if text.startswith("CMD-")]
    assert all(isinstance(c, ParsedCommand) for c in commands)
    kinds = {c.command.kind for c in commands}
    assert kinds == set(CommandKind)


def test_separator_test_barcode_is_gs1_with_a_real_separator(tmp_path):
    decoded = dict(_decoded(write_command_sheet(tmp_path / "sheet.pdf")))
    gs_test = next(text for text in decoded if "GS-TEST" in text)
    assert decoded[gs_test] == "]C1"
    parsed = parse(gs_test, symbology="]C1")
    assert isinstance(parsed, ParsedGS1)
    assert (parsed.data.lot, parsed.data.expiry.isoformat()) == ("GS-TEST", "2030-12-31")
