"""Mapping an export no profile knows from the import dialog: the columns guessed, a wrong
one seen in the preview and corrected, the mapping saved and the file imported; the next time
the file is recognised; the saved mappings renamed and deleted; the editor in Chinese."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog, QMessageBox

from app.qt_app import Translators
from tests.gui.screenshots import screenshot
from tests.gui.test_sales_orders_page import ORDERS, _open_page, _window, shops  # noqa: F401
from views.sales.mapping_dialog import MappingDialog

YOUZAN = ORDERS / "youzan_gb18030.csv"


@pytest.fixture
def window(qtbot, workspace, shops):  # noqa: F811
    return _window(qtbot, workspace)


def _import_dialog(qtbot, page, monkeypatch):
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        lambda *args, **kwargs: (str(YOUZAN), ""))
    dialog = page.import_file()
    qtbot.mouseClick(dialog.findChild(type(dialog.import_button), "choose_file"),
                     Qt.MouseButton.LeftButton)
    dialog.shop.setCurrentIndex(dialog.shop.findData("PHONE"))
    qtbot.waitUntil(lambda: dialog.file_layout is not None)
    return dialog


def _rows(mapping: MappingDialog) -> list[list[str]]:
    table = mapping.table
    return [[table.item(r, c).text() for c in range(table.columnCount())]
            for r in range(table.rowCount())]


def _summary(qtbot, mapping: MappingDialog, text: str) -> None:
    qtbot.waitUntil(lambda: mapping.summary.text() == text)


def test_an_unknown_export_is_mapped_previewed_saved_and_imported(
        qtbot, window, monkeypatch):
    page = _open_page(qtbot, window)
    dialog = _import_dialog(qtbot, page, monkeypatch)
    assert dialog.layout_note.text() == ("No profile knows these columns: map them to "
                                         "import this file.")
    assert dialog.map_button.isEnabled()
    qtbot.keyClick(dialog, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    mapping = dialog.mapping_dialog
    assert mapping is not None and mapping.isVisible()
    # Guessed from the column names: the preview reads every row.
    assert mapping.combos["number"][0].currentText() == "订单号"
    assert mapping.combos["qty"][0].currentText() == "商品数量"
    _summary(qtbot, mapping, "4 rows read: 3 orders, 0 rows with problems.")
    assert _rows(mapping)[0] == ["2", "", "E20261111000101", "2026-11-11 09:30", "陈静",
                                 "TEA-001", "西湖龙井 250g", "1", "1,099.00",
                                 "广东省 深圳市 南山区 科技园南路 18号 3栋 501"]
    # A required field left out: said, and its box framed.
    mapping.choose("sku", "")
    _summary(qtbot, mapping, "Still to choose or correct: SKU.")
    assert mapping.table.rowCount() == 0
    assert mapping.combos["sku"][0].property("error") is True
    mapping.choose("sku", "规格编码")
    # The order status picked as the time by mistake: each order's first row is marked (its
    # second row repeats the same cells), with the reason.
    mapping.choose("ordered_at", "订单状态")
    _summary(qtbot, mapping, "4 rows read: 3 orders, 3 rows with problems.")
    assert _rows(mapping)[0][1] == ("订单状态: '待发货' is not a time like "
                                    "2026-11-11 10:00:01")
    assert mapping.table.item(0, 1).background().color().name() == "#ffebee"
    screenshot(mapping, "sales-mapping-problems")
    mapping.choose("ordered_at", "下单时间")
    _summary(qtbot, mapping, "4 rows read: 3 orders, 0 rows with problems.")
    assert mapping.table.item(0, 1).background().style() == Qt.BrushStyle.NoBrush
    screenshot(mapping, "sales-mapping")
    # A built-in profile's name is refused; another is saved and the file imported.
    assert not mapping.save_button.isEnabled()
    qtbot.keyClick(mapping, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
    assert mapping.name.hasFocus()
    qtbot.keyClicks(mapping.name, "taobao")
    qtbot.keyClick(mapping, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: mapping.error.isVisible())
    assert "'taobao' is a built-in profile" in mapping.error.text()
    assert mapping.name.property("error") is True
    mapping.name.setText("youzan")
    mapping.title.setText("有赞微商城")
    qtbot.keyClick(mapping, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "3 new orders" in page.status.text())
    assert page.status.text() == ("youzan_gb18030.csv into PHONE: 3 new orders, 0 updated, "
                                  "0 unchanged; 4 lines.")
    qtbot.waitUntil(lambda: page.model.rowCount() == 3)
    shown = {page.model.data(page.model.index(r, 1)): page.model.data(page.model.index(r, 7))
             for r in range(3)}
    assert shown == {"E20261111000101": "陈静", "E20261111000102": "刘杰",
                     "E20261111000103": "林丽"}
    # The same layout next time: recognised, and imported without duplicates.
    again = _import_dialog(qtbot, page, monkeypatch)
    assert again.layout_note.text() == "Recognised: 有赞微商城."
    qtbot.waitUntil(lambda: again.profile.findData("youzan") >= 0)
    qtbot.mouseClick(again.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "3 unchanged" in page.status.text())
    qtbot.waitUntil(lambda: page.model.rowCount() == 3)


def test_saved_mappings_are_edited_renamed_and_deleted(qtbot, window, monkeypatch):
    page = _open_page(qtbot, window)
    dialog = _import_dialog(qtbot, page, monkeypatch)
    mapping = dialog.open_mapping()
    _summary(qtbot, mapping, "4 rows read: 3 orders, 0 rows with problems.")
    mapping.first_row_only.setChecked(True)
    mapping.name.setText("youzan")
    mapping.title.setText("Youzan")
    mapping.reject()  # not saved: the import dialog stays
    assert dialog.isVisible()
    mapping = dialog.open_mapping()
    _summary(qtbot, mapping, "4 rows read: 3 orders, 0 rows with problems.")
    mapping.name.setText("youzan")
    mapping.title.setText("Youzan")
    mapping.save()
    qtbot.waitUntil(lambda: "3 new orders" in page.status.text())
    dialog = _import_dialog(qtbot, page, monkeypatch)
    listing = dialog.open_mappings()
    qtbot.waitUntil(lambda: listing.list.count() == 1)
    assert listing.list.item(0).text() == "youzan – Youzan"
    # Edit: the editor opens on the mapping as saved, against the chosen file.
    listing.edit()
    edited = dialog.mapping_dialog
    assert edited is not None and edited.isVisible()
    assert (edited.name.text(), edited.combos["street"][0].currentText()) == (
        "youzan", "详细收货地址")
    edited.reject()
    listing = dialog.open_mappings()
    qtbot.waitUntil(lambda: listing.list.count() == 1)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("weidian", True))
    listing.rename()
    qtbot.waitUntil(lambda: listing.status.text() == "Renamed to weidian.")
    qtbot.waitUntil(lambda: listing.list.item(0).text() == "weidian – Youzan")
    qtbot.waitUntil(lambda: dialog.profile.findData("weidian") >= 0)
    assert dialog.profile.findData("youzan") < 0
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Yes)
    listing.list.setFocus()
    qtbot.keyClick(listing.list, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: listing.list.count() == 0)
    assert listing.status.text() == "Deleted weidian."
    qtbot.waitUntil(lambda: dialog.profile.findData("weidian") < 0)


def test_the_mapping_editor_in_chinese(qtbot, workspace, shops, monkeypatch):  # noqa: F811
    translators = Translators()
    translators.install("zh_CN")
    try:
        main = _window(qtbot, workspace)
        page = _open_page(qtbot, main)
        dialog = _import_dialog(qtbot, page, monkeypatch)
        assert dialog.map_button.text() == "映射列…"
        mapping = dialog.open_mapping()
        mapping.choose("ordered_at", "订单状态")
        qtbot.waitUntil(lambda: mapping.table.rowCount() == 4
                        and mapping.table.item(0, 1).text() != "")
        assert mapping.table.item(0, 1).text() == ("订单状态：“待发货”不是 2026-11-11 10:00:01 "
                                                   "这样的时间")
        assert mapping.windowTitle() == "映射 youzan_gb18030.csv 的列"
        QApplication.processEvents()
        screenshot(mapping, "sales-mapping-zh")
        screenshot(dialog, "sales-import-unknown-zh")
        mapping.reject()
        dialog.reject()
    finally:
        translators.install("en")
