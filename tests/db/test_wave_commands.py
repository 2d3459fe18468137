"""`waredesk wave` and `waredesk pick replay` end to end, on both backends: plan, list, show,
the PDF pick list (its text and barcode read back), a batch file picking the wave, and
cancelling a wave."""

from __future__ import annotations

import pypdfium2
import pytest

from app.cli.main import main
from models.entities import SalesOrderStatus
from tests.db import picking_setup as setup
from tests.db.picking_setup import CUP_EAN, TEA_EAN
from tests.printing.decoding import decoded, images_of


def _pdf_text(path) -> str:
    return "\n".join(page.get_textpage().get_text_range()
                     for page in pypdfium2.PdfDocument(str(path)))


@pytest.fixture
def site(db, actor):
    return setup.stocked_site(db, actor)


def test_plan_show_print_and_pick_a_wave_from_the_command_line(db, actor, site, tmp_path,
                                                               capsys):
    o1 = setup.order(db, actor, "SO-1", [("TEA", 2), ("CUP", 1)])
    o2 = setup.order(db, actor, "SO-2", [("TEA", 1)], hour=8)
    setup.order(db, actor, "JD-1", [("TEA", 1)], shop="JD")
    setup.approve(db, actor)
    assert main(["--db", db.url, "wave", "plan", "--warehouse", "WH1", "--carrier", "SF",
                 "--cutoff", "2026-11-11 12:00", "--max-orders", "5"]) == 0
    assert "Planned WAVE-1: 2 orders, 4 units, carrier SF." in capsys.readouterr().out
    assert main(["--db", db.url, "wave", "list"]) == 0
    assert "WAVE-1     WH1      open          2 orders      0/4      units picked  " \
           "carrier SF, cut-off 2026-11-11 12:00, max 5 orders" in capsys.readouterr().out
    assert main(["--db", db.url, "wave", "show", "WAVE-1"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[1].split() == ["A-01", "TEA", "0/3", "#1", "SO-2", "×1,", "#2", "SO-1", "×2"]
    assert out[2].split() == ["B-01", "CUP", "0/1", "#2", "SO-1", "×1"]

    pdf = tmp_path / "pick.pdf"
    assert main(["--db", db.url, "wave", "pdf", "WAVE-1", "--out", str(pdf)]) == 0
    assert "(3 lines)" in capsys.readouterr().out
    [page] = images_of(pdf.read_bytes(), "pdf", 300)
    assert ("WAVE-1", "]C0") in decoded(page)
    text = _pdf_text(pdf)
    rows = [line.split() for line in text.splitlines()]
    assert ["1", "A-01", "TEA", "Product", "TEA", "1", "#1", "SO-2", "[", "]"] in rows
    assert ["2", "#2", "SO-1", "[", "]"] in rows  # the same stop, unnumbered, for the next order
    assert ["2", "B-01", "CUP", "Product", "CUP", "1", "#2", "SO-1", "[", "]"] in rows

    scans = tmp_path / "scanner.txt"
    scans.write_text(f"TOTE-001\nTOTE-002\nA-01\n{TEA_EAN}\n{TEA_EAN},2\nB-01\n{CUP_EAN}\n",
                     encoding="utf-8")
    assert main(["--db", db.url, "pick", "replay", str(scans), "--wave", "WAVE-1"]) == 0
    out = capsys.readouterr().out
    assert "7 lines: 7 taken, 0 refused." in out
    assert setup.status(db, o1) == setup.status(db, o2) == SalesOrderStatus.PICKED
    # The same file again picks nothing twice.
    assert main(["--db", db.url, "pick", "replay", str(scans), "--wave", "WAVE-1"]) == 2
    assert "WAVE-1 is done: there is nothing to pick in it." in capsys.readouterr().err
    assert setup.quants(db, site["TEA"])[(site["PACK"], None)] == (3, 0)
    # Picked, the paper names each order's tote before its number (a long number may be cut).
    assert main(["--db", db.url, "wave", "pdf", "WAVE-1", "--out", str(pdf)]) == 0
    rows = [line.split() for line in _pdf_text(pdf).splitlines()]
    assert ["1", "A-01", "TEA", "Product", "TEA", "1", "#1", "TOTE-001", "SO-2", "[", "]"] in rows
    assert setup.clean(db)


def test_cancel_a_wave_from_the_command_line(db, actor, site, capsys):
    order = setup.order(db, actor, "SO-1", [("TEA", 2)])
    setup.approve(db, actor)
    assert main(["--db", db.url, "wave", "plan", "--warehouse", "WH1", "--single"]) == 0
    assert "No approved order of WH1 fits (single-item)." in capsys.readouterr().out
    assert main(["--db", db.url, "wave", "plan", "--warehouse", "WH1", "--multi"]) == 0
    assert main(["--db", db.url, "wave", "cancel", "wave-1"]) == 0
    assert "WAVE-1 cancelled: 1 order approved again." in capsys.readouterr().out
    assert setup.status(db, order) == SalesOrderStatus.APPROVED
    assert main(["--db", db.url, "wave", "plan", "--warehouse", "WH1", "--cutoff",
                 "tomorrow"]) == 2
    assert "is not a cut-off time" in capsys.readouterr().err
