"""The Waves page: four approved orders (three by SF, one by EMS) waiting, planned into waves
of at most two orders; the wave list, the first wave's pick list in walk order, its PDF saved
and printed to a folder PDF printer, and a wave cancelled (its orders approved again)."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pypdfium2
import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from app.printer_profiles import PrinterProfile, PrinterSettings
from models.carriers.carriers import add_carrier
from models.entities import SalesOrder
from models.sales.orders import OrderInput, OrderLineInput, save_order
from models.sales.review import review_orders
from models.sales.rules import add_rule
from models.sales.shops import ShopInput, save_shop
from models.users import system_actor
from tests.gui.screenshots import screenshot
from views.main_window import MainWindow
from views.waves.page import WavesPage

ORDERS = (("TMALL", "SO-1", [("TSH-WHT-M", 2), ("MUG-CER-350", 1)]),
          ("TMALL", "SO-2", [("MUG-CER-350", 1)]),
          ("TMALL", "SO-3", [("TSH-WHT-M", 1)]),
          ("JD", "JD-1", [("USB-C-1M", 1)]))


@pytest.fixture
def approved(sqlite_db, sample):
    """The orders, reviewed: JD orders by EMS, the rest by SF, all from SH1."""
    def work(s) -> None:
        actor = system_actor(s, "PACK-01")
        for code, platform in (("TMALL", "taobao"), ("JD", "jd")):
            save_shop(s, actor, ShopInput(code, code, platform))
        for shop, number, lines in ORDERS:
            save_order(s, actor, shop, OrderInput(
                number=number, ordered_at=datetime(2026, 12, 1, 9, tzinfo=UTC),
                recipient="王小明", phone="13812345678", city="上海市", street="南京路 1号",
                lines=tuple(OrderLineInput(sku, sku, qty, Decimal("9.90"))
                            for sku, qty in lines)))
        add_carrier(s, actor, code="EMS", name="China EMS", kind="manual")
        add_carrier(s, actor, code="SF", name="SF Express 顺丰速运", kind="manual")
        add_rule(s, actor, name="JD by EMS", conditions={"shops": ["JD"]},
                 actions={"decision": "approve", "warehouse": "SH1", "carrier": "EMS"})
        add_rule(s, actor, name="Rest by SF", conditions={},
                 actions={"decision": "approve", "warehouse": "SH1", "carrier": "SF"})
        assert review_orders(s, actor).approved == 4
    sqlite_db.transact(work)


@pytest.fixture
def page(qtbot, workspace, approved, tmp_path) -> WavesPage:
    printers = PrinterSettings([])
    (tmp_path / "office").mkdir()
    printers.put(PrinterProfile("Office", f"folder:{tmp_path / 'office'}", language="pdf"))
    printers.store(workspace.settings)
    main = MainWindow(workspace)
    qtbot.addWidget(main)
    main.resize(1400, 900)
    main.show()
    main.show_page("waves")
    found = main.page("waves")
    qtbot.waitUntil(lambda: found.form.waiting.text() != "")
    return found


def table(widget) -> list[list[str]]:
    return [[widget.item(r, c).text() for c in range(widget.columnCount())]
            for r in range(widget.rowCount())]


def statuses(db) -> dict[str, str]:
    with db.read() as s:
        return dict(s.execute(select(SalesOrder.number, SalesOrder.status)).all())


def pdf_text(path: Path) -> str:
    return "\n".join(page.get_textpage().get_text_range()
                     for page in pypdfium2.PdfDocument(str(path)))


def shown_whole(table, row: int, column: int) -> bool:
    """Whether the cell's text, wrapped, fits in the cell as laid out, in sight."""
    item = table.item(row, column)
    cell = table.visualItemRect(item)
    needed = table.fontMetrics().boundingRect(
        cell.adjusted(0, 0, -8, 0), Qt.TextFlag.TextWordWrap, item.text())
    return (needed.height() <= cell.height() and needed.width() <= cell.width() - 8
            and cell.right() <= table.viewport().width())


