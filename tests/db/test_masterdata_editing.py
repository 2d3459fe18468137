"""Creating and editing products and locations: every bad field is reported, nothing is saved."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from models.actor import Actor
from models.entities import Barcode, Location, LocationType, Product
from models.errors import PermissionDenied
from models.ledger import MoveLine, post_moves
from models.masterdata.fields import ValidationFailed
from models.masterdata.locations import LocationInput, create_warehouse, save_location
from models.masterdata.products import BarcodeInput, ProductInput, save_product
from models.permissions import Perm
from models.reference_data import virtual_location_id


def test_a_product_is_saved_with_its_barcodes_and_pack_quantities(db, actor):
    data = ProductInput(sku="TEA-01", name="Green tea 250 g", alt_name="绿茶 250克",
                        barcodes=[BarcodeInput("6901234567892"), BarcodeInput("TEA-01-CASE", 12)])
    product_id = db.transact(lambda s: save_product(s, actor, data).id)
    with db.read() as s:
        assert s.get(Product, product_id).alt_name == "绿茶 250克"
        assert s.execute(select(Barcode.code, Barcode.pack_qty).order_by(Barcode.code)).all() == [
            ("6901234567892", 1), ("TEA-01-CASE", 12)]


def test_every_bad_field_is_reported_at_once(db, actor):
    data = ProductInput(sku="", name="", tracking="batch", min_stock=10, max_stock=5,
                        barcodes=[BarcodeInput("6901234567890")])
    with pytest.raises(ValidationFailed) as caught:
        db.transact(lambda s: save_product(s, actor, data))
    assert {e.field for e in caught.value.errors} == {"sku", "name", "tracking", "max_stock",
                                                      "barcodes"}
    assert "wrong check digit" in str(caught.value)
    with db.read() as s:
        assert s.scalar(select(Product.id)) is None


def test_sku_and_barcodes_belong_to_one_product(db, actor):
    db.transact(lambda s: save_product(s, actor, ProductInput(
        sku="A", name="A", barcodes=[BarcodeInput("6901234567892")])))
    with pytest.raises(ValidationFailed, match="already belongs to A"):
        db.transact(lambda s: save_product(s, actor, ProductInput(
            sku="B", name="B", barcodes=[BarcodeInput("6901234567892")])))
    with pytest.raises(ValidationFailed, match="used by another product"):
        db.transact(lambda s: save_product(s, actor, ProductInput(sku="A", name="again")))


def test_tracking_cannot_change_while_the_product_is_in_stock(db, actor):
    def setup(s):
        wh = create_warehouse(s, actor, code="WH1", name="Main")
        bin_ = save_location(s, actor, LocationInput(warehouse=wh.code, code="A-01"))
        product = save_product(s, actor, ProductInput(sku="P", name="P"))
        post_moves(s, actor, [MoveLine(product.id, 3, virtual_location_id(
            s, LocationType.SUPPLIER), bin_.id)], reason="receipt")
        return product.id

    product_id = db.transact(setup)
    with pytest.raises(ValidationFailed, match="3 units are in stock"):
        db.transact(lambda s: save_product(s, actor, ProductInput(sku="P", name="P",
                                                                  tracking="lot"),
                                           product_id=product_id))


def test_locations_nest_from_zone_down_to_bin_with_unique_barcodes(db, actor):
    def build(s):
        create_warehouse(s, actor, code="WH1", name="Main")
        create_warehouse(s, actor, code="WH2", name="Overflow")
        for code, kind, parent in [("A", "zone", ""), ("A-01", "aisle", "A"),
                                   ("A-01-01", "rack", "A-01"), ("A-01-01-1", "bin", "A-01-01")]:
            save_location(s, actor, LocationInput(warehouse="WH1", code=code, kind=kind,
                                                  parent=parent, zone="A"))

    db.transact(build)
    with pytest.raises(ValidationFailed, match="a zone cannot sit inside a bin"):
        db.transact(lambda s: save_location(s, actor, LocationInput(
            warehouse="WH1", code="B", kind="zone", parent="A-01-01-1")))
    with pytest.raises(ValidationFailed, match="already has a location A-01"):
        db.transact(lambda s: save_location(s, actor, LocationInput(
            warehouse="WH1", code="A-01", kind="aisle")))
    # Same code in another warehouse: fine, but its barcode must then differ.
    with pytest.raises(ValidationFailed, match="'A-01-01-1' is the barcode of A-01-01-1 in WH1"):
        db.transact(lambda s: save_location(s, actor, LocationInput(
            warehouse="WH2", code="A-01-01-1")))
    db.transact(lambda s: save_location(s, actor, LocationInput(
        warehouse="WH2", code="A-01-01-1", barcode="WH2-A-01-01-1")))
    with db.read() as s:
        assert s.scalar(select(Location.barcode).where(Location.code == "A-01-01-1",
                                                       Location.warehouse_id == 2)) == (
            "WH2-A-01-01-1")


def test_editing_master_data_needs_the_permission(db, actor):
    picker = Actor(user_id=actor.user_id, username="pat", workstation="ws",
                   permissions=frozenset({Perm.STOCK_VIEW, Perm.STOCK_MOVE}))
    with pytest.raises(PermissionDenied):
        db.transact(lambda s: save_product(s, picker, ProductInput(sku="X", name="X")))
    with pytest.raises(PermissionDenied):
        db.transact(lambda s: create_warehouse(s, picker, code="W", name="W"))
