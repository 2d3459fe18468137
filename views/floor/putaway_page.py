"""Putaway from the receiving docks: scan an item on the dock, take it to the bin shown in
large type, scan the bin. A different bin needs a reason (F7, or typed when asked)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from app.ops import floor as ops
from app.workspace import Workspace
from models.feedback import Feedback
from views.floor.reason import ReasonDialog
from views.floor.screen import FloorScreen


class PutawayPage(FloorScreen):
    """The putaway screen; its workflow is models.putaway.PutawayWorkflow."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(workspace, title=QCoreApplication.translate("PutawayPage", "Putaway"),
                         parent=parent)
        self.add_key("F7", self.tr("Other bin (reason)"), self.ask_override)

    def workflow_factory(self) -> ops.WorkflowFactory:
        """A putaway workflow over every warehouse's docks."""
        return ops.putaway(actor=self.workspace.actor, options=self.scan_options())

    def ask_override(self) -> None:
        """F7: put the item in the bin just scanned instead of the suggested one."""
        if self.view is None or self.view.asking != "reason":
            self.show_feedback(Feedback.warning(
                self.tr("Scan the item, then the bin you want to use, then F7")))
            return
        dialog = ReasonDialog(self.tr("Other bin"),
                              self.tr("Why does the item go to this bin instead of the "
                                      "suggested one?"), parent=self)
        dialog.given.connect(lambda reason, _supplier: self.call(lambda w: w.override(reason)))
        self.open_dialog(dialog)

    def refresh(self) -> None:
        """F5: read what waits on the docks again."""
        if self.workflow is None:
            return
        ops.reload_tasks(workflow=self.workflow).success(self.render) \
            .failure(self.show_error).run_in_background(self.workspace.runner, parent=self)
