"""The Sales orders page: a Taobao export imported through the dialog shows its orders, a bad
export lists every bad row and imports nothing, search and filters, an order's detail with an
unmatched line, a phone order typed in by keyboard, shops, and the page in Chinese."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog
from sqlalchemy import select

from app.qt_app import Translators
from models.entities import SalesOrder, SalesOrderStatus, Shop
from models.masterdata.products import ProductInput, save_product
from models.sales.order_views import order_by_number, order_lines
from models.sales.shops import ShopInput, save_shop
from models.users import system_actor
from tests import factories as f
from tests.gui.screenshots import screenshot
from views.main_window import MainWindow
from views.sales.order_editor import PRICE, PRODUCT, QTY, SKU, TITLE

ORDERS = Path(__file__).resolve().parents[1] / "data" / "orders"
COLUMNS = ("Shop", "Order number", "Status", "Ordered at", "Lines", "Units", "Paid",
           "Recipient", "City")


def _catalogue(session, actor) -> None:
    """The products the sample exports sell (the cups known by their barcode only), and
    a shop for Tmall, one for JD and one for phone orders."""
    for sku, name in (("TEA-001", "Longjing tea 250 g"), ("TEA-003", "Pu'er tea cake 357 g"),
                      ("ACC-001", "USB-C cable 1 m")):
        save_product(session, actor, ProductInput(sku=sku, name=name))
    # The shop's barcode has a wrong check digit, as sample exports' made-up ones do: the
    # product editor would refuse it, so the cups are put in directly.
    cups = f.product(session, "CUP-001", barcode="6923456000029")
    cups.name = "Celadon cups, pair"
    for code, name, platform in (("TMALL", "天猫旗舰店", "taobao"), ("JD", "京东自营店", "jd"),
                                 ("PHONE", "Phone orders", "other")):
        save_shop(session, actor, ShopInput(code, name, platform))


@pytest.fixture
def shops(sqlite_db, sample):
    with sqlite_db.read() as s:
        actor = system_actor(s, "PACK-01")
    sqlite_db.transact(lambda s: _catalogue(s, actor))


def _window(qtbot, workspace) -> MainWindow:
    main = MainWindow(workspace)
    qtbot.addWidget(main)
    main.resize(1400, 800)
    main.show()
    return main


@pytest.fixture
def window(qtbot, workspace, shops):
    return _window(qtbot, workspace)


def _open_page(qtbot, window):
    window.show_page("sales")
    page = window.page("sales")
    qtbot.waitUntil(lambda: page.order_editor.shop.count() == 3)
    return page


@pytest.fixture
def page(qtbot, window):
    return _open_page(qtbot, window)


def _import_through_the_dialog(qtbot, window, page, monkeypatch, file: str, shop: str) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        lambda *args, **kwargs: (str(ORDERS / file), ""))
    qtbot.keyClick(window, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    dialog = page.import_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.mouseClick(dialog.findChild(type(dialog.import_button), "choose_file"),
                     Qt.MouseButton.LeftButton)
    assert dialog.file.text().endswith(file)
    dialog.shop.setCurrentIndex(dialog.shop.findData(shop))
    assert dialog.profile.currentData() is None  # recognised from the columns
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)


def _shown(page) -> list[list[str]]:
    model = page.model
    return [[model.data(model.index(row, column)) for column in range(model.columnCount())]
            for row in range(model.rowCount())]


def _import_taobao(qtbot, window, page, monkeypatch) -> None:
    _import_through_the_dialog(qtbot, window, page, monkeypatch, "taobao_gb18030.csv",
                               "TMALL")
    qtbot.waitUntil(lambda: "4 new orders" in page.status.text())
    qtbot.waitUntil(lambda: page.model.rowCount() == 4)


def test_a_taobao_export_imported_through_the_dialog_is_in_the_list(
        qtbot, window, page, monkeypatch):
    _import_taobao(qtbot, window, page, monkeypatch)
    assert page.status.text() == ("taobao_gb18030.csv into TMALL: 4 new orders, 0 updated, "
                                  "0 unchanged; 5 lines.")
    headers = [page.model.headerData(c, Qt.Orientation.Horizontal)
               for c in range(page.model.columnCount())]
    assert tuple(headers) == COLUMNS
    rows = {row[1]: row for row in _shown(page)}
    assert rows["2981234567890123456"][0] == "TMALL"
    assert rows["2981234567890123456"][4:] == ["2", "3", "1,299.00 CNY", "王小明", "杭州市"]
    assert rows["2981234567890123456"][2] == "New"
    assert [rows[n][7] for n in sorted(rows)] == ["王小明", "李娜", "张强", "赵刚"]
    assert [rows[n][6] for n in sorted(rows)] == ["1,299.00 CNY", "69.00 CNY", "45.80 CNY",
                                                  "199.00 CNY"]
    # The newest order first.
    assert _shown(page)[0][1] == "2981234567890123459"
    screenshot(window, "sales-orders")
    # Importing the same file again changes nothing.
    page.import_from(ORDERS / "taobao_gb18030.csv", shop="TMALL")
    qtbot.waitUntil(lambda: "4 unchanged" in page.status.text())
    qtbot.waitUntil(lambda: page.model.rowCount() == 4)


def test_an_export_of_one_order_with_one_line_is_reported_in_the_singular(
        qtbot, page, tmp_path):
    one = tmp_path / "taobao_one.csv"
    rows = (ORDERS / "taobao_gb18030.csv").read_bytes().splitlines(keepends=True)
    one.write_bytes(rows[0] + rows[-1])
    page.import_from(one, shop="TMALL")
    qtbot.waitUntil(lambda: page.status.text() == "taobao_one.csv into TMALL: 1 new order, "
                                                  "0 updated, 0 unchanged; 1 line.")


def test_a_bad_export_lists_every_bad_row_and_imports_nothing(
        qtbot, window, page, monkeypatch, sqlite_db):
    _import_through_the_dialog(qtbot, window, page, monkeypatch, "taobao_bad.csv", "TMALL")
    qtbot.waitUntil(lambda: page.import_problems is not None)
    problems = page.import_problems
    rows = [problems.rows.item(i).text() for i in range(problems.rows.count())]
    assert [row.split(" ", 2)[1].rstrip(":") for row in rows] == ["2", "3", "5", "6", "7"]
    assert "last digits are lost" in rows[0]
    assert "'11/11/2026 上午' is not a time" in rows[1]
    assert "'十元' is not an amount" in rows[2]
    assert "订单编号: is required" in rows[3]
    assert "must be more than zero" in rows[4]
    assert "5 rows are wrong; nothing was imported" in page.status.text()
    screenshot(problems, "sales-import-problems")
    problems.close()
    with sqlite_db.read() as s:
        assert s.scalars(select(SalesOrder)).all() == []
    assert page.model.rowCount() == 0


def test_search_by_recipient_sku_and_number_and_filter_by_shop(qtbot, window, page,
                                                                 monkeypatch):
    _import_taobao(qtbot, window, page, monkeypatch)
    page.import_from(ORDERS / "jd_utf8_bom.csv", shop="JD")
    qtbot.waitUntil(lambda: page.model.rowCount() == 7)

    def search(text: str) -> list[str]:
        window.activateWindow()  # the import dialog had been the active window
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
        qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
        assert QApplication.focusWidget() is page.search
        page.search.clear()
        page.search.insert(text)  # QTest types ASCII only: an input method's commit
        with qtbot.waitSignal(page.model.loading, check_params_cb=lambda busy: not busy):
            qtbot.keyClick(page.search, Qt.Key.Key_Return)
        return sorted(row[1] for row in _shown(page))

    assert search("李娜") == ["2981234567890123457"]
    assert search("tb_小鱼") == ["2981234567890123456"]  # the buyer
    assert search("TEA-003") == ["2981234567890123457"]  # a line's SKU
    assert search("29812345678901234") == [f"298123456789012345{n}" for n in "6789"]
    assert search("") and page.model.rowCount() == 7
    page.shop_filter.setCurrentIndex(page.shop_filter.findData("JD"))
    page.shop_filter.activated.emit(page.shop_filter.currentIndex())
    qtbot.waitUntil(lambda: page.model.rowCount() == 3)
    assert {row[0] for row in _shown(page)} == {"JD"}
    page.status_filter.setCurrentIndex(page.status_filter.findData("new"))
    page.status_filter.activated.emit(page.status_filter.currentIndex())
    qtbot.waitUntil(lambda: page.model.rowCount() == 3)
    assert search("TEA-003") == []  # a Tmall order's SKU, and the filter shows JD


def _select(qtbot, page, number: str) -> None:
    row = next(i for i, shown in enumerate(_shown(page)) if shown[1] == number)
    page.list.setFocus()
    page.list.selectRow(row)
    qtbot.waitUntil(lambda: page.order_editor.view is not None
                    and page.order_editor.view.number == number)


def _lines(editor) -> list[list[str]]:
    return [[editor.lines.item(row, column).text() for column in (SKU, PRODUCT, TITLE, QTY,
                                                                  PRICE)]
            for row in range(editor.lines.rowCount())]


def test_an_order_shows_who_it_goes_to_and_its_lines_one_not_matched(
        qtbot, window, page, monkeypatch):
    _import_taobao(qtbot, window, page, monkeypatch)
    editor = page.order_editor
    _select(qtbot, page, "2981234567890123456")
    qtbot.keyClick(page.list, Qt.Key.Key_Return)
    assert page.record_title.text() == "TMALL 2981234567890123456 – 王小明"
    texts = {name: edit.text() for name, edit in editor.edits.items()}
    assert (texts["buyer_name"], texts["recipient"], texts["phone"]) == (
        "tb_小鱼儿88", "王小明", "13812345678")
    assert (texts["province"], texts["city"], texts["district"], texts["street"]) == (
        "浙江省", "杭州市", "西湖区", "文三路 100号 华星大厦 1201室")
    assert texts["buyer_note"] == "请周末送货"
    assert editor.totals.text() == "goods 1,299.00, paid 1,299.00 CNY"
    assert editor.times.text().startswith("paid 2026-11-1")
    assert _lines(editor) == [
        ["TEA-001", "TEA-001 – Longjing tea 250 g", "西湖龙井 特级 250g 礼盒装", "1", "1099.00"],
        ["6923456000029", "CUP-001 – Celadon cups, pair", "青瓷茶杯 两只装", "2", "100.00"]]
    _select(qtbot, page, "2981234567890123459")
    assert _lines(editor) == [["NOT-HERE", "Not matched", "保温杯 500ml", "1", "199.00"]]
    assert editor.lines.item(0, PRODUCT).foreground().color() == Qt.GlobalColor.darkRed
    screenshot(window, "sales-order-detail")


def _type_line(qtbot, editor, texts: list[str]) -> None:
    """Ctrl+L, then each cell typed and left with Tab (the product cell is skipped)."""
    qtbot.keyClick(editor.lines, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    for text in texts:
        if text:
            qtbot.keyClicks(QApplication.focusWidget(), text)
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)


def test_a_phone_order_typed_by_keyboard_is_saved(qtbot, window, page, sqlite_db):
    editor = page.order_editor
    editor.shop.setCurrentIndex(editor.shop.findData("PHONE"))
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert editor.edits["number"].hasFocus()
    qtbot.keyClicks(editor.edits["number"], "TEL-0001")
    for field, text in (("ordered_at", ""), ("buyer_name", "Mr Chen"), ("recipient", "Chen Ming"),
                        ("phone", "13700001234"), ("email", ""), ("province", "Jiangsu"),
                        ("city", "Suzhou"), ("district", "Gusu"), ("street", "1 Renmin Road")):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is editor.edits[field]
        if text:
            qtbot.keyClicks(editor.edits[field], text)
    _type_line(qtbot, editor, ["tea-001", "", "2", "88.00"])
    qtbot.waitUntil(lambda: editor.lines.item(0, PRODUCT).text()
                    == "TEA-001 – Longjing tea 250 g")
    assert editor.lines.item(0, SKU).text() == "TEA-001"
    _type_line(qtbot, editor, ["GIFT-BOX", "Gift box", "0", "5"])
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "lines" in editor.errors.marked())
    assert editor.errors.marked()["lines"] == "line 2: the quantity must be more than zero"
    editor.lines.item(1, QTY).setText("1")
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.current_id is not None)
    assert page.status.text().startswith("Saved at")
    assert page.record_title.text() == "PHONE TEL-0001 – Chen Ming"
    assert editor.totals.text() == "goods 181.00, paid 181.00 CNY"
    assert _lines(editor)[1][:2] == ["GIFT-BOX", "Not matched"]
    with sqlite_db.read() as s:
        order = order_by_number(s, "PHONE", "TEL-0001")
        lines = [(line.sku, line.qty, line.unit_price, line.product_sku)
                 for line in order_lines(s, order.id)]
    assert (order.recipient, order.city, order.street) == ("Chen Ming", "Suzhou",
                                                           "1 Renmin Road")
    assert lines == [("TEA-001", 2, Decimal("88.00"), "TEA-001"),
                     ("GIFT-BOX", 1, Decimal("5.00"), None)]
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert _shown(page)[0][:2] == ["PHONE", "TEL-0001"]
    # Still new: the recipient can be corrected, the number (what it is known by) not.
    assert editor.edits["number"].isReadOnly() and not editor.edits["recipient"].isReadOnly()
    editor.edits["recipient"].selectAll()
    qtbot.keyClicks(editor.edits["recipient"], "Chen Mingming")
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.record_title.text() == "PHONE TEL-0001 – Chen Mingming")
    with sqlite_db.read() as s:
        assert len(s.scalars(select(SalesOrder)).all()) == 1
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    screenshot(window, "sales-phone-order")


def test_the_page_opens_on_a_hint_and_takes_no_shop_for_granted(
        qtbot, window, page, monkeypatch, sqlite_db):
    editor = page.order_editor
    assert page.empty_hint.isVisible() and not editor.isVisible()
    assert not page.save_button.isEnabled() and not page.revert_button.isEnabled()
    screenshot(window, "sales-orders-opened")
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert editor.isVisible() and not page.empty_hint.isVisible()
    assert editor.shop.currentIndex() == -1 and editor.values()["shop"] == ""
    assert page.save_button.isEnabled()
    # The import asks for the shop, and imports nothing until it is chosen.
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        lambda *args, **kwargs: (str(ORDERS / "taobao_gb18030.csv"), ""))
    dialog = page.import_file()
    qtbot.mouseClick(dialog.findChild(type(dialog.import_button), "choose_file"),
                     Qt.MouseButton.LeftButton)
    assert dialog.shop.currentIndex() == -1 and not dialog.import_button.isEnabled()
    dialog.shop.setCurrentIndex(dialog.shop.findData("TMALL"))
    assert dialog.import_button.isEnabled()
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.model.rowCount() == 4)
    assert page.import_file().shop_code() == "TMALL"  # the shop of the last import
    page.import_dialog.reject()
    # An order past new is shown, and cannot be saved or its changes undone.
    with sqlite_db.write() as s:
        s.scalars(select(SalesOrder).where(SalesOrder.number == "2981234567890123456")) \
            .one().status = SalesOrderStatus.HELD
    page.refresh()
    qtbot.waitUntil(lambda: page.model.rowCount() == 4)
    _select(qtbot, page, "2981234567890123456")
    assert editor.view.status == SalesOrderStatus.HELD
    assert not page.save_button.isEnabled() and not page.revert_button.isEnabled()
    _select(qtbot, page, "2981234567890123457")
    assert page.save_button.isEnabled() and page.revert_button.isEnabled()
    screenshot(window, "sales-orders-new-order-shown")


def test_the_shops_dialog_adds_a_shop_the_import_can_choose(qtbot, window, page, sqlite_db):
    dialog = page.open_shops()
    qtbot.waitUntil(lambda: dialog.list.rowCount() == 3)
    qtbot.keyClick(dialog, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(dialog.code, "bad code")
    dialog.save()
    qtbot.waitUntil(lambda: "code" in dialog.errors.marked())
    dialog.code.setText("pdd-1")
    dialog.name.setText("拼多多 1 店")
    dialog.platform.setCurrentIndex(dialog.platform.findData("pinduoduo"))
    qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: dialog.list.rowCount() == 4)
    assert dialog.status.text() == "Saved shop PDD-1."
    qtbot.waitUntil(lambda: page.shop_filter.findData("PDD-1") >= 0)
    with sqlite_db.read() as s:
        shop = s.scalars(select(Shop).where(Shop.code == "PDD-1")).one()
        assert (shop.name, shop.platform) == ("拼多多 1 店", "pinduoduo")
    screenshot(dialog, "sales-shops")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_the_page_in_chinese(qtbot, workspace, shops, monkeypatch):
    translators = Translators()
    translators.install("zh_CN")
    try:
        main = _window(qtbot, workspace)
        page = _open_page(qtbot, main)
        assert page.new_button.text() == "新建订单…"
        assert page.import_button.text() == "导入文件…"
        page.import_from(ORDERS / "taobao_gb18030.csv", shop="TMALL")
        qtbot.waitUntil(lambda: page.model.rowCount() == 4)
        _select(qtbot, page, "2981234567890123459")
        assert page.order_editor.lines.item(0, PRODUCT).text() == "未匹配"
        QApplication.processEvents()
        screenshot(main, "sales-orders-zh")
        dialog = page.import_file()
        QApplication.processEvents()
        screenshot(dialog, "sales-import-zh")
        dialog.reject()
    finally:
        translators.install("en")  # the same instance: it removes what it installed
