"""The product and location editors: finding a record, saving new and changed ones, and the
fields a save rejects marked in red with the reason."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from sqlalchemy import select

from app.ops.products import save_product
from models.entities import Barcode, Location, Product, Warehouse
from models.masterdata.products import load_product
from tests.gui.conftest import make_workspace
from views.main_window import MainWindow
from views.warehouse_dialog import WarehouseDialog


@pytest.fixture
def window(qtbot, workspace):
    main = MainWindow(workspace)
    qtbot.addWidget(main)
    main.show()
    return main


@pytest.fixture
def products(qtbot, window):
    window.show_page("products")
    page = window.page("products")
    qtbot.waitUntil(lambda: page.model.rowCount() > 0)
    return page


@pytest.fixture
def locations(qtbot, window):
    window.show_page("locations")
    page = window.page("locations")
    qtbot.waitUntil(lambda: page.model.rowCount() > 0
                    and page.location_editor.warehouse.count() > 0)
    return page


def type_into(qtbot, edit, text: str) -> None:
    edit.selectAll()
    qtbot.keyClicks(edit, text)


def saved(qtbot, page) -> None:
    qtbot.waitUntil(lambda: page.status.isVisible() and page.save_button.isEnabled())


def test_ctrl_n_then_ctrl_s_creates_a_product_with_its_barcodes(qtbot, window, products,
                                                                 sqlite_db):
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    editor = products.editor
    type_into(qtbot, editor.edits["sku"], "CAP-RED-01")
    type_into(qtbot, editor.edits["name"], "Baseball cap red")
    type_into(qtbot, editor.edits["weight_g"], "85.5")
    editor.tracking.setCurrentIndex(editor.tracking.findData("lot"))
    editor._add_barcode_row("6901234567977", "1")
    editor._add_barcode_row("16901234567974", "20")
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    saved(qtbot, products)
    assert products.status.text().startswith("Saved at")
    assert products.record_title.text() == "CAP-RED-01 – Baseball cap red"
    with sqlite_db.read() as s:
        product = s.scalars(select(Product).where(Product.sku == "CAP-RED-01")).one()
        assert (product.name, str(product.weight_g), product.tracking) == (
            "Baseball cap red", "85.500", "lot")
        assert sorted((b.code, b.pack_qty) for b in s.scalars(
            select(Barcode).where(Barcode.product_id == product.id))) == [
            ("16901234567974", 20), ("6901234567977", 1)]
    qtbot.waitUntil(lambda: "CAP-RED-01" in [products.model.row_at(r).sku
                                             for r in range(products.model.rowCount())])


def test_a_save_marks_every_rejected_field_with_its_reason(qtbot, window, products,
                                                           sqlite_db):
    products.new_record()
    editor = products.editor
    type_into(qtbot, editor.edits["sku"], "CAP-RED-02")
    type_into(qtbot, editor.edits["weight_g"], "heavy")
    type_into(qtbot, editor.edits["min_stock"], "50")
    type_into(qtbot, editor.edits["max_stock"], "10")
    editor._add_barcode_row("6901234567971", "1")  # wrong check digit
    products.save()
    qtbot.waitUntil(lambda: bool(editor.errors.marked()))
    assert editor.errors.marked() == {
        "name": "is required",
        "weight_g": "'heavy' is not a number",
        "max_stock": "must be at least the minimum stock",
        "barcodes": "'6901234567971' has a wrong check digit",
    }
    assert editor.edits["name"].property("error") is True
    assert products.status.text() == "Not saved: correct the fields marked in red."
    with sqlite_db.read() as s:
        assert s.scalar(select(Product.id).where(Product.sku == "CAP-RED-02")) is None
    type_into(qtbot, editor.edits["name"], "Cap")
    type_into(qtbot, editor.edits["weight_g"], "80")
    type_into(qtbot, editor.edits["max_stock"], "100")
    editor.barcodes.item(0, 0).setText("6901234567977")
    products.save()
    saved(qtbot, products)
    assert editor.errors.marked() == {}
    assert editor.edits["name"].property("error") is False


def test_a_barcode_of_another_product_is_refused_by_name(qtbot, products):
    products.new_record()
    editor = products.editor
    type_into(qtbot, editor.edits["sku"], "COPY-1")
    type_into(qtbot, editor.edits["name"], "Copy")
    editor._add_barcode_row("6901234567892", "1")
    products.save()
    qtbot.waitUntil(lambda: bool(editor.errors.marked()))
    assert editor.errors.marked() == {"barcodes": "'6901234567892' already belongs to TSH-WHT-M"}


def test_choosing_a_product_in_the_list_shows_it_and_saving_changes_it(
        qtbot, products, sample, sqlite_db):
    qtbot.keyClicks(products.search, "6901234567960")  # the notebook's barcode, scanned
    qtbot.keyClick(products.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: [products.model.row_at(r).sku for r in
                             range(products.model.rowCount())] == ["NB-A5-DOT"])
    products.list.selectRow(0)
    qtbot.waitUntil(lambda: products.current_id == sample.products["NB-A5-DOT"])
    editor = products.editor
    assert editor.edits["alt_name"].text() == "A5 点阵笔记本"
    assert editor.edits["standard_cost"].text() == "12.5"
    assert editor.barcodes.item(0, 0).text() == "6901234567960"
    type_into(qtbot, editor.edits["standard_cost"], "9.90")
    editor.active.setChecked(False)
    products.save()
    saved(qtbot, products)
    with sqlite_db.read() as s:
        product = load_product(s, sample.products["NB-A5-DOT"])
        assert (str(product.standard_cost), product.active) == ("9.9000", False)


def test_undo_changes_brings_back_the_stored_product(qtbot, products, sample):
    products.list.selectRow(0)
    qtbot.waitUntil(lambda: products.current_id is not None)
    editor = products.editor
    type_into(qtbot, editor.edits["name"], "Something else")
    assert products.dirty
    products.revert()
    qtbot.waitUntil(lambda: editor.edits["name"].text() == "Ceramic mug 350 ml")
    assert not products.dirty


def test_a_new_location_is_saved_blocked_with_its_reason(qtbot, locations, sqlite_db):
    locations.new_record()
    editor = locations.location_editor
    type_into(qtbot, editor.edits["code"], "C-02-01")
    type_into(qtbot, editor.edits["parent"], "C")
    editor.type.setCurrentIndex(editor.type.findData("quarantine"))
    editor.walk_seq.setValue(95)
    editor.blocked.setChecked(True)
    type_into(qtbot, editor.edits["blocked_reason"], "Damaged shelf, waiting for repair")
    locations.save()
    saved(qtbot, locations)
    assert locations.status.text().startswith("Saved at")
    with sqlite_db.read() as s:
        location = s.scalars(select(Location).where(Location.code == "C-02-01")).one()
        parent = s.get(Location, location.parent_id)
        assert (location.type, location.walk_seq, location.blocked, location.blocked_reason,
                location.barcode, parent.code) == (
            "quarantine", 95, True, "Damaged shelf, waiting for repair", "C-02-01", "C")


def test_a_location_code_used_twice_in_a_warehouse_is_marked(qtbot, locations):
    locations.new_record()
    editor = locations.location_editor
    type_into(qtbot, editor.edits["code"], "A-01-01")
    type_into(qtbot, editor.edits["parent"], "Q")
    locations.save()
    qtbot.waitUntil(lambda: bool(editor.errors.marked()))
    assert editor.errors.marked() == {
        "code": "SH1 already has a location A-01-01",
        "barcode": "'A-01-01' is the barcode of A-01-01 in SH1; set another",
        "parent": "SH1 has no location Q",
    }


def test_a_warehouse_created_from_the_location_editor_can_be_chosen(qtbot, locations,
                                                                    sqlite_db):
    editor = locations.location_editor
    qtbot.mouseClick(editor.add_warehouse, Qt.MouseButton.LeftButton)
    dialog = locations.findChild(WarehouseDialog)
    assert dialog is not None and dialog.isVisible()
    type_into(qtbot, dialog.code, "BJ1")
    type_into(qtbot, dialog.name, "Beijing warehouse")
    dialog.submit()
    qtbot.waitUntil(lambda: editor.warehouse.findData("BJ1") >= 0)
    assert editor.warehouse.currentData() == "BJ1"
    with sqlite_db.read() as s:
        assert s.scalar(select(Warehouse.name).where(Warehouse.code == "BJ1")) == \
            "Beijing warehouse"


def test_ctrl_s_while_typing_a_barcode_saves_what_was_typed(qtbot, window, products,
                                                            sqlite_db):
    products.new_record()
    editor = products.editor
    type_into(qtbot, editor.edits["sku"], "CAP-RED-03")
    type_into(qtbot, editor.edits["name"], "Cap")
    qtbot.mouseClick(editor.add_barcode, Qt.MouseButton.LeftButton)
    cell_editor = QApplication.focusWidget()
    assert isinstance(cell_editor, QLineEdit)
    qtbot.keyClicks(cell_editor, "6901234567977")
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    saved(qtbot, products)
    with sqlite_db.read() as s:
        assert s.scalar(select(Barcode.code).join(Product).where(
            Product.sku == "CAP-RED-03")) == "6901234567977"


def test_the_service_refuses_a_picker_whatever_the_window_shows(qtbot, runner, sqlite_db,
                                                                 sample):
    picker = make_workspace(runner, sqlite_db, "pete")
    failures = []
    save_product(actor=picker.actor, values={"sku": "X-1", "name": "X"}, product_id=None) \
        .failure(failures.append).run_in_background(runner)
    qtbot.waitUntil(lambda: bool(failures))
    assert str(failures[0]) == ("pete may not do this: it needs the permission 'Create and "
                                "edit products and barcodes'.")
