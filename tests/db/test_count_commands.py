"""`waredesk count` on both backends, end to end: plan a zone, list and show it, print the
sheet, read the variances, send a bin to a recount, approve (refused first, then posted),
and the count report PDF, read back as a user would."""

from __future__ import annotations

import pypdfium2
import pytest
from sqlalchemy import select

from app.cli.main import main
from models.entities import StockMove
from models.ledger import on_hand, verify
from tests.db.test_count_plans import CountSite
from tests.db.test_count_review import finish_bin
from tests.printing.decoding import decoded, images_of


def _pdf_text(path) -> str:
    return "\n".join(page.get_textpage().get_text_range()
                     for page in pypdfium2.PdfDocument(str(path)))


@pytest.fixture
def site(db, actor) -> CountSite:
    return CountSite(db, actor)


def test_plan_count_recount_approve_and_report_from_the_command_line(db, site, actor,
                                                                      tmp_path, capsys):
    assert main(["--db", db.url, "count", "plan", "--warehouse", "WH1", "--zone", "ZA"]) == 0
    assert "Planned COUNT-1: Zone ZA, 5 bins." in capsys.readouterr().out
    assert main(["--db", db.url, "count", "list", "--open"]) == 0
    assert "0/5     bins counted  Zone ZA" in capsys.readouterr().out
    sheet = tmp_path / "sheet.pdf"
    assert main(["--db", db.url, "count", "sheet", "COUNT-1", "--out", str(sheet)]) == 0
    assert "(5 lines)" in capsys.readouterr().out
    [page] = images_of(sheet.read_bytes(), "pdf", 300)
    assert ("COUNT-1", "]C0") in decoded(page)
    assert "A-01-1" in _pdf_text(sheet) and "TEA" in _pdf_text(sheet)

    finish_bin(db, 1, site.loc["A-01-1"], [(site.tea, None, None, 100, 97)], actor.user_id)
    finish_bin(db, 1, site.loc["A-01-2"], [(site.mug, None, None, 20, 20)], actor.user_id)
    assert main(["--db", db.url, "count", "show", "1"]) == 0
    out = capsys.readouterr().out
    assert "A-01-1           counted  round 1  system" in out and "2 of 5 bins counted." in out
    assert main(["--db", db.url, "count", "variances", "1", "--only"]) == 0
    out = capsys.readouterr().out
    assert "A-01-1           TEA" in out and "variance     -3      -24.00" in out
    assert "MUG" not in out and "Accuracy 50.0 % over 2 lines of 2 bins" in out

    assert main(["--db", db.url, "count", "recount", "1", "A-01-1"]) == 0
    assert "Recount requested for A-01-1." in capsys.readouterr().out
    assert main(["--db", db.url, "count", "approve", "1"]) == 2
    assert "COUNT-1 cannot be approved yet: A-01-1 waits for a recount" in \
        capsys.readouterr().err
    finish_bin(db, 1, site.loc["A-01-1"], [(site.tea, None, None, 100, 96)], actor.user_id,
               round_no=2)
    assert main(["--db", db.url, "count", "approve", "1"]) == 0
    out = capsys.readouterr().out
    assert "COUNT-1 approved: 2 bins, 1 adjustments (+0 / -4 units); 3 bins not counted" in out
    assert "left out: A-02-1, A-02-2, AB-01-1" in out
    with db.read() as s:
        assert on_hand(s, site.tea, location_id=site.loc["A-01-1"]) == 96
        assert [m.qty for m in s.scalars(select(StockMove).where(
            StockMove.to_location_id == site.loss))] == [4]
        assert verify(s) == []
    report = tmp_path / "report.pdf"
    assert main(["--db", db.url, "count", "report", "1", "--out", str(report)]) == 0
    assert "(1 variances)" in capsys.readouterr().out
    text = _pdf_text(report)
    assert "COUNT-1" in text and "approved" in text and "-32.00" in text and "50.0 %" in text
    [page] = images_of(report.read_bytes(), "pdf", 300)
    assert ("COUNT-1", "]C0") in decoded(page)
    assert main(["--db", db.url, "count", "approve", "1"]) == 0
    assert "COUNT-1 was already approved." in capsys.readouterr().out


def test_plan_kinds_and_mistakes_from_the_command_line(db, site, capsys):
    assert main(["--db", db.url, "count", "plan", "--warehouse", "WH1", "--from", "A-01-2",
                 "--to", "A-02-1", "--not-blind"]) == 0
    assert "Locations A-01-2 to A-02-1, 2 bins." in capsys.readouterr().out
    assert main(["--db", db.url, "count", "plan", "--warehouse", "WH1", "--sku", "SOCK",
                 "CAM"]) == 0
    assert "Products SOCK, CAM, 2 bins." in capsys.readouterr().out
    assert main(["--db", db.url, "count", "plan", "--warehouse", "WH1", "--full"]) == 2
    assert "A-01-2 (COUNT-1), A-02-1 (COUNT-1), B-01-1 (COUNT-2)" in capsys.readouterr().err
    assert main(["--db", db.url, "count", "plan", "--warehouse", "WH1", "--from",
                 "A-01-1"]) == 2
    assert "needs both --from and --to" in capsys.readouterr().err
    assert main(["--db", db.url, "count", "plan", "--warehouse", "WH2", "--cycle"]) == 2
    assert "no bin of WH2 is due" in capsys.readouterr().err
    assert main(["--db", db.url, "count", "show", "COUNT-99"]) == 2
    assert capsys.readouterr().err.strip() == "waredesk: There is no count COUNT-99."
    assert main(["--db", db.url, "count", "recount", "1", "Z-99"]) == 2
    assert "Z-99 not in COUNT-1" in capsys.readouterr().err
    assert main(["--db", db.url, "count", "approve", "2"]) == 2
    assert "COUNT-2 has no counted bins yet" in capsys.readouterr().err
    assert main(["--db", db.url, "count", "cancel", "2"]) == 0
    assert "COUNT-2 cancelled" in capsys.readouterr().out
    assert main(["--db", db.url, "count", "list"]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert [line.split()[:3] for line in listed] == [["COUNT-2", "WH1", "cancelled"],
                                                     ["COUNT-1", "WH1", "open"]]
