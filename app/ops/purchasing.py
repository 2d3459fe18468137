"""Finding, editing, closing, importing and printing purchase orders and suppliers for the
Purchase orders page."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from app.ops.sessions import reading, writing
from app.runner import Op, Progress
from models.actor import Actor
from models.db import Database
from models.masterdata.import_report import ImportReport
from models.masterdata.listing import ProductListRow, WarehouseRow, product_list, warehouses
from models.printjobs.templates import custom_template
from models.purchasing import orders, suppliers
from models.purchasing.order_document import TEMPLATE, order_document_data
from models.purchasing.order_import import import_orders as import_order_file
from models.purchasing.order_values import order_from_values
from models.purchasing.order_views import OrderListRow, OrderView, order_list, order_view
from models.purchasing.suppliers import SupplierInput, SupplierRow, supplier_from_values
from printing.render import render
from printing.templates import load_template

CHANGES = {"purchasing"}


@dataclass(frozen=True)
class SavedOrder:
    """An order as it is stored after a save."""

    id: int
    data: OrderView


@dataclass(frozen=True)
class SavedSupplier:
    """A supplier as it is stored after a save."""

    id: int
    data: SupplierInput


@dataclass(frozen=True)
class OrderChoices:
    """What the order editor's pickers offer."""

    suppliers: list[SupplierRow]
    warehouses: list[WarehouseRow]


def list_orders(*, text: str, status: str, after: str | None) -> Op[list[OrderListRow]]:
    """The next page of orders matching the search and the status filter."""
    return Op.query(reading(lambda s: order_list(s, text, status=status, after=after)))


def load_order(*, order_id: int) -> Op[OrderView]:
    """An order with its lines and what arrived against them."""
    return Op.query(reading(lambda s: order_view(s, order_id)))


def save_order(*, actor: Actor, values: Mapping[str, Any],
               order_id: int | None) -> Op[SavedOrder]:
    """Create (order_id None) or update an order from the editor's values; fails with
    ValidationFailed listing every bad field and line."""
    def change(session: Session) -> SavedOrder:
        order = orders.save_order(session, actor, order_from_values(values), order_id=order_id)
        return SavedOrder(order.id, order_view(session, order.id))
    return Op.change(writing(change), changes=CHANGES)


def close_order(*, actor: Actor, order_id: int) -> Op[SavedOrder]:
    """Short-close an order: nothing more is expected."""
    def change(session: Session) -> SavedOrder:
        orders.close_order(session, actor, order_id)
        return SavedOrder(order_id, order_view(session, order_id))
    return Op.change(writing(change), changes=CHANGES)


def reopen_order(*, actor: Actor, order_id: int) -> Op[SavedOrder]:
    """Open a closed order again."""
    def change(session: Session) -> SavedOrder:
        orders.reopen_order(session, actor, order_id)
        return SavedOrder(order_id, order_view(session, order_id))
    return Op.change(writing(change), changes=CHANGES)


def order_choices() -> Op[OrderChoices]:
    """Active suppliers and warehouses for the editor's pickers."""
    return Op.query(reading(lambda s: OrderChoices(
        suppliers.supplier_list(s, active_only=True), warehouses(s))))


def find_products(*, text: str) -> Op[list[ProductListRow]]:
    """Products for the SKU lookup of an order line."""
    return Op.query(reading(lambda s: product_list(s, text, limit=20)))


def list_suppliers(*, text: str) -> Op[list[SupplierRow]]:
    """Suppliers matching what was typed, by code."""
    return Op.query(reading(lambda s: suppliers.supplier_list(s, text)))


def load_supplier(*, supplier_id: int) -> Op[SupplierInput]:
    """A supplier's editable fields."""
    return Op.query(reading(
        lambda s: suppliers.supplier_input(suppliers.load_supplier(s, supplier_id))))


def save_supplier(*, actor: Actor, values: Mapping[str, Any],
                  supplier_id: int | None) -> Op[SavedSupplier]:
    """Create or update a supplier from the editor's values."""
    def change(session: Session) -> SavedSupplier:
        supplier = suppliers.save_supplier(session, actor, supplier_from_values(values),
                                           supplier_id=supplier_id)
        return SavedSupplier(supplier.id, suppliers.supplier_input(supplier))
    return Op.change(writing(change), changes=CHANGES)


def import_orders(*, actor: Actor, path: Path, dry_run: bool) -> Op[ImportReport]:
    """Import a CSV or XLSX file of order lines; fails with ImportFailed listing every bad
    row, having saved nothing."""
    def work(db: Database, progress: Progress) -> ImportReport:
        return db.transact(lambda s: import_order_file(
            s, actor, path, dry_run=dry_run,
            progress=lambda rows: progress.update("", rows, 0)), attempts=1)
    return Op.change(work, changes=CHANGES)


def order_pdf(session: Session, order_id: int) -> bytes:
    """The printed purchase order as PDF, in the layout every workstation shares."""
    custom = custom_template(session, TEMPLATE)
    template = load_template(TEMPLATE, custom.body if custom else None)
    return render(template, order_document_data(session, order_id), "pdf", 300)


def print_order_pdf(*, order_id: int, path: Path) -> Op[Path]:
    """Write the purchase order PDF to `path`."""
    def work(db: Database, _progress: Progress) -> Path:
        with db.read() as session:
            output = order_pdf(session, order_id)
        path.write_bytes(output)
        return path
    return Op.query(work)
