"""Shipped orders with their tracking numbers, in the file each platform's seller centre
uploads to mark orders sent (批量发货): Taobao/Tmall, JD, Pinduoduo and Douyin take a CSV of
order number, carrier (by the name the platforms use: the carrier's upload name, else its
name) and tracking number, in UTF-8 with a BOM so Excel opens the Chinese headers; Shopify a
fulfillment CSV; Amazon a tab-separated shipping confirmation, one row per order line."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.actor import Actor
from models.entities import Carrier, SalesOrder, SalesOrderLine, Shipment
from models.ledger.exporting import record_export
from models.permissions import Perm
from models.sales.shops import shop_by_code

#: Amazon's own carrier codes; any other carrier is "Other" with its name.
_AMAZON_CARRIERS = {"UPS", "USPS", "FEDEX", "DHL", "TNT", "ROYAL MAIL", "CHINA POST", "SF EXPRESS",
                    "YANWEN", "4PX"}


@dataclass(frozen=True)
class Shipped:
    """One shipped order as the exports need it."""

    id: int
    number: str
    carrier_code: str
    carrier_name: str
    #: The carrier as the Chinese platforms' uploads name it.
    upload_name: str
    tracking: str
    shipped_at: datetime


@dataclass(frozen=True)
class ExportFormat:
    """A platform's upload file: its header, separator, BOM and rows of an order."""

    header: tuple[str, ...]
    rows: Callable[[Session, Shipped], Iterator[tuple[Any, ...]]]
    delimiter: str = ","
    bom: bool = True


def _chinese(_session: Session, o: Shipped) -> Iterator[tuple[Any, ...]]:
    yield o.number, o.upload_name, o.tracking


def _plain(_session: Session, o: Shipped) -> Iterator[tuple[Any, ...]]:
    yield o.number, o.carrier_name, o.tracking


def _shopify(_session: Session, o: Shipped) -> Iterator[tuple[Any, ...]]:
    yield o.number, o.tracking, o.carrier_name


def _amazon(session: Session, o: Shipped) -> Iterator[tuple[Any, ...]]:
    known = o.carrier_name.upper() in _AMAZON_CARRIERS or o.carrier_code in _AMAZON_CARRIERS
    code = o.carrier_code if known else "Other"
    lines = session.execute(select(SalesOrderLine.line_ref, SalesOrderLine.qty)
                            .where(SalesOrderLine.order_id == o.id)
                            .order_by(SalesOrderLine.line_no)).all()
    for ref, qty in lines:
        yield (o.number, ref, qty, o.shipped_at.date().isoformat(), code, o.carrier_name,
               o.tracking, "Standard")


_CHINESE = ("订单编号", "物流公司", "运单号")
FORMATS: dict[str, ExportFormat] = {
    "taobao": ExportFormat(_CHINESE, _chinese),
    "jd": ExportFormat(("订单号", "物流公司", "运单号"), _chinese),
    "pinduoduo": ExportFormat(("订单号", "快递公司", "快递单号"), _chinese),
    "douyin": ExportFormat(("订单号", "快递公司", "快递单号"), _chinese),
    "shopify": ExportFormat(("Name", "Tracking Number", "Tracking Company"), _shopify,
                            bom=False),
    "amazon": ExportFormat(("order-id", "order-item-id", "quantity", "ship-date",
                            "carrier-code", "carrier-name", "tracking-number", "ship-method"),
                           _amazon, delimiter="\t", bom=False),
    "other": ExportFormat(("Order", "Carrier", "Tracking number"), _plain, bom=False),
}


def shipped_orders(session: Session, shop_id: int, since: date | None) -> list[Shipped]:
    """The shop's shipped orders (since a day, when given), in the order they shipped."""
    query = (select(SalesOrder.id, SalesOrder.number, SalesOrder.carrier, Carrier.name,
                    Carrier.upload_name, SalesOrder.tracking_number, Shipment.packed_at)
             .join(Shipment, Shipment.order_id == SalesOrder.id)
             .outerjoin(Carrier, Carrier.code == SalesOrder.carrier)
             .where(SalesOrder.shop_id == shop_id)
             .order_by(Shipment.packed_at, SalesOrder.id))
    if since is not None:
        query = query.where(Shipment.packed_at >= datetime.combine(since, time.min)
                            .astimezone())
    return [Shipped(i, number, code or "", name or code or "", upload or name or code or "",
                    tracking or "", at)
            for i, number, code, name, upload, tracking, at in session.execute(query)]


def ship_export_text(session: Session, shop_code: str, since: date | None) -> tuple[str, int]:
    """The upload file's text for a shop, and how many orders it names."""
    shop = shop_by_code(session, shop_code)
    fmt = FORMATS[shop.platform]
    out = io.StringIO()
    writer = csv.writer(out, delimiter=fmt.delimiter, lineterminator="\r\n")
    writer.writerow(fmt.header)
    orders = shipped_orders(session, shop.id, since)
    for order in orders:
        writer.writerows(fmt.rows(session, order))
    return ("\ufeff" if fmt.bom else "") + out.getvalue(), len(orders)


def export_shipped(session: Session, actor: Actor, shop_code: str, path: Path, *,
                   since: date | None = None) -> int:
    """Write the shop's shipped orders to `path` in its platform's format; how many."""
    actor.require(Perm.DATA_EXPORT)
    text, count = ship_export_text(session, shop_code, since)
    path.write_text(text, encoding="utf-8", newline="")
    record_export(session, actor, "orders.shipped", path, count)
    return count
