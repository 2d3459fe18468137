"""Packing and verification (扫描验货): scan the order's tote or number, then every item; the
screen shows what is left to scan and the expected weight. F5 reads a stable weight from this
workstation's scale (or type the weight in kg and Enter); F9 lets a supervisor approve a weight
outside the tolerance; Ctrl+Z takes the last item scan back. Once the order ships, its waybill
and packing slip go to this workstation's printers, or the screen says how to print them."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QTableWidgetItem, QWidget

from app.ops import floor as ops
from app.ops.shipping import print_shipping_documents
from app.printer_profiles import PrinterSettings
from app.workspace import Workspace
from models.feedback import Feedback
from models.floor import FloorView
from views.floor.screen import FloorScreen


class PackingPage(FloorScreen):
    """The packing screen; its workflow is models.packing.workflow.PackingWorkflow."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(workspace, title=QCoreApplication.translate("PackingPage", "Packing"),
                         parent=parent)
        # Where the last shipped order's documents went, one line each (tests read it).
        self.printed: list[str] = []
        self._printed_for: int | None = None
        self.table.setHorizontalHeaderItem(3, QTableWidgetItem(self.tr("Scanned")))
        self.table.setColumnHidden(4, True)
        self.set_key_label("F5", self.tr("Weigh"))
        self.add_key("F9", self.tr("Approval"), self.ask_approval)
        self.add_key("Ctrl+Z", self.tr("Undo last item"), self.undo_last)

    def workflow_factory(self) -> ops.WorkflowFactory:
        """A packing workflow for the signed-in user at this workstation."""
        return ops.packing(actor=self.workspace.actor, options=self.scan_options())

    def refresh(self) -> None:
        """F5: weigh the parcel on this workstation's scale (off the GUI thread)."""
        if self.workflow is None:
            return
        devices = self.workspace.devices
        scale = devices.scale if devices is not None else None
        if scale is None:
            self.show_feedback(Feedback.warning(
                self.tr("No scale is set up here: type the weight in kg, then Enter.")))
            return
        within = devices.settings.scale.stable_within_s if devices is not None else 5.0
        ops.weigh_on_scale(workflow=self.workflow, scale=scale, within_s=within) \
            .success(self._weighed).failure(self.show_error) \
            .run_in_background(self.workspace.runner, parent=self)

    def _weighed(self, result: tuple[Feedback, FloorView]) -> None:
        feedback, view = result
        self.render(view)
        self.show_feedback(feedback)

    def undo_last(self) -> None:
        """Ctrl+Z: take the last item scan back."""
        self.call(lambda w: w.undo_last())

    def placeholder(self, asking: str) -> str:
        """The weight, the waybill's number, a confirmation; else as every floor screen."""
        texts = {
            "weight": self.tr("F5 weighs on the scale, or type the weight in kg, then Enter"),
            "tracking": self.tr("Scan or type the waybill's tracking number, then Enter"),
            "confirm": self.tr("Enter confirms the parcel; F5 weighs again"),
        }
        return texts.get(asking) or super().placeholder(asking)

    def render(self, view: FloorView) -> None:
        """Show the view; once an order shipped, print its documents (once)."""
        super().render(view)
        workflow = self.workflow
        shipped = getattr(workflow, "shipped", None)
        if shipped is None or shipped.order_id == self._printed_for:
            return
        self._printed_for = shipped.order_id
        print_shipping_documents(
            actor=self.workspace.actor, printers=PrinterSettings.of(self.workspace.settings),
            order_id=shipped.order_id, number=shipped.number, weight_kg=shipped.weight_kg) \
            .success(self._printed).failure(self.show_error) \
            .run_in_background(self.workspace.runner, parent=self)

    def _printed(self, said: list[str]) -> None:
        self.printed = said
        self.markers.setText("\n".join(self.shown(line) for line in said))
        self.markers.setVisible(True)
