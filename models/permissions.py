"""Permission codes and the built-in roles that hold them.

Services check permissions (see `models.actor.Actor.require`); the GUI only mirrors them by
hiding what a role cannot use.
"""

from __future__ import annotations

from enum import StrEnum


class Perm(StrEnum):
    """A permission a role can hold."""

    STOCK_VIEW = "stock.view"
    STOCK_MOVE = "stock.move"
    STOCK_ADJUST = "stock.adjust"
    STOCK_RESERVE = "stock.reserve"
    PRODUCTS_EDIT = "products.edit"
    LOCATIONS_EDIT = "locations.edit"
    DATA_IMPORT = "data.import"
    DATA_EXPORT = "data.export"
    LABELS_EDIT = "labels.edit"
    PURCHASING_EDIT = "purchasing.edit"
    ORDERS_IMPORT = "orders.import"
    ORDERS_REVIEW = "orders.review"
    ORDERS_APPROVE = "orders.approve"
    CARRIERS_EDIT = "carriers.edit"
    RECEIVE_UNPLANNED = "receiving.unplanned"
    RECEIVE_OVERRIDE = "receiving.override"
    PACK_OVERRIDE = "packing.override"
    RETURNS_SCRAP = "returns.scrap"
    USERS_MANAGE = "users.manage"
    SYSTEM_ADMIN = "system.admin"


PERMISSION_DESCRIPTIONS: dict[Perm, str] = {
    Perm.STOCK_VIEW: "See stock levels and move history",
    Perm.STOCK_MOVE: "Receive, put away, pick, pack and transfer stock",
    Perm.STOCK_ADJUST: "Adjust stock to or from inventory loss",
    Perm.STOCK_RESERVE: "Reserve and release stock for orders",
    Perm.PRODUCTS_EDIT: "Create and edit products and barcodes",
    Perm.LOCATIONS_EDIT: "Create and edit warehouses and locations",
    Perm.DATA_IMPORT: "Import master data from files",
    Perm.DATA_EXPORT: "Export data to files",
    Perm.LABELS_EDIT: "Customise label and document templates for every workstation",
    Perm.PURCHASING_EDIT: "Keep suppliers and purchase orders",
    Perm.ORDERS_IMPORT: "Keep shops; import and enter sales orders",
    Perm.ORDERS_REVIEW: "Keep the order review rules; review, hold, retry and cancel orders",
    Perm.ORDERS_APPROVE: "Approve orders by hand and release holds (past the review rules)",
    Perm.CARRIERS_EDIT: "Keep carriers and their tracking number ranges",
    Perm.RECEIVE_UNPLANNED: "Receive goods without a purchase order",
    Perm.RECEIVE_OVERRIDE: "Approve receiving more than the over-receipt tolerance",
    Perm.PACK_OVERRIDE: "Ship a parcel whose weight is outside the packing tolerance",
    Perm.RETURNS_SCRAP: "Scrap returned goods (to inventory loss)",
    Perm.USERS_MANAGE: "Create users and assign roles",
    Perm.SYSTEM_ADMIN: "Back up, restore and upgrade the database",
}

_FLOOR = {Perm.STOCK_VIEW, Perm.STOCK_MOVE}

BUILTIN_ROLES: dict[str, frozenset[Perm]] = {
    "admin": frozenset(Perm),
    "supervisor": frozenset(
        _FLOOR | {Perm.STOCK_ADJUST, Perm.STOCK_RESERVE, Perm.PRODUCTS_EDIT,
                  Perm.LOCATIONS_EDIT, Perm.DATA_IMPORT, Perm.DATA_EXPORT, Perm.LABELS_EDIT,
                  Perm.PURCHASING_EDIT, Perm.ORDERS_IMPORT, Perm.ORDERS_REVIEW,
                  Perm.ORDERS_APPROVE, Perm.CARRIERS_EDIT, Perm.RECEIVE_UNPLANNED,
                  Perm.RECEIVE_OVERRIDE, Perm.PACK_OVERRIDE, Perm.RETURNS_SCRAP}
    ),
    "receiver": frozenset(_FLOOR),
    "picker": frozenset(_FLOOR),
    "packer": frozenset(_FLOOR),
    "counter": frozenset(_FLOOR),
    "back_office": frozenset(
        {Perm.STOCK_VIEW, Perm.STOCK_RESERVE, Perm.PRODUCTS_EDIT, Perm.LOCATIONS_EDIT,
         Perm.DATA_IMPORT, Perm.DATA_EXPORT, Perm.LABELS_EDIT, Perm.PURCHASING_EDIT,
         Perm.ORDERS_IMPORT, Perm.ORDERS_REVIEW, Perm.CARRIERS_EDIT}
    ),
}
