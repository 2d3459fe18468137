"""Counting bins for a stocktake: scan the count sheet (COUNT-<n>, or F2 with its number),
then a bin, then everything in it; the bin is blocked for moves while it is counted. F8 says
the bin is empty, F10 finishes it, Ctrl+Z takes the last scan back. Counts are blind unless
the plan says otherwise: the screen shows what was counted, not what was expected."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QTableWidgetItem, QWidget

from app.ops import counting as counting_ops
from app.ops import floor as ops
from app.workspace import Workspace
from models.feedback import Feedback, Level
from models.floor import FloorView
from models.receiving.batch_file import ReplayResult
from views.floor.batch_results import BatchResultsDialog
from views.floor.screen import FloorScreen


def count_number(text: str) -> int | None:
    """The count id in what was typed: "12", "COUNT-12" or "count-12"; None if none."""
    text = text.strip().upper().removeprefix("COUNT-")
    return int(text) if text.isdigit() else None


class CountingPage(FloorScreen):
    """The counting screen; its workflow is models.counting.CountingWorkflow."""

    #: "count" after F2 on an empty field: the next Enter opens that count number.
    entry_mode = ""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(workspace, title=QCoreApplication.translate("CountingPage",
                                                                      "Counting"),
                         parent=parent)
        # A count has no damaged column; what is done in a bin is what was counted.
        self.table.setHorizontalHeaderItem(3, QTableWidgetItem(self.tr("Counted")))
        self.table.setColumnHidden(4, True)
        self.add_key("F2", self.tr("Open count"), self.open_count)
        self.add_key("F8", self.tr("Bin empty"), self.bin_empty)
        self.add_key("F10", self.tr("Finish bin"), self.finish_bin)
        self.add_key("Ctrl+Z", self.tr("Undo last scan"), self.undo_last)
        self.add_key("F4", self.tr("Batch file"), self.replay_file)

    def workflow_factory(self) -> ops.WorkflowFactory:
        """A counting workflow for the signed-in user at this workstation."""
        return counting_ops.counting(actor=self.workspace.actor, options=self.scan_options())

    # --- keys --------------------------------------------------------------------------------

    def open_count(self) -> None:
        """F2: open the count whose number is in the field, or ask for one."""
        text = self.entry.text().strip()
        if text:
            self.entry.clear()
            self._open(text)
            return
        self.entry_mode = "count"
        self.entry.setPlaceholderText(self.placeholder(""))
        self.entry.setFocus()

    def _open(self, text: str) -> None:
        number = count_number(text)
        if number is None:
            self.show_feedback(Feedback.error(
                self.tr("{text} is no count number").format(text=text),
                self.tr("Type the number on the count sheet (COUNT-12 or 12)")))
            return
        self.call(lambda w: w.open_count(number))

    def enter(self, text: str) -> None:
        """Enter: a count number after F2, else what the workflow asks for."""
        if self.entry_mode == "count":
            self.entry_mode = ""
            self._open(text)
            return
        super().enter(text)

    def cancel(self) -> None:
        """Esc also leaves the count-number entry of F2."""
        self.entry_mode = ""
        super().cancel()

    def bin_empty(self) -> None:
        """F8: the bin being counted holds nothing."""
        self.call(lambda w: w.bin_empty())

    def finish_bin(self) -> None:
        """F10: the bin is counted; it is unblocked and may go to a recount."""
        self.call(lambda w: w.finish_bin())

    def undo_last(self) -> None:
        """Ctrl+Z: take the last scan back off the count."""
        self.call(lambda w: w.undo_last())

    def replay_file(self) -> None:
        """F4: replay a batch scanner's file (bins and items) into the open count."""
        if self.workflow is None:
            return
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Batch scanner file"), "", self.tr("Scanner files (*.txt *.csv);;"
                                                             "All files (*)"))
        if path:
            self.replay_path(Path(path))

    def replay_path(self, path: Path) -> None:
        """Replay the batch file at `path`, then list every line's result."""
        if self.workflow is None:
            return
        counting_ops.replay_file(workflow=self.workflow, path=path) \
            .success(self._replayed).failure(self.show_error) \
            .run_in_background(self.workspace.runner, parent=self)

    def _replayed(self, result: tuple[list[ReplayResult], FloorView]) -> None:
        results, view = result
        self.render(view)
        refused = sum(r.level is Level.ERROR for r in results)
        self.show_feedback(Feedback(Level.WARNING if refused else Level.OK, self.tr(
            "Batch file: {ok} of {n} lines counted.").format(ok=len(results) - refused,
                                                            n=len(results))))
        self.open_dialog(BatchResultsDialog(results, parent=self))

    def render(self, view: FloorView) -> None:
        """A count's progress is in bins, and a blind count still shows the units counted."""
        super().render(view)
        self.lines_progress.setText(self.tr("Bins {done} / {total}").format(
            done=view.done_lines, total=view.total_lines))
        if view.total_units is None and view.done_units:
            self.units_progress.setText(self.tr("Counted {n}").format(n=view.done_units))
            self.units_progress.setVisible(True)

    def placeholder(self, asking: str) -> str:
        """The F2 count-number entry says so; otherwise as for every floor screen."""
        if self.entry_mode == "count":
            return self.tr("Type the count number (COUNT-12 or 12), then Enter")
        return super().placeholder(asking)
