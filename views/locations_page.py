"""Locations: find one by code, name or barcode and edit it, or create a new one."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QWidget

from app.ops.locations import list_locations, list_warehouses, load_location, save_location
from app.workspace import Workspace
from models.masterdata.listing import LocationListRow, WarehouseRow
from models.masterdata.locations import LocationInput
from models.permissions import Perm
from views.lazy_table import Column
from views.location_editor import LocationEditor, kind_text, type_text
from views.record_page import RecordPage
from views.warehouse_dialog import WarehouseDialog

COLUMNS: list[Column[LocationListRow]] = [
    Column(QT_TRANSLATE_NOOP("Columns", "Code"), lambda r: r.code),
    Column(QT_TRANSLATE_NOOP("Columns", "Warehouse"), lambda r: r.warehouse),
    Column(QT_TRANSLATE_NOOP("Columns", "Kind"), lambda r: kind_text(r.kind)),
    Column(QT_TRANSLATE_NOOP("Columns", "Use"), lambda r: type_text(r.type)),
    Column(QT_TRANSLATE_NOOP("Columns", "Zone"), lambda r: r.zone),
    Column(QT_TRANSLATE_NOOP("Columns", "Blocked"), lambda r: r.blocked,
           tone=lambda r: "error" if r.blocked else None),
]


def describe(data: LocationInput | None) -> str:
    """The editor's heading for a location."""
    return f"{data.warehouse} · {data.code}" if data is not None else ""


class LocationsPage(RecordPage):
    """The location list and editor, and creating warehouses."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        actor = workspace.actor
        self.location_editor = LocationEditor()
        super().__init__(
            workspace, title=self.tr("Locations"), new_label=self.tr("New location…"),
            search_hint=self.tr("Search code, name or barcode (Ctrl+F)"), columns=COLUMNS,
            key_of=lambda row: row.key,
            list_page=lambda text, after: list_locations(text=text, after=after),
            describe=describe, editor=self.location_editor,
            load=lambda location_id: load_location(location_id=location_id),
            save=lambda values, location_id: save_location(actor=actor, values=values,
                                                           location_id=location_id),
            can_edit=actor.can(Perm.LOCATIONS_EDIT), watches={"locations"}, parent=parent)
        self._workspace = workspace
        self.location_editor.new_warehouse.connect(self._new_warehouse)
        self._load_warehouses()

    def _load_warehouses(self, choose: str | None = None) -> None:
        list_warehouses().success(lambda rows: self._warehouses_loaded(rows, choose)) \
            .run_in_background(self._workspace.runner, parent=self)

    def _warehouses_loaded(self, warehouses: list[WarehouseRow], choose: str | None) -> None:
        editor = self.location_editor
        editor.set_warehouses(warehouses)
        if choose is not None:
            editor.warehouse.setCurrentIndex(editor.warehouse.findData(choose))
        elif self.current_id is None and not self.dirty:
            editor.show_record(None)

    def _new_warehouse(self) -> None:
        dialog = WarehouseDialog(self._workspace, self)
        dialog.accepted.connect(
            lambda: self._load_warehouses(dialog.created.code if dialog.created else None))
        dialog.open()
