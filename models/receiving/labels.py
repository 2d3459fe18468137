"""Labels for what a receipt brought in, by the rule the workstation chose: one SKU label per
unit, one per case scanned, or one lot label per lot."""

from __future__ import annotations

from collections import defaultdict
from enum import StrEnum
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.entities import Barcode, Lot, Product, ReceiptScan
from models.errors import InputError
from models.printjobs.label_data import product_label_data


class LabelRule(StrEnum):
    """Which labels finishing a receipt prints."""

    UNIT = "unit"  # a SKU label for every unit
    CASE = "case"  # a SKU label for every case scanned by its case barcode
    LOT = "lot"  # a GS1 lot label (GTIN, lot, expiry) for every lot


TEMPLATES = {LabelRule.UNIT: "sku-50x30", LabelRule.CASE: "sku-50x30",
             LabelRule.LOT: "lot-100x50"}
MAX_LABELS = 10_000


def label_rows(session: Session, receipt_id: int, rule: LabelRule
               ) -> tuple[str, list[dict[str, Any]], list[str]]:
    """The template, its rows, and notes on what got no label (a lot of a product without a
    GTIN, say). Damaged and undone units get none."""
    scans = session.execute(
        select(ReceiptScan.product_id, ReceiptScan.qty, ReceiptScan.pack_qty, ReceiptScan.lot_id)
        .where(ReceiptScan.receipt_id == receipt_id, ReceiptScan.reversal_id.is_(None),
               ReceiptScan.damaged.is_(False))
        .order_by(ReceiptScan.id)).all()
    skus = dict(session.execute(select(Product.id, Product.sku).where(
        Product.id.in_({s.product_id for s in scans}))).all())
    data: dict[int, dict[str, Any]] = {}

    def product(product_id: int) -> dict[str, Any]:
        if product_id not in data:
            data[product_id] = product_label_data(session, skus[product_id])
        return data[product_id]

    rows: list[dict[str, Any]] = []
    notes: list[str] = []
    if rule is LabelRule.LOT:
        lots: dict[tuple[int, int], int] = defaultdict(int)
        for scan in scans:
            if scan.lot_id is not None:
                lots[(scan.product_id, scan.lot_id)] += scan.qty
        numbers = {row.id: row for row in session.execute(
            select(Lot.id, Lot.number, Lot.expiry).where(
                Lot.id.in_({lot for _p, lot in lots})))}
        for product_id, lot_id in lots:
            gtin = session.scalar(select(Barcode.code).where(
                Barcode.product_id == product_id, Barcode.pack_qty == 1).order_by(Barcode.id))
            if not gtin or not gtin.isdigit():
                notes.append(f"{skus[product_id]} lot {numbers[lot_id].number}: the product "
                             "has no GTIN, so no GS1 lot label")
                continue
            lot = numbers[lot_id]
            rows.append({"name": product(product_id)["name"], "gtin": gtin.zfill(14),
                         "lot": lot.number, "expiry": lot.expiry.isoformat()
                         if lot.expiry else ""})
        return TEMPLATES[rule], rows, notes
    for scan in scans:
        count = scan.qty if rule is LabelRule.UNIT else (
            scan.qty // scan.pack_qty if scan.pack_qty > 1 else 0)
        values = product(scan.product_id)
        rows.extend({"sku": values["sku"], "name": values["name"]} for _ in range(count))
    if len(rows) > MAX_LABELS:
        raise InputError(f"{len(rows):,} labels is more than one print job takes "
                         f"({MAX_LABELS:,}): print them by lot or by case.")
    return TEMPLATES[rule], rows, notes
