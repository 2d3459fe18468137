"""Products: find one by SKU, name or barcode and edit it, or create a new one."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QWidget

from app.ops.products import list_products, load_product, save_product
from app.workspace import Workspace
from models.masterdata.listing import ProductListRow
from models.masterdata.products import ProductInput
from models.permissions import Perm
from views.lazy_table import Column
from views.product_editor import ProductEditor
from views.record_page import RecordPage


def _inactive(row: ProductListRow) -> str | None:
    return None if row.active else "muted"


# Inactive products are greyed out rather than hidden: they are still found by search.
COLUMNS: list[Column[ProductListRow]] = [
    Column(QT_TRANSLATE_NOOP("Columns", "SKU"), lambda r: r.sku, tone=_inactive),
    Column(QT_TRANSLATE_NOOP("Columns", "Product"), lambda r: r.name, tone=_inactive),
    Column(QT_TRANSLATE_NOOP("Columns", "Alternative name"), lambda r: r.alt_name,
           tone=_inactive),
]


def describe(data: ProductInput | None) -> str:
    """The editor's heading for a product."""
    return f"{data.sku} – {data.name}" if data is not None else ""


class ProductsPage(RecordPage):
    """The product list and editor."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        actor = workspace.actor
        super().__init__(
            workspace, title=self.tr("Products"), new_label=self.tr("New product…"),
            search_hint=self.tr("Search SKU, name or barcode (Ctrl+F)"), columns=COLUMNS,
            key_of=lambda row: row.key,
            list_page=lambda text, after: list_products(text=text, after=after),
            describe=describe, editor=ProductEditor(),
            load=lambda product_id: load_product(product_id=product_id),
            save=lambda values, product_id: save_product(actor=actor, values=values,
                                                         product_id=product_id),
            can_edit=actor.can(Perm.PRODUCTS_EDIT), watches={"products"}, parent=parent)
