"""The areas of the main window, in navigation order.

To add an area, write its page (a QWidget taking the Workspace) and add one `PageSpec` here.
The page is built the first time it is shown. A page may offer any of these methods, which
the window's shortcuts call when it is the current page:

    refresh()        F5      load its data again
    focus_filter()   Ctrl+F  put the cursor in its search or filter field
    new_record()     Ctrl+N  start a new record
    save()           Ctrl+S  save the record being edited
    show_filter(**values)    show what matches these filter values (another page links here)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QWidget

from app.workspace import Workspace
from models.actor import Actor
from models.permissions import Perm


@dataclass(frozen=True)
class PageSpec:
    """One area: its key, its title (source text in the "Pages" context), the permission a
    role needs to see it (None: everyone), and how to build it."""

    key: str
    title: str
    permission: Perm | None
    build: Callable[[Workspace], QWidget]

    @property
    def label(self) -> str:
        """The title in the user's language."""
        return QCoreApplication.translate("Pages", self.title)

    def visible_to(self, actor: Actor) -> bool:
        """True when the actor's role may use this area."""
        return self.permission is None or actor.can(self.permission)


def _stock(workspace: Workspace) -> QWidget:
    from views.stock_page import StockPage
    return StockPage(workspace)


def _receiving(workspace: Workspace) -> QWidget:
    from views.floor.receiving_page import ReceivingPage
    return ReceivingPage(workspace)


def _putaway(workspace: Workspace) -> QWidget:
    from views.floor.putaway_page import PutawayPage
    return PutawayPage(workspace)


def _transfers(workspace: Workspace) -> QWidget:
    from views.floor.transfer_page import TransferPage
    return TransferPage(workspace)


def _picking(workspace: Workspace) -> QWidget:
    from views.floor.picking_page import PickingPage
    return PickingPage(workspace)


def _packing(workspace: Workspace) -> QWidget:
    from views.floor.packing_page import PackingPage
    return PackingPage(workspace)


def _returns(workspace: Workspace) -> QWidget:
    from views.floor.returns_page import ReturnsPage
    return ReturnsPage(workspace)


def _counting(workspace: Workspace) -> QWidget:
    from views.floor.counting_page import CountingPage
    return CountingPage(workspace)


def _moves(workspace: Workspace) -> QWidget:
    from views.moves_page import MovesPage
    return MovesPage(workspace)


def _products(workspace: Workspace) -> QWidget:
    from views.products_page import ProductsPage
    return ProductsPage(workspace)


def _locations(workspace: Workspace) -> QWidget:
    from views.locations_page import LocationsPage
    return LocationsPage(workspace)


def _purchasing(workspace: Workspace) -> QWidget:
    from views.purchasing.page import PurchaseOrdersPage
    return PurchaseOrdersPage(workspace)


def _sales(workspace: Workspace) -> QWidget:
    from views.sales.page import SalesOrdersPage
    return SalesOrdersPage(workspace)


def _waves(workspace: Workspace) -> QWidget:
    from views.waves.page import WavesPage
    return WavesPage(workspace)


def _counts(workspace: Workspace) -> QWidget:
    from views.counts.page import CountsPage
    return CountsPage(workspace)


def _devices(workspace: Workspace) -> QWidget:
    from views.devices.page import devices_page
    return devices_page(workspace)


def _printing(workspace: Workspace) -> QWidget:
    from views.printing.page import printing_page
    return printing_page(workspace)


def _settings(workspace: Workspace) -> QWidget:
    from views.settings_page import SettingsPage
    return SettingsPage(workspace)


# Pages import their modules when first built, so the window opens without loading them all.
PAGES: list[PageSpec] = [
    PageSpec("stock", QT_TRANSLATE_NOOP("Pages", "Stock"), Perm.STOCK_VIEW, _stock),
    PageSpec("receiving", QT_TRANSLATE_NOOP("Pages", "Receiving"), Perm.STOCK_MOVE, _receiving),
    PageSpec("putaway", QT_TRANSLATE_NOOP("Pages", "Putaway"), Perm.STOCK_MOVE, _putaway),
    PageSpec("transfers", QT_TRANSLATE_NOOP("Pages", "Transfers"), Perm.STOCK_MOVE, _transfers),
    PageSpec("picking", QT_TRANSLATE_NOOP("Pages", "Picking"), Perm.STOCK_MOVE, _picking),
    PageSpec("packing", QT_TRANSLATE_NOOP("Pages", "Packing"), Perm.STOCK_MOVE, _packing),
    PageSpec("returns", QT_TRANSLATE_NOOP("Pages", "Returns"), Perm.STOCK_MOVE, _returns),
    PageSpec("counting", QT_TRANSLATE_NOOP("Pages", "Counting"), Perm.STOCK_MOVE, _counting),
    PageSpec("moves", QT_TRANSLATE_NOOP("Pages", "Move history"), Perm.STOCK_VIEW, _moves),
    PageSpec("products", QT_TRANSLATE_NOOP("Pages", "Products"), None, _products),
    PageSpec("locations", QT_TRANSLATE_NOOP("Pages", "Locations"), None, _locations),
    PageSpec("purchasing", QT_TRANSLATE_NOOP("Pages", "Purchase orders"), Perm.PURCHASING_EDIT,
             _purchasing),
    PageSpec("sales", QT_TRANSLATE_NOOP("Pages", "Sales orders"), Perm.ORDERS_IMPORT, _sales),
    PageSpec("waves", QT_TRANSLATE_NOOP("Pages", "Waves"), Perm.ORDERS_REVIEW, _waves),
    PageSpec("counts", QT_TRANSLATE_NOOP("Pages", "Counts"), Perm.STOCK_ADJUST, _counts),
    PageSpec("printing", QT_TRANSLATE_NOOP("Pages", "Printing"), None, _printing),
    PageSpec("devices", QT_TRANSLATE_NOOP("Pages", "Devices"), None, _devices),
    PageSpec("settings", QT_TRANSLATE_NOOP("Pages", "Settings"), None, _settings),
]
