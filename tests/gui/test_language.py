"""Switching the language: the window comes back in Chinese at once, on the same page, with
the user still signed in; and the bundled Chinese font stands behind the application font."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit

from app.gui import Shell
from app.qt_app import Translators
from app.settings import Settings
from models.masterdata.fields import FieldError
from models.masterdata.products import ProductInput, check_product
from tests.gui import sample_data
from views.field_errors import FieldErrors
from views.main_window import MainWindow


@pytest.fixture
def shell(qtbot, sqlite_db, styled_app):
    path = sqlite_db.url.removeprefix("sqlite:///")
    sample_data.build(sqlite_db)
    sqlite_db.dispose()
    shell = Shell(styled_app, Settings(database_url=path, workstation="PACK-01"))
    shell.app.quit = lambda: None
    shell.start()
    qtbot.waitUntil(lambda: shell.dialog is not None and shell.dialog.isVisible())
    shell.dialog.username.setText("alice")
    shell.dialog.password.setText("demo1234")
    shell.dialog.submit()
    qtbot.waitUntil(lambda: shell.window is not None)
    yield shell
    if shell.window is not None:
        shell.window.close_for("test")
    shell.translators.install("en")
    shell.close()


def labels(window: MainWindow) -> list[str]:
    return [window.navigation.item(i).text() for i in range(window.navigation.count())]


def test_choosing_chinese_in_the_settings_shows_the_window_in_chinese(qtbot, shell):
    window = shell.window
    window.show_page("settings")
    settings = window.page("settings")
    settings.language.setCurrentIndex(settings.language.findData("zh_CN"))
    qtbot.mouseClick(settings.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: shell.window is not None and shell.window is not window)
    chinese = shell.window
    assert labels(chinese) == ["库存", "收货", "上架", "调拨", "拣货", "打包验货", "退货入库",
                              "盘点作业", "库存流水", "商品", "库位", "采购单", "销售订单", "波次",
                              "盘点单", "打印", "设备", "设置"]
    assert chinese.current_key() == "settings"
    assert chinese.workspace.user.actor.username == "alice"
    status = {label.objectName(): label.text()
              for label in chinese.statusBar().findChildren(QLabel)}
    assert status["status_user"] == "当前用户：Alice Wang（主管）"
    assert Settings.load().language == "zh_CN"

    chinese.show_page("stock")
    stock = chinese.page("stock")
    qtbot.waitUntil(lambda: stock.row_count.text() == "共 11 行")
    headers = [stock.model.headerData(c, Qt.Orientation.Horizontal)
               for c in range(stock.model.columnCount())]
    assert headers[:3] == ["SKU", "商品", "别名"] and "批次" in headers and "可用" in headers

    chinese.show_page("moves")
    moves = chinese.page("moves")
    qtbot.waitUntil(lambda: moves.model.rowCount() > 0)
    assert moves.model.data(moves.model.index(0, 1)) == "出库"


def test_the_bundled_chinese_font_is_the_fallback_of_the_application_font(styled_app):
    assert QApplication.font().families()[-1] == "WenQuanYi Micro Hei"
    assert QFontDatabase.WritingSystem.SimplifiedChinese in QFontDatabase.writingSystems(
        "WenQuanYi Micro Hei")


def test_field_messages_without_values_are_said_in_chinese(qtbot):
    translators = Translators()
    translators.install("zh_CN")
    try:
        general = QLabel()
        name, label = QLineEdit(), QLabel()
        for widget in (general, name, label):
            qtbot.addWidget(widget)
        errors = FieldErrors(general)
        errors.add("name", name, label)
        problems = check_product(ProductInput(sku="CAP-1", name=""))
        assert [e.message for e in problems] == ["is required"]
        errors.show([*problems, FieldError("weight_g", "'heavy' is not a number")])
        assert errors.marked() == {"name": "必填"}
        assert general.text() == "weight_g: 'heavy' is not a number"
    finally:
        translators.install("en")
