"""The Purchase orders page: a new order with two lines typed in and saved appears in the list;
suppliers, close and reopen, the PDF and an import with bad rows."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from app.qt_app import Translators
from models.entities import PurchaseOrder, Supplier
from models.purchasing.order_views import order_view
from models.purchasing.suppliers import SupplierInput, save_supplier
from models.users import system_actor
from tests.gui.screenshots import screenshot
from views.main_window import MainWindow
from views.purchasing.order_editor import COST, PRODUCT, QTY, SKU

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture
def window(qtbot, workspace, sqlite_db):
    with sqlite_db.read() as s:
        actor = system_actor(s, "PACK-01")
    sqlite_db.transact(lambda s: save_supplier(s, actor, SupplierInput(
        "HZT", "Hangzhou Textile 杭州纺织", over_receipt_pct=10, over_receipt_beyond="warn")))
    main = MainWindow(workspace)
    qtbot.addWidget(main)
    main.resize(1280, 760)
    main.show()
    return main


@pytest.fixture
def page(qtbot, window):
    window.show_page("purchasing")
    page = window.page("purchasing")
    qtbot.waitUntil(lambda: page.order_editor.supplier.count() > 0)
    return page


def _type_cell(qtbot, editor, row: int, column: int, text: str) -> None:
    editor.lines.setCurrentCell(row, column)
    editor.lines.item(row, column).setText(text)


def _new_order_with_two_lines(qtbot, window, page) -> None:
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    editor = page.order_editor
    editor.expected_date.setText("2026-12-01")
    for sku, qty, cost in (("tsh-wht-m", "120", "18.5"), ("MUG-CER-350", "24", "")):
        row = editor.add_line_row()
        _type_cell(qtbot, editor, row, SKU, sku)
        _type_cell(qtbot, editor, row, QTY, qty)
        _type_cell(qtbot, editor, row, COST, cost)
    # The SKU lookup fills the product and corrects the spelling of the SKU.
    qtbot.waitUntil(lambda: editor.lines.item(0, PRODUCT).text().startswith(
        "Cotton T-shirt white M"))
    assert editor.lines.item(0, SKU).text() == "TSH-WHT-M"
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.status.isVisible() and page.current_id is not None)


def test_ctrl_n_two_lines_ctrl_s_and_the_order_is_in_the_list(qtbot, window, page, sqlite_db):
    _new_order_with_two_lines(qtbot, window, page)
    assert page.status.text().startswith("Saved at")
    with sqlite_db.read() as s:
        order = s.scalars(select(PurchaseOrder)).one()
        view = order_view(s, order.id)
    assert page.record_title.text() == f"{view.code} – Hangzhou Textile 杭州纺织"
    assert [(line.sku, line.qty, str(line.unit_cost)) for line in view.lines] == [
        ("TSH-WHT-M", 120, "18.5000"), ("MUG-CER-350", 24, "None")]
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    row = page.model.row_at(0)
    assert (row.code, row.status, row.ordered) == (view.code, "open", 144)
    shown = [page.model.data(page.model.index(0, c)) for c in range(page.model.columnCount())]
    assert shown[:3] == [view.code, "Hangzhou Textile 杭州纺织", "Open"]
    screenshot(window, "purchasing")


def test_a_rejected_line_is_marked_and_nothing_saved(qtbot, window, page, sqlite_db):
    page.new_record()
    editor = page.order_editor
    row = editor.add_line_row()
    _type_cell(qtbot, editor, row, SKU, "NOPE-1")
    _type_cell(qtbot, editor, row, QTY, "0")
    page.save()
    qtbot.waitUntil(lambda: "lines" in editor.errors.marked())
    marked = editor.errors.marked()["lines"]
    assert "there is no product NOPE-1" in marked and "more than zero" in marked
    qtbot.waitUntil(lambda: editor.lines.item(0, PRODUCT).text() == "No product with this SKU")
    with sqlite_db.read() as s:
        assert s.scalars(select(PurchaseOrder)).all() == []


def test_close_reopen_and_print_the_order(qtbot, window, page, sqlite_db, tmp_path):
    _new_order_with_two_lines(qtbot, window, page)
    editor = page.order_editor
    assert editor.close_button.isVisible() and not editor.reopen_button.isVisible()
    qtbot.mouseClick(editor.close_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: editor.view is not None and editor.view.status == "closed")
    assert editor.status.text() == "Closed" and editor.number.isReadOnly()
    assert editor.reopen_button.isVisible()
    page.status_filter.setCurrentIndex(page.status_filter.findData("closed"))
    page.status_filter.activated.emit(page.status_filter.currentIndex())
    qtbot.waitUntil(lambda: page.model.rowCount() == 1
                    and page.model.row_at(0).status == "closed")
    qtbot.mouseClick(editor.reopen_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: editor.view.status == "open")
    pdf = tmp_path / "order.pdf"
    page.print_to(pdf)
    qtbot.waitUntil(lambda: pdf.exists() and "PDF saved" in page.status.text())
    assert pdf.read_bytes().startswith(b"%PDF")


def test_suppliers_dialog_creates_one_the_editor_can_choose(qtbot, window, page, sqlite_db):
    dialog = page.open_suppliers()
    qtbot.waitUntil(lambda: dialog.list.count() == 1)
    dialog.new_supplier()
    dialog.edits["code"].setText("SZE")
    dialog.edits["name"].setText("Shenzhen Electronics 深圳电子")
    dialog.edits["email"].setText("not-an-address")
    dialog.save()
    qtbot.waitUntil(lambda: "email" in dialog.errors.marked())
    dialog.edits["email"].setText("sales@sze.example")
    dialog.tolerance.setValue(5)
    dialog.save()
    qtbot.waitUntil(lambda: dialog.list.count() == 2)
    qtbot.waitUntil(lambda: page.order_editor.supplier.findData("SZE") >= 0)
    with sqlite_db.read() as s:
        supplier = s.scalars(select(Supplier).where(Supplier.code == "SZE")).one()
        assert (supplier.over_receipt_pct, supplier.over_receipt_beyond) == (5, "block")
    dialog.close()


def test_importing_a_file_with_bad_rows_lists_each_one(qtbot, window, page, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("po_number,supplier,warehouse,sku,qty\n"
                   "PO-9,HZT,SH1,TSH-WHT-M,5\nPO-9,HZT,SH1,GHOST,x\n,HZT,SH1,TSH-WHT-M,1\n",
                   encoding="utf-8")
    page.import_from(bad)
    qtbot.waitUntil(lambda: page.import_problems is not None)
    rows = [page.import_problems.rows.item(i).text()
            for i in range(page.import_problems.rows.count())]
    assert rows[0].startswith("line 3 (PO-9): qty:") and "there is no product GHOST" in rows[0]
    assert rows[1] == "line 4: po_number: is required"
    page.import_problems.close()
    good = tmp_path / "good.csv"
    good.write_text("po_number,supplier,warehouse,sku,qty\nPO-9,HZT,SH1,TSH-WHT-M,5\n",
                    encoding="utf-8")
    page.import_from(good)
    qtbot.waitUntil(lambda: "created 1 orders" in page.status.text())
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)


def test_the_page_in_chinese(qtbot, workspace, sqlite_db):
    translators = Translators()
    translators.install("zh_CN")
    try:
        with sqlite_db.read() as s:
            actor = system_actor(s, "PACK-01")
        sqlite_db.transact(lambda s: save_supplier(s, actor, SupplierInput(
            "HZT", "Hangzhou Textile 杭州纺织")))
        main = MainWindow(workspace)
        qtbot.addWidget(main)
        main.resize(1280, 760)
        main.show()
        main.show_page("purchasing")
        page = main.page("purchasing")
        qtbot.waitUntil(lambda: page.order_editor.supplier.count() > 0)
        assert page.new_button.text() == "新建采购单…"
        QApplication.processEvents()
        screenshot(main, "purchasing-zh")
    finally:
        translators.install("en")  # the same instance: it removes what it installed
