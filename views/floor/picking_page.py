"""Picking a wave: scan its pick list (WAVE-<n>, or F2 with its number), a tote per order,
then the bin shown in large type and its items; the screen says which tote each unit goes in.
F8 says the bin holds no more (what it lacked is reserved elsewhere or backordered), Ctrl+Z
takes the last pick back, F10 closes a picked wave."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QTableWidgetItem, QWidget

from app.ops import floor as ops
from app.workspace import Workspace
from views.floor.screen import FloorScreen


class PickingPage(FloorScreen):
    """The picking screen; its workflow is models.picking.workflow.PickingWorkflow."""

    #: "wave" after F2 on an empty field: the next Enter opens that wave.
    entry_mode = ""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(workspace, title=QCoreApplication.translate("PickingPage", "Picking"),
                         parent=parent)
        self.table.setHorizontalHeaderItem(3, QTableWidgetItem(self.tr("Picked")))
        self.table.setColumnHidden(4, True)
        self.add_key("F2", self.tr("Open wave"), self.open_wave)
        self.add_key("F8", self.tr("Bin short"), self.bin_short)
        self.add_key("Ctrl+Z", self.tr("Undo last pick"), self.undo_last)
        self.add_key("F10", self.tr("Wave done"), self.finish)

    def workflow_factory(self) -> ops.WorkflowFactory:
        """A picking workflow for the signed-in user at this workstation."""
        return ops.picking(actor=self.workspace.actor, options=self.scan_options())

    def open_wave(self) -> None:
        """F2: open the wave whose number is in the field, or ask for one."""
        text = self.entry.text().strip()
        if text:
            self.entry.clear()
            self.call(lambda w: w.open_wave(text))
            return
        self.entry_mode = "wave"
        self.entry.setPlaceholderText(self.placeholder(""))
        self.entry.setFocus()

    def enter(self, text: str) -> None:
        """Enter: a wave number after F2, else what the workflow takes."""
        if self.entry_mode == "wave":
            self.entry_mode = ""
            self.call(lambda w: w.open_wave(text))
            return
        super().enter(text)

    def cancel(self) -> None:
        """Esc also leaves the wave-number entry of F2."""
        self.entry_mode = ""
        super().cancel()

    def bin_short(self) -> None:
        """F8: the bin holds no more of what is left to pick in it."""
        self.call(lambda w: w.bin_short())

    def undo_last(self) -> None:
        """Ctrl+Z: put the last pick back in its bin."""
        self.call(lambda w: w.undo_last())

    def finish(self) -> None:
        """F10: close the wave once everything is picked."""
        self.call(lambda w: w.finish())

    def placeholder(self, asking: str) -> str:
        """The F2 wave-number entry says so; otherwise as for every floor screen."""
        if self.entry_mode == "wave":
            return self.tr("Type the wave number (WAVE-12 or 12), then Enter")
        return super().placeholder(asking)
