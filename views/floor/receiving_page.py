"""Receiving at the dock: scan the purchase order (or type its number with F2), then every
product or case; the screen shows what is expected and what came, flashes and sounds every
scan, asks a supervisor when more arrives than the order allows, and sums the receipt up."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QWidget

from app.ops import floor as ops
from app.ops import receiving as receiving_ops
from app.workspace import Workspace
from models.feedback import Feedback, Level
from models.floor import FloorView
from models.receiving.batch_file import ReplayResult
from views.floor.batch_results import BatchResultsDialog
from views.floor.reason import ReasonDialog
from views.floor.receipt_outputs import ReceiptOutputs
from views.floor.screen import FloorScreen
from views.floor.summary import SummaryDialog

if TYPE_CHECKING:
    from models.receiving import ReceiptSummary


class ReceivingPage(FloorScreen):
    """The receiving screen; its workflow is models.receiving.ReceivingWorkflow."""

    #: Blind receiving for the next order opened (F6): ordered quantities stay hidden.
    blind = False
    #: "order" after F2 on an empty field: the next Enter opens that order number.
    entry_mode = ""
    _finishing = False  # F10's own summary is on its way: no second one from render()

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(workspace, title=QCoreApplication.translate("ReceivingPage",
                                                                      "Receiving"),
                         parent=parent)
        self.add_key("F2", self.tr("Open order"), self.open_order)
        self.add_key("F3", self.tr("Unplanned"), self.ask_unplanned)
        self.add_key("F6", self._blind_label(), self.toggle_blind)
        self.add_key("F8", self.tr("Damaged"), self.mark_damaged)
        self.add_key("Ctrl+Z", self.tr("Undo last scan"), self.undo_last)
        self.add_key("F9", self.tr("Approval"), self.ask_approval)
        self.add_key("F10", self.tr("Finish"), self.finish)
        self.add_key("F4", self.tr("Batch file"), self.replay_file)

    def workflow_factory(self) -> ops.WorkflowFactory:
        """A receiving workflow for the signed-in user at this workstation."""
        return ops.receiving(actor=self.workspace.actor, options=self.scan_options(),
                             blind=self.blind)

    # --- keys --------------------------------------------------------------------------------

    def open_order(self) -> None:
        """F2: open the order whose number is in the field, or ask for one."""
        number = self.entry.text().strip()
        if number:
            self.entry.clear()
            self._open(number)
            return
        self.entry_mode = "order"
        self.entry.setPlaceholderText(self.tr("Type the purchase order number, then Enter"))
        self.entry.setFocus()

    def _open(self, number: str) -> None:
        number = number.removeprefix("PO-").removeprefix("po-")
        self.call(lambda w: w.open_order(number))

    def enter(self, text: str) -> None:
        """Enter: an order number after F2, else what the workflow asks for."""
        if self.entry_mode == "order":
            self.entry_mode = ""
            self._open(text)
            return
        super().enter(text)

    def cancel(self) -> None:
        """Esc also leaves the order-number entry of F2."""
        self.entry_mode = ""
        super().cancel()

    def ask_unplanned(self) -> None:
        """F3: receive goods that came without an order, for a reason."""
        dialog = ReasonDialog(self.tr("Unplanned receipt"),
                              self.tr("Why are these goods received without a purchase order?"),
                              ask_supplier=True, parent=self)
        dialog.given.connect(self._start_unplanned)
        self.open_dialog(dialog)

    def _start_unplanned(self, reason: str, supplier: str) -> None:
        self.call(lambda w: w.start_unplanned(reason=reason, supplier_code=supplier or None))

    def toggle_blind(self) -> None:
        """F6: blind receiving on or off, for the order about to be opened."""
        if self.workflow is None:
            return
        ops.set_blind(workflow=self.workflow, blind=not self.blind) \
            .success(self._blind_set).failure(self.show_error) \
            .run_in_background(self.workspace.runner, parent=self)

    def _blind_set(self, result: tuple[bool, FloorView]) -> None:
        applied, view = result
        self.render(view)
        if not applied:
            self.show_feedback(Feedback.error(
                self.tr("Blind receiving is chosen before the order is opened"),
                self.tr("Finish this receipt first (F10)")))
            return
        self.blind = not self.blind
        self.set_key_label("F6", self._blind_label())
        self.show_feedback(Feedback.ok(
            self.tr("Blind receiving on: ordered quantities are hidden") if self.blind
            else self.tr("Blind receiving off: ordered quantities are shown")))

    def _blind_label(self) -> str:
        return self.tr("Blind: on") if self.blind else self.tr("Blind: off")

    def mark_damaged(self) -> None:
        """F8: the next scan goes to quarantine as damaged."""
        self.call(lambda w: w.mark_damaged())

    def undo_last(self) -> None:
        """Ctrl+Z: take the last scan back out of stock."""
        self.call(lambda w: w.undo_last())

    def finish(self) -> None:
        """F10: close the receipt and show what it brought in."""
        if self.workflow is None:
            return
        self._finishing = True
        ops.finish_receipt(workflow=self.workflow).success(self._finished) \
            .failure(self._finish_failed) \
            .run_in_background(self.workspace.runner, parent=self)

    def _finish_failed(self, error: BaseException) -> None:
        self._finishing = False
        self.show_error(error)

    def _finished(self, result: tuple[ReceiptSummary, FloorView]) -> None:
        summary, view = result
        self.render(view)
        self._finishing = False
        self.show_feedback(Feedback.ok(summary.message))
        self.show_summary(summary)

    def show_summary(self, summary: ReceiptSummary | None) -> None:
        """The receipt just finished, in a dialog (Enter closes it)."""
        if summary is not None:
            outputs = ReceiptOutputs(self.workspace, summary.receipt)
            self.open_dialog(SummaryDialog(summary, parent=self, outputs=outputs))

    def replay_file(self) -> None:
        """F4: replay a batch scanner's file into the open receipt."""
        if self.workflow is None:
            return
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Batch scanner file"), "", self.tr("Scanner files (*.txt *.csv);;"
                                                             "All files (*)"))
        if not path:
            return
        receiving_ops.replay_file(workflow=self.workflow, path=Path(path)) \
            .success(self._replayed).failure(self.show_error) \
            .run_in_background(self.workspace.runner, parent=self)

    def _replayed(self, result: tuple[list[ReplayResult], FloorView]) -> None:
        results, view = result
        self.render(view)
        refused = sum(r.level is Level.ERROR for r in results)
        self.show_feedback(Feedback(Level.WARNING if refused else Level.OK, self.tr(
            "Batch file: {ok} of {n} lines received.").format(ok=len(results) - refused,
                                                             n=len(results))))
        self.open_dialog(BatchResultsDialog(results, parent=self))

    def render(self, view: FloorView) -> None:
        """Also sums the receipt up when a scan of CMD-DONE finished it."""
        was_finished = self.view is not None and self.view.finished
        super().render(view)
        if view.finished and not was_finished and self.workflow is not None \
                and not self._finishing:
            ops.last_receipt(workflow=self.workflow).success(self.show_summary) \
                .run_in_background(self.workspace.runner, parent=self)

    def placeholder(self, asking: str) -> str:
        """The F2 order-number entry says so; otherwise as for every floor screen."""
        if self.entry_mode == "order":
            return self.tr("Type the purchase order number, then Enter")
        return super().placeholder(asking)
