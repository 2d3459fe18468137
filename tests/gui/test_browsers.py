"""The stock browser and the move history: what they show, their filters, paging as the user
scrolls, the row count, and refreshing after a change."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.runner import Op
from models.entities import LocationType
from models.ledger import MoveLine, Reason, post_moves
from models.ledger.browse import PAGE_SIZE
from models.reference_data import virtual_location_id
from models.users import system_actor
from tests import factories as f
from tests.gui.conftest import make_workspace
from views.main_window import MainWindow


@pytest.fixture
def window(qtbot, workspace):
    main = MainWindow(workspace)
    qtbot.addWidget(main)
    main.show()
    return main


def shown(page, *columns: str) -> list[tuple]:
    """The table's cells in the named columns, as the user reads them."""
    model = page.model
    titles = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    wanted = [titles.index(title) for title in columns]
    return [tuple(model.data(model.index(row, c)) for c in wanted)
            for row in range(model.rowCount())]


def loaded(qtbot, page) -> None:
    qtbot.waitUntil(lambda: not page.model._fetching and page.row_count.text().startswith(
        ("Rows", "No rows")), timeout=5000)


def filter_by(qtbot, page, field: str, text: str) -> None:
    edit = page.filters.field(field)
    edit.clear()
    qtbot.keyClicks(edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Return)  # as a scanner ends its scan
    loaded(qtbot, page)


def test_stock_browser_shows_each_quant_with_stock(qtbot, window):
    stock = window.page("stock")
    loaded(qtbot, stock)
    rows = shown(stock, "SKU", "Location", "Lot", "On hand", "Reserved", "Available")
    assert rows[:3] == [("MUG-CER-350", "A-02-01", "", "90", "0", "90"),
                        ("NB-A5-DOT", "RCV-01", "", "150", "0", "150"),
                        ("PWR-BANK-10K", "B-01-02", "", "50", "0", "50")]
    assert ("TSH-WHT-M", "A-01-01", "", "200", "12", "188") in rows
    assert len(rows) == 11
    assert stock.row_count.text() == "Rows: 11"
    names = shown(stock, "Product", "Alternative name", "Warehouse")
    assert ("Green tea 250 g", "绿茶 250克", "SH1") in names


def test_stock_browser_filters_by_sku_barcode_location_and_lot(qtbot, window):
    stock = window.page("stock")
    loaded(qtbot, stock)
    filter_by(qtbot, stock, "sku", "tsh-wht")
    assert shown(stock, "SKU", "Location") == [("TSH-WHT-M", "A-01-01"),
                                              ("TSH-WHT-M", "B-01-01")]
    stock.filters.clear()
    filter_by(qtbot, stock, "barcode", "16901234567912")  # the case of 12 mugs
    assert shown(stock, "SKU") == [("MUG-CER-350",)]
    stock.filters.clear()
    filter_by(qtbot, stock, "location", "C-01-01")
    assert shown(stock, "SKU", "Lot") == [("SOAP-LAV-100", "S2311"), ("SOAP-LAV-100", "S2405")]
    stock.filters.clear()
    filter_by(qtbot, stock, "lot", "L2409")
    assert shown(stock, "SKU", "Lot", "On hand") == [("TEA-GRN-250", "L2409B", "30")]
    filter_by(qtbot, stock, "sku", "MUG")
    assert shown(stock, "SKU") == []
    assert stock.row_count.text() == "No rows match"


def test_typing_filters_after_a_pause_without_enter(qtbot, window):
    stock = window.page("stock")
    loaded(qtbot, stock)
    qtbot.keyClicks(stock.filters.field("name"), "green")
    qtbot.waitUntil(lambda: stock.model.rowCount() == 2)
    assert {row[0] for row in shown(stock, "SKU")} == {"TEA-GRN-250"}


def test_escape_empties_a_filter_field_and_shows_everything_again(qtbot, window):
    stock = window.page("stock")
    loaded(qtbot, stock)
    filter_by(qtbot, stock, "sku", "TEA")
    assert stock.model.rowCount() == 2
    qtbot.keyClick(stock.filters.field("sku"), Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: stock.model.rowCount() == 11)
    assert stock.filters.field("sku").text() == ""


def test_expired_lots_are_red_and_lots_expiring_soon_amber(qtbot, window):
    stock = window.page("stock")
    loaded(qtbot, stock)
    model = stock.model
    expiry = [model.headerData(c, Qt.Orientation.Horizontal)
              for c in range(model.columnCount())].index("Expiry")
    colours = {model.row_at(r).lot: model.data(model.index(r, expiry),
                                               Qt.ItemDataRole.ForegroundRole)
               for r in range(model.rowCount()) if model.row_at(r).lot}
    assert colours["S2311"].name() == "#c62828"  # expired ten days ago
    assert colours["L2409B"].name() == "#b26a00"  # expires within 30 days
    assert colours["L2406A"] is None


