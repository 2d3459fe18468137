"""Returns (退货入库): scan the returned parcel's tracking number or the order number, then its
items; the screen shows what was shipped and what came back. F2 restocks the units waiting
(scan the bin, or Enter for the suggested one), F3 quarantines them, F4 scraps them (F9: a
supervisor approves); each asks why: 1-5 from the list, or type the reason. Ctrl+Z reverses
the last step."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QTableWidgetItem, QWidget

from app.ops import floor as ops
from app.workspace import Workspace
from views.floor.screen import FloorScreen


class ReturnsPage(FloorScreen):
    """The returns screen; its workflow is models.returns.workflow.ReturnsWorkflow."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(workspace, title=QCoreApplication.translate("ReturnsPage", "Returns"),
                         parent=parent)
        self.table.setHorizontalHeaderItem(2, QTableWidgetItem(self.tr("Shipped")))
        self.table.setHorizontalHeaderItem(3, QTableWidgetItem(self.tr("Returned")))
        self.table.setColumnHidden(4, True)
        self.add_key("F2", self.tr("Restock"), self.restock)
        self.add_key("F3", self.tr("Quarantine"), self.quarantine)
        self.add_key("F4", self.tr("Scrap"), self.scrap)
        self.add_key("F9", self.tr("Approval"), self.ask_approval)
        self.add_key("Ctrl+Z", self.tr("Undo last step"), self.undo_last)

    def workflow_factory(self) -> ops.WorkflowFactory:
        """A returns workflow for the signed-in user at this workstation."""
        return ops.returns(actor=self.workspace.actor, options=self.scan_options())

    def restock(self) -> None:
        """F2: the units waiting go back to a shelf."""
        self.call(lambda w: w.restock())

    def quarantine(self) -> None:
        """F3: the units waiting go to quarantine."""
        self.call(lambda w: w.quarantine())

    def scrap(self) -> None:
        """F4: the units waiting are scrapped."""
        self.call(lambda w: w.scrap())

    def undo_last(self) -> None:
        """Ctrl+Z: reverse the last step."""
        self.call(lambda w: w.undo_last())

    def submit_entry(self) -> None:
        """Enter: an empty field takes the suggested bin when a bin is asked for."""
        if not self.entry.text().strip() and self.view is not None \
                and self.view.asking == "bin":
            self.enter("")
            return
        super().submit_entry()

    def placeholder(self, asking: str) -> str:
        """The reason and the bin; else as every floor screen."""
        texts = {
            "reason": self.tr("Type 1-5 from the list, or the reason in words, then Enter"),
            "bin": self.tr("Scan the bin to restock to, or Enter for the suggested one"),
        }
        return texts.get(asking) or super().placeholder(asking)
