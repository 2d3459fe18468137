"""A small, real-looking warehouse for GUI tests and screenshots, made through the services:
a Shanghai warehouse with zones and bins, bilingual products with barcodes, lots with expiry
dates, receipts, putaways, a reservation and a shipment."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from models.actor import Actor
from models.db import Database
from models.entities import LocationType, Lot
from models.ledger import MoveLine, Reason, post_moves, reserve
from models.masterdata.locations import LocationInput, create_warehouse, save_location
from models.masterdata.products import BarcodeInput, ProductInput, save_product
from models.reference_data import virtual_location_id
from models.users import create_user, system_actor

PRODUCTS = [
    # sku, name, alt name, category, barcode, case barcode, case qty, tracking, expiry
    ("TSH-WHT-M", "Cotton T-shirt white M", "纯棉T恤 白色 M码", "Apparel", "6901234567892",
     "16901234567899", 24, "none", False),
    ("TSH-BLK-L", "Cotton T-shirt black L", "纯棉T恤 黑色 L码", "Apparel", "6901234567908",
     None, 0, "none", False),
    ("MUG-CER-350", "Ceramic mug 350 ml", "陶瓷马克杯 350毫升", "Kitchen", "6901234567915",
     "16901234567912", 12, "none", False),
    ("TEA-GRN-250", "Green tea 250 g", "绿茶 250克", "Food", "6901234567922", None, 0, "lot",
     True),
    ("SOAP-LAV-100", "Lavender soap 100 g", "薰衣草香皂 100克", "Personal care",
     "6901234567939", None, 0, "lot", True),
    ("USB-C-1M", "USB-C cable 1 m", "USB-C 数据线 1米", "Electronics", "6901234567946", None, 0,
     "none", False),
    ("PWR-BANK-10K", "Power bank 10000 mAh", "充电宝 10000毫安", "Electronics",
     "6901234567953", None, 0, "none", False),
    ("NB-A5-DOT", "Notebook A5 dotted", "A5 点阵笔记本", "Stationery", "6901234567960", None, 0,
     "none", False),
]

BINS = ["A-01-01", "A-01-02", "A-02-01", "B-01-01", "B-01-02", "C-01-01"]


@dataclass
class Sample:
    """Ids the tests look things up by."""

    products: dict[str, int]
    bins: dict[str, int]
    lots: dict[str, int]


def build(db: Database, *, workstation: str = "PACK-01") -> Sample:
    """Fill an empty database with the sample warehouse; adds users alice (supervisor),
    pete (picker) and the admin `admin`, all with the password `demo1234`."""
    with db.write() as s:
        actor = system_actor(s, workstation)
        for username, role, name in (("admin", "admin", "Administrator"),
                                     ("alice", "supervisor", "Alice Wang"),
                                     ("pete", "picker", "Pete Li")):
            create_user(s, actor, username=username, password="demo1234", role=role,
                        display_name=name)
    with db.write() as s:
        actor = system_actor(s, workstation)
        create_warehouse(s, actor, code="SH1", name="Shanghai main warehouse",
                         address="88 Jiangchang Road, Jing'an, Shanghai")
        seq = 0
        for zone in ("A", "B", "C"):
            seq += 1
            save_location(s, actor, LocationInput(warehouse="SH1", code=zone, kind="zone",
                                                  name=f"Zone {zone}", zone=zone, walk_seq=seq))
        bins: dict[str, int] = {}
        for code in BINS:
            seq += 10
            loc = save_location(s, actor, LocationInput(
                warehouse="SH1", code=code, parent=code[0], zone=code[0], walk_seq=seq,
                type=LocationType.PICK_FACE if code.startswith("A") else LocationType.STORAGE,
                capacity=500))
            bins[code] = loc.id
        for code, loc_type in (("RCV-01", LocationType.RECEIVING),
                               ("PACK-01", LocationType.PACKING)):
            bins[code] = save_location(s, actor, LocationInput(
                warehouse="SH1", code=code, type=loc_type, walk_seq=0)).id
        products: dict[str, int] = {}
        for sku, name, alt, category, code, case, case_qty, tracking, expiry in PRODUCTS:
            barcodes = [BarcodeInput(code)] + ([BarcodeInput(case, case_qty)] if case else [])
            product = save_product(s, actor, ProductInput(
                sku=sku, name=name, alt_name=alt, category=category, tracking=tracking,
                expiry_tracked=expiry, shelf_life_days=720 if expiry else None,
                weight_g=Decimal("180"), standard_cost=Decimal("12.50"), min_stock=20,
                barcodes=barcodes))
            products[sku] = product.id
        lots: dict[str, int] = {}
        today = date.today()
        for number, sku, days in (("L2406A", "TEA-GRN-250", 400), ("L2409B", "TEA-GRN-250", 20),
                                  ("S2311", "SOAP-LAV-100", -10), ("S2405", "SOAP-LAV-100", 300)):
            lot = Lot(product_id=products[sku], number=number,
                      expiry=today + timedelta(days=days))
            s.add(lot)
            s.flush()
            lots[number] = lot.id
    sample = Sample(products, bins, lots)
    _post_stock(db, workstation, sample)
    return sample


def _post_stock(db: Database, workstation: str, sample: Sample) -> None:
    p, b, lots = sample.products, sample.bins, sample.lots
    with db.write() as s:
        actor: Actor = system_actor(s, workstation)
        supplier = virtual_location_id(s, LocationType.SUPPLIER)
        customer = virtual_location_id(s, LocationType.CUSTOMER)
        receipt = [
            MoveLine(p["TSH-WHT-M"], 240, supplier, b["RCV-01"]),
            MoveLine(p["TSH-BLK-L"], 120, supplier, b["RCV-01"]),
            MoveLine(p["MUG-CER-350"], 96, supplier, b["RCV-01"]),
            MoveLine(p["TEA-GRN-250"], 60, supplier, b["RCV-01"], lot_id=lots["L2406A"]),
            MoveLine(p["TEA-GRN-250"], 30, supplier, b["RCV-01"], lot_id=lots["L2409B"]),
            MoveLine(p["SOAP-LAV-100"], 40, supplier, b["RCV-01"], lot_id=lots["S2311"]),
            MoveLine(p["SOAP-LAV-100"], 80, supplier, b["RCV-01"], lot_id=lots["S2405"]),
            MoveLine(p["USB-C-1M"], 300, supplier, b["RCV-01"]),
            MoveLine(p["PWR-BANK-10K"], 50, supplier, b["RCV-01"]),
            MoveLine(p["NB-A5-DOT"], 150, supplier, b["RCV-01"]),
        ]
        post_moves(s, actor, receipt, reason=Reason.RECEIPT, reference="PO-2024-0117")
        putaway = [
            MoveLine(p["TSH-WHT-M"], 200, b["RCV-01"], b["A-01-01"]),
            MoveLine(p["TSH-WHT-M"], 40, b["RCV-01"], b["B-01-01"]),
            MoveLine(p["TSH-BLK-L"], 120, b["RCV-01"], b["A-01-02"]),
            MoveLine(p["MUG-CER-350"], 96, b["RCV-01"], b["A-02-01"]),
            MoveLine(p["TEA-GRN-250"], 60, b["RCV-01"], b["B-01-02"], lot_id=lots["L2406A"]),
            MoveLine(p["TEA-GRN-250"], 30, b["RCV-01"], b["B-01-02"], lot_id=lots["L2409B"]),
            MoveLine(p["SOAP-LAV-100"], 40, b["RCV-01"], b["C-01-01"], lot_id=lots["S2311"]),
            MoveLine(p["SOAP-LAV-100"], 80, b["RCV-01"], b["C-01-01"], lot_id=lots["S2405"]),
            MoveLine(p["USB-C-1M"], 300, b["RCV-01"], b["B-01-01"]),
            MoveLine(p["PWR-BANK-10K"], 50, b["RCV-01"], b["B-01-02"]),
        ]
        post_moves(s, actor, putaway, reason=Reason.PUTAWAY, reference="PA-0117")
        reserve(s, actor, product_id=p["TSH-WHT-M"], location_id=b["A-01-01"], qty=12,
                reference="SO-TB-880231")
        post_moves(s, actor, [MoveLine(p["MUG-CER-350"], 6, b["A-02-01"], b["PACK-01"]),
                              MoveLine(p["USB-C-1M"], 10, b["B-01-01"], b["PACK-01"])],
                   reason=Reason.PICK, reference="SO-JD-55120")
        post_moves(s, actor, [MoveLine(p["MUG-CER-350"], 6, b["PACK-01"], customer),
                              MoveLine(p["USB-C-1M"], 10, b["PACK-01"], customer)],
                   reason=Reason.SHIPMENT, reference="SO-JD-55120")