def test_scrolling_down_fetches_the_next_pages(qtbot, runner, sqlite_db, sample):
    with sqlite_db.write() as s:
        actor = system_actor(s, "PACK-01")
        wh = f.warehouse(s, "BULK")
        bins = [f.bin_(s, wh, f"Z-{i:03d}").id for i in range(5)]
        supplier = virtual_location_id(s, LocationType.SUPPLIER)
        lines = [MoveLine(f.product(s, f"ZZ-{n:04d}").id, 3, supplier, bins[n % 5])
                 for n in range(2 * PAGE_SIZE + 50)]
        post_moves(s, actor, lines, reason=Reason.RECEIPT, reference="PO-BULK")
    total = len(lines) + 11
    main = MainWindow(make_workspace(runner, sqlite_db, "alice"))
    qtbot.addWidget(main)
    main.resize(1200, 700)
    main.show()
    stock = main.page("stock")
    qtbot.waitUntil(lambda: stock.row_count.text() == f"Rows: {total}")
    assert stock.model.rowCount() == PAGE_SIZE
    bar = stock.table.verticalScrollBar()
    for pages in (2, 3):
        bar.setValue(bar.maximum())
        qtbot.waitUntil(lambda pages=pages: stock.model.rowCount() == min(pages * PAGE_SIZE,
                                                                           total))
    assert not stock.model.canFetchMore()
    skus = [stock.model.row_at(r).sku for r in range(stock.model.rowCount())]
    assert skus == sorted(skus) and skus[-1] == "ZZ-0449"


def test_enter_on_a_stock_row_shows_the_moves_of_that_row(qtbot, window):
    stock = window.page("stock")
    loaded(qtbot, stock)
    row = [stock.model.row_at(r).sku for r in range(stock.model.rowCount())].index("USB-C-1M")
    stock.table.setCurrentIndex(stock.model.index(row, 0))
    qtbot.keyClick(stock.table, Qt.Key.Key_Return)
    assert window.current_key() == "moves"
    moves = window.page("moves")
    loaded(qtbot, moves)
    assert moves.filters.values()["sku"] == "USB-C-1M"
    assert shown(moves, "Reason", "Reference", "Quantity", "From", "To") == [
        ("Pick", "SO-JD-55120", "10", "B-01-01", "PACK-01"),
        ("Putaway", "PA-0117", "300", "RCV-01", "B-01-01")]


def test_move_history_lists_moves_newest_first_and_filters_by_reference(qtbot, window):
    window.show_page("moves")
    moves = window.page("moves")
    loaded(qtbot, moves)
    rows = shown(moves, "Reason", "Reference", "SKU", "Quantity", "From", "To", "User")
    assert rows[0] == ("Shipment", "SO-JD-55120", "USB-C-1M", "10", "PACK-01", "CUSTOMER",
                       "system")
    assert rows[-1][:2] == ("Receipt", "PO-2024-0117")
    assert moves.row_count.text() == "Rows: 24"
    filter_by(qtbot, moves, "reference", "so-jd")
    assert {row[1] for row in shown(moves, "Reason", "Reference")} == {"SO-JD-55120"}
    assert moves.model.rowCount() == 4


def test_a_posting_made_elsewhere_in_the_app_refreshes_the_open_browser(qtbot, window,
                                                                        sample):
    stock = window.page("stock")
    loaded(qtbot, stock)

    def receive(db, progress):
        with db.write() as s:
            supplier = virtual_location_id(s, LocationType.SUPPLIER)
            post_moves(s, system_actor(s, "PACK-01"),
                       [MoveLine(sample.products["NB-A5-DOT"], 25, supplier,
                                 sample.bins["A-01-02"])], reason=Reason.RECEIPT)

    Op.change(receive, changes={"stock"}).run_in_background(window.workspace.runner)
    qtbot.waitUntil(lambda: ("NB-A5-DOT", "A-01-02", "25") in shown(
        stock, "SKU", "Location", "On hand"))
    assert stock.row_count.text() == "Rows: 12"


def test_a_count_past_the_limit_says_more_than(qtbot, window, monkeypatch):
    monkeypatch.setattr("app.ops.stock.COUNT_UP_TO", 5)
    monkeypatch.setattr("views.browser_page.COUNT_UP_TO", 5)
    window.show_page("moves")
    moves = window.page("moves")
    moves.refresh()
    qtbot.waitUntil(lambda: moves.row_count.text() == "More than 5 rows")
    assert moves.model.rowCount() == 24  # every row is still there to scroll through


def test_f5_shows_what_another_workstation_posted(qtbot, window, sample, sqlite_db):
    stock = window.page("stock")
    loaded(qtbot, stock)
    with sqlite_db.write() as s:  # another workstation, outside this window's runner
        supplier = virtual_location_id(s, LocationType.SUPPLIER)
        post_moves(s, system_actor(s, "RECV-02"),
                   [MoveLine(sample.products["PWR-BANK-10K"], 7, supplier,
                             sample.bins["C-01-01"])], reason=Reason.RECEIPT)
    assert stock.model.rowCount() == 11
    qtbot.keyClick(window, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: ("PWR-BANK-10K", "C-01-01", "7") in shown(
        stock, "SKU", "Location", "On hand"))