def test_waves_are_planned_listed_printed_and_cancelled_from_the_page(
        qtbot, page, sqlite_db, tmp_path, monkeypatch):
    form = page.form
    assert form.waiting.text() == "4 approved orders waiting: EMS 1, SF 3."
    assert form.warehouse.currentText() == "SH1"
    assert (form.max_orders.value(), form.max_units.value()) == (50, 200)
    form.max_orders.setValue(2)
    form.plan_button.click()
    qtbot.waitUntil(lambda: page.result.text() != "")
    assert page.result.text() == "3 waves, 4 orders, 6 units: WAVE-1, WAVE-2, WAVE-3."
    qtbot.waitUntil(lambda: page.wave_list.rowCount() == 3)
    qtbot.waitUntil(lambda: form.waiting.text() == "No approved order waits for a wave here.")
    assert [row[:6] for row in table(page.wave_list)] == [
        ["WAVE-3", "Open", "EMS", "1", "0 / 1", "1"],
        ["WAVE-2", "Open", "SF", "1", "0 / 1", "1"],
        ["WAVE-1", "Open", "SF", "2", "0 / 4", "3"]]
    assert statuses(sqlite_db) == {"SO-1": "picking", "SO-2": "picking", "SO-3": "picking",
                                   "JD-1": "picking"}

    # The first wave planned is chosen, its pick list in walk order.
    qtbot.waitUntil(lambda: page.pick_table.rowCount() == 2)
    assert page.wave_title.text() == "WAVE-1: 2 orders, carrier SF"
    assert table(page.pick_table) == [
        ["A-01-01", "TSH-WHT-M", "Cotton T-shirt white M", "", "2", "0", "#1 SO-1 ×2"],
        ["A-02-01", "MUG-CER-350", "Ceramic mug 350 ml", "", "2", "0",
         "#1 SO-1 ×1\n#2 SO-2 ×1"]]
    assert page.pick_total.text() == "2 stops; 0 of 4 units picked."
    # In a 1024 px window every order number of a stop shows whole, an order a line.
    page.window().resize(1024, 768)
    qtbot.waitUntil(lambda: all(shown_whole(page.pick_table, row, 6) for row in range(2)))
    screenshot(page.window(), "waves")

    page.save_pdf_to(tmp_path / "WAVE-1.pdf")
    qtbot.waitUntil(lambda: page.message.text().startswith("Pick list saved"))
    text = pdf_text(tmp_path / "WAVE-1.pdf")
    for expected in ("WAVE-1", "A-01-01", "TSH-WHT-M", "A-02-01", "MUG-CER-350", "#2 SO-2"):
        assert expected in text
    page.print_button.click()
    qtbot.waitUntil(lambda: "Office" in page.message.text())
    assert page.message.text().startswith("Pick list WAVE-1 → Office: Job ")
    [printed] = (tmp_path / "office").iterdir()
    assert printed.read_bytes().startswith(b"%PDF")

    page.wave_list.selectRow(1)  # WAVE-2
    qtbot.waitUntil(lambda: page.wave_title.text().startswith("WAVE-2"))
    asked = []
    monkeypatch.setattr(page, "confirm", lambda question: asked.append(question) or False)
    page.cancel_button.click()
    assert asked == ["Cancel WAVE-2? Its orders (1) are approved again and keep their "
                     "reserved stock."]
    assert statuses(sqlite_db)["SO-3"] == "picking"  # not confirmed
    monkeypatch.setattr(page, "confirm", lambda question: True)
    page.cancel_button.click()
    qtbot.waitUntil(lambda: page.message.text() == "WAVE-2 cancelled: 1 order approved "
                                                   "again.")
    qtbot.waitUntil(lambda: table(page.wave_list)[1][1] == "Cancelled")
    assert statuses(sqlite_db)["SO-3"] == "approved"
    assert not page.cancel_button.isEnabled()
    qtbot.waitUntil(lambda: form.waiting.text() == "1 approved order waiting: SF 1.")


def test_nothing_to_plan_is_said_plainly(qtbot, page):
    page.form.items.setCurrentIndex(page.form.items.findData("single"))
    page.form.zone.setText("NOWHERE")
    page.form.plan_button.click()
    qtbot.waitUntil(lambda: page.result.text() != "")
    assert page.result.text() == "No approved order fits these criteria."
    assert page.wave_list.rowCount() == 0


def test_without_a_pdf_printer_the_page_says_where_to_add_one(qtbot, page):
    PrinterSettings([]).store(page.workspace.settings)
    page.form.plan_button.click()
    qtbot.waitUntil(lambda: page.pick_table.rowCount() > 0)
    page.print_button.click()
    qtbot.waitUntil(lambda: page.message.text() != "")
    assert page.message.text() == (
        "No PDF printer is set up here: add one on the Printing page (or `waredesk printer "
        "add`), or save the pick list as PDF.")
    assert page.message.property("tone") == "error"
