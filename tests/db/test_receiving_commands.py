"""`waredesk receive` on both backends: a batch-scanner file replayed into a purchase order,
the receipt finished, its discrepancy report and its labels, read back as a user would."""

from __future__ import annotations

import pypdfium2

from app.cli.main import main
from models.entities import PoStatus, PurchaseOrder
from tests.db.test_receiving import MILK_GTIN, TEA_CASE, TEA_EAN, Site, milk_code, stock
from tests.printing.decoding import decoded, images_of


def _pdf_text(path) -> str:
    return "\n".join(page.get_textpage().get_text_range() for page in pypdfium2.PdfDocument(
        str(path)))


def test_replay_finish_report_and_labels_from_the_command_line(db, tmp_path, capsys):
    site = Site(db)
    dump = tmp_path / "dump.txt"
    dump.write_text(f"{TEA_CASE}\n{TEA_EAN},3\n{milk_code('L5')}\n{MILK_GTIN}\n", "utf-8")
    status = main(["--db", db.url, "receive", "replay", str(dump), "--order", "PO-2026-0001",
                   "--finish"])
    out = capsys.readouterr().out
    assert status == 1  # the milk line without a lot was refused
    assert "line     4  ERROR" in out and "4 lines: 3 received, 1 refused." in out
    assert stock(db, site.tea, site.dock) == 15
    with db.read() as s:
        assert s.get(PurchaseOrder, site.order_id).status == PoStatus.PARTLY_RECEIVED
    report = tmp_path / "report.pdf"
    assert main(["--db", db.url, "receive", "report", "PO-2026-0001", "--out",
                 str(report)]) == 0
    text = _pdf_text(report)
    assert "PO-2026-0001" in text and "Acme Trading" in text and "-9" in text
    labels = tmp_path / "labels.zpl"
    assert main(["--db", db.url, "receive", "labels", "PO-2026-0001", "--rule", "case",
                 "--out", str(labels)]) == 0
    assert "1 sku-50x30 labels" in capsys.readouterr().out
    lot_labels = tmp_path / "lots.zpl"
    assert main(["--db", db.url, "receive", "labels", "PO-2026-0001", "--rule", "lot",
                 "--out", str(lot_labels)]) == 0
    [image] = images_of(lot_labels.read_bytes(), "zpl", 203)
    contents = {text for text, _symbology in decoded(image)}
    assert any(MILK_GTIN in text and "L5" in text for text in contents), contents


def test_replaying_into_an_unknown_order_is_bad_input(db, tmp_path, capsys):
    Site(db)
    dump = tmp_path / "dump.txt"
    dump.write_text(f"{TEA_EAN}\n", "utf-8")
    assert main(["--db", db.url, "receive", "replay", str(dump), "--order", "PO-NOPE"]) == 2
    assert "no purchase order PO-NOPE" in capsys.readouterr().err
