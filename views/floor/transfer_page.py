"""Bin-to-bin transfers: scan the bin to take from, the items, then the bin to put them in;
each step shows on the screen in large type with its sound and colour."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from app.ops import floor as ops
from app.workspace import Workspace
from views.floor.screen import FloorScreen


class TransferPage(FloorScreen):
    """The transfer screen; its workflow is models.transfers.TransferWorkflow."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(workspace,
                         title=QCoreApplication.translate("TransferPage", "Transfers"),
                         parent=parent)

    def workflow_factory(self) -> ops.WorkflowFactory:
        """A transfer workflow for the signed-in user."""
        return ops.transfers(actor=self.workspace.actor, options=self.scan_options())
