"""The operations of the floor screens: start a workflow (receiving, putaway, transfers) and
make each call of it on the runner's worker thread, returning the feedback together with the
view it leads to, so the screen renders state the call itself produced.

Workflows run their own transactions (models/floor.py), so these ops hand them the Database
and never open a session themselves. Each call is a change op announcing "stock": the stock
browser and move history refresh after a scan posted something.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from app.runner import Op, Progress
from models.actor import Actor
from models.db import Database
from models.feedback import Feedback
from models.floor import FloorView, FloorWorkflow
from models.scanning import ScanOptions

if TYPE_CHECKING:
    from devices.scales.scale import Scale
    from models.packing.workflow import PackingWorkflow
    from models.picking.workflow import PickingWorkflow
    from models.putaway import PutawayWorkflow
    from models.receiving import ReceiptSummary, ReceivingWorkflow
    from models.returns.workflow import ReturnsWorkflow
    from models.transfers import TransferWorkflow

W = TypeVar("W", bound=FloorWorkflow)
T = TypeVar("T")

#: Builds a workflow on the worker thread from the database (views hold one, never the
#: database itself).
WorkflowFactory = Callable[[Database], FloorWorkflow]

#: What a floor call touches: a scan may post stock moves.
FLOOR_CHANGES = frozenset({"stock"})


def start_workflow(*, create: Callable[[Database], W]) -> Op[tuple[W, FloorView]]:
    """A new workflow built on the worker (its constructor may read the database), with the
    view it starts from."""
    def work(db: Database, _progress: Progress) -> tuple[W, FloorView]:
        workflow = create(db)
        return workflow, workflow.view()
    return Op.query(work)


def call_workflow(*, workflow: W, call: Callable[[W], Feedback]
                  ) -> Op[tuple[Feedback, FloorView]]:
    """Make one call of a workflow (scan, enter, cancel, undo...) and return its feedback with
    the view after it."""
    def work(_db: Database, _progress: Progress) -> tuple[Feedback, FloorView]:
        feedback = call(workflow)
        return feedback, workflow.view()
    return Op.change(work, changes=FLOOR_CHANGES)


def ask_workflow(*, workflow: W, call: Callable[[W], T]) -> Op[tuple[T, FloorView]]:
    """A workflow call that answers with something other than feedback (a receipt summary),
    returned with the view after it."""
    def work(_db: Database, _progress: Progress) -> tuple[T, FloorView]:
        result = call(workflow)
        return result, workflow.view()
    return Op.change(work, changes=FLOOR_CHANGES)


def show_workflow(*, workflow: FloorWorkflow) -> Op[FloorView]:
    """The workflow's view now (F5: another workstation may have moved stock meanwhile)."""
    return Op.query(lambda _db, _progress: workflow.view())


# --- the three floor workflows --------------------------------------------------------------

def receiving(*, actor: Actor, options: ScanOptions | None = None,
              blind: bool = False) -> Callable[[Database], ReceivingWorkflow]:
    """How to build a receiving workflow for this actor and workstation."""
    def create(db: Database) -> ReceivingWorkflow:
        from models.receiving import ReceivingWorkflow
        return ReceivingWorkflow(db, actor, options=options, blind=blind)
    return create


def putaway(*, actor: Actor, options: ScanOptions | None = None,
            warehouse_id: int | None = None) -> Callable[[Database], PutawayWorkflow]:
    """How to build a putaway workflow."""
    def create(db: Database) -> PutawayWorkflow:
        from models.putaway import PutawayWorkflow
        return PutawayWorkflow(db, actor, options=options, warehouse_id=warehouse_id)
    return create


def transfers(*, actor: Actor, options: ScanOptions | None = None
              ) -> Callable[[Database], TransferWorkflow]:
    """How to build a bin-to-bin transfer workflow."""
    def create(db: Database) -> TransferWorkflow:
        from models.transfers import TransferWorkflow
        return TransferWorkflow(db, actor, options=options)
    return create


def picking(*, actor: Actor, options: ScanOptions | None = None
            ) -> Callable[[Database], PickingWorkflow]:
    """How to build a picking workflow."""
    def create(db: Database) -> PickingWorkflow:
        from models.picking.workflow import PickingWorkflow
        return PickingWorkflow(db, actor, options=options)
    return create


def packing(*, actor: Actor, options: ScanOptions | None = None
            ) -> Callable[[Database], PackingWorkflow]:
    """How to build a packing workflow."""
    def create(db: Database) -> PackingWorkflow:
        from models.packing.workflow import PackingWorkflow
        return PackingWorkflow(db, actor, options=options)
    return create


def returns(*, actor: Actor, options: ScanOptions | None = None
            ) -> Callable[[Database], ReturnsWorkflow]:
    """How to build a returns workflow."""
    def create(db: Database) -> ReturnsWorkflow:
        from models.returns.workflow import ReturnsWorkflow
        return ReturnsWorkflow(db, actor, options=options)
    return create


def weigh_on_scale(*, workflow: PackingWorkflow, scale: Scale, within_s: float
                   ) -> Op[tuple[Feedback, FloorView]]:
    """Read a stable weight from the workstation's scale (waiting up to `within_s` for the
    parcel to settle) and hand it to packing; a scale that does not answer is the error."""
    def call(w: PackingWorkflow) -> Feedback:
        from devices.errors import DeviceError
        try:
            kg = scale.read_stable(within_s=within_s).kilograms
        except DeviceError as exc:
            return Feedback.error(str(exc), "Weigh again (F5) or type the weight in kg")
        if kg is None:
            return Feedback.error("The scale shows no stable weight: let the parcel settle "
                                  "and weigh again (F5).")
        return w.weigh(kg)
    return call_workflow(workflow=workflow, call=call)


def finish_receipt(*, workflow: ReceivingWorkflow) -> Op[tuple[ReceiptSummary, FloorView]]:
    """Close the receipt (F10 or CMD-DONE): what was received, against what was ordered."""
    return ask_workflow(workflow=workflow, call=lambda w: w.finish())


def set_blind(*, workflow: ReceivingWorkflow, blind: bool) -> Op[tuple[bool, FloorView]]:
    """Turn blind receiving on or off for the next order opened: (whether it applied, the
    view). It does not apply while a receipt is open: that receipt was opened with or without
    the ordered quantities and stays so."""
    def work(_db: Database, _progress: Progress) -> tuple[bool, FloorView]:
        if workflow.state is not None:
            return False, workflow.view()
        workflow.blind = blind
        return True, workflow.view()
    return Op.query(work)


def last_receipt(*, workflow: ReceivingWorkflow) -> Op[ReceiptSummary | None]:
    """The summary of the receipt finished last (after CMD-DONE was scanned)."""
    return Op.query(lambda _db, _progress: workflow.last_summary)


def reload_tasks(*, workflow: PutawayWorkflow) -> Op[FloorView]:
    """Putaway's view with what waits on the docks read again."""
    def work(_db: Database, _progress: Progress) -> FloorView:
        workflow.tasks()
        return workflow.view()
    return Op.query(work)
