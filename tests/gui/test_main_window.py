"""The main window: navigation by list and shortcut, the status bar, and what a role sees."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from tests.gui.conftest import make_workspace
from views.main_window import MainWindow
from views.moves_page import MovesPage
from views.stock_page import StockPage


@pytest.fixture
def window(qtbot, workspace):
    main = MainWindow(workspace)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    main.activateWindow()
    return main


def navigation_labels(window: MainWindow) -> list[str]:
    return [window.navigation.item(i).text() for i in range(window.navigation.count())]


def test_navigation_lists_the_areas_that_exist(window):
    assert navigation_labels(window) == [
        "Stock", "Receiving", "Putaway", "Transfers", "Picking", "Packing", "Returns", "Counting",
        "Move history", "Products", "Locations", "Purchase orders", "Sales orders", "Waves",
        "Counts", "Printing", "Devices", "Settings"]
    assert isinstance(window.current_page(), StockPage)


def test_ctrl_and_a_number_switches_areas(qtbot, window):
    qtbot.keyClick(window, Qt.Key.Key_9, Qt.KeyboardModifier.ControlModifier)
    assert window.current_key() == "moves"
    assert isinstance(window.stack.currentWidget(), MovesPage)
    qtbot.keyClick(window, Qt.Key.Key_7, Qt.KeyboardModifier.ControlModifier)
    assert window.current_key() == "returns"
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.current_key() == "stock"


def test_ctrl_f_puts_the_cursor_in_the_first_filter_field(qtbot, window):
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.page("stock").filters.field("sku")


def test_clicking_an_area_in_the_list_shows_it(qtbot, window):
    rect = window.navigation.visualItemRect(window.navigation.item(9))
    qtbot.mouseClick(window.navigation.viewport(), Qt.MouseButton.LeftButton,
                     pos=rect.center())
    assert window.current_key() == "products"


def test_status_bar_names_the_database_user_role_and_workstation(window, sqlite_db):
    texts = {label.objectName(): label.text() for label in window.statusBar()
             .findChildren(QLabel) if label.objectName().startswith("status_")}
    assert texts["status_database"] == f"Database: {sqlite_db.description}"
    assert texts["status_user"] == "Signed in: Alice Wang (supervisor)"
    assert texts["status_workstation"] == "Workstation: PACK-01"


def test_pages_are_built_only_when_first_shown(window):
    assert set(window._built) == {"stock"}
    window.show_page("settings")
    assert set(window._built) == {"stock", "settings"}


def test_a_picker_can_look_up_products_but_not_edit_them(qtbot, runner, sqlite_db, sample):
    main = MainWindow(make_workspace(runner, sqlite_db, "pete"))
    qtbot.addWidget(main)
    main.show_page("products")
    products = main.page("products")
    qtbot.waitUntil(lambda: products.model.rowCount() > 0)
    assert products.new_button.isHidden() and products.save_button.isHidden()
    assert products.editor.edits["sku"].isReadOnly()
    products.list.selectRow(0)
    qtbot.waitUntil(lambda: products.current_id is not None)
    shown = products.editor.edits["sku"].text()
    qtbot.keyClick(main, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert products.editor.edits["sku"].text() == shown == "MUG-CER-350"


def test_the_database_url_is_read_only_unless_the_role_administers_the_system(
        qtbot, runner, sqlite_db, sample):
    for username, read_only in (("alice", True), ("admin", False)):
        main = MainWindow(make_workspace(runner, sqlite_db, username))
        qtbot.addWidget(main)
        main.show_page("settings")
        assert main.page("settings").database_url.isReadOnly() is read_only
