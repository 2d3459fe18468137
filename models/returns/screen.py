"""What the returns screen shows: the order on the returns table (what was shipped, what came
back and what waits for a disposition), the question being asked and what to do next."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from models.entities import ReturnStepKind
from models.floor import FloorLine, FloorView
from models.returns.orders import ReturnItem
from models.returns.reasons import REASON_MENU
from models.returns.units import Unit

if TYPE_CHECKING:
    from models.returns.workflow import ReturnsWorkflow

CHOICE_TEXTS = {ReturnStepKind.RESTOCK: "Restock", ReturnStepKind.QUARANTINE: "Quarantine",
                ReturnStepKind.SCRAP: "Scrap"}


@dataclass(frozen=True)
class ReturnState:
    """The order on the returns table after the last call."""

    order_id: int
    number: str
    shop: str
    tracking: str
    warehouse_id: int
    returns_code: str
    return_id: int | None
    items: tuple[ReturnItem, ...]
    focus: int | None = None  # the product the last scan touched

    @property
    def waiting(self) -> Unit | None:
        """The units to dispose of next (of one product and lot, or one serial-tracked
        unit), the focused product first."""
        ordered = sorted(self.items, key=lambda i: i.product_id != self.focus)
        for item in ordered:
            if item.waiting_serials:
                serial, lot = item.shipped_serials[item.waiting_serials[0]]
                return Unit(item, lot, 1, item.waiting_serials[0], serial)
            for lot, qty in item.pending.items():
                if qty > 0:
                    return Unit(item, lot, qty)
        return None

    @property
    def all_back(self) -> bool:
        """True when every unit shipped has come back."""
        return all(i.left <= 0 for i in self.items)


def prompt_for(state: ReturnState) -> str:
    """What to do next with the order on the table."""
    group = state.waiting
    if group is not None:
        return f"{group.label} ×{group.qty}: F2 restock, F3 quarantine or F4 scrap"
    if state.all_back:
        return "Everything is back: scan the next parcel"
    return "Scan a returned item, or the next parcel"


SERIAL_PROMPT = "Scan or type the serial number"


def undo_prompt(what: str) -> str:
    """The prompt while the undo of a scrap waits for a supervisor."""
    return f"Undo the scrap of {what}: supervisor approval (F9) or cancel (Esc)"


def bin_prompt(suggested: str) -> str:
    """The prompt while the restock bin is asked."""
    return f"Scan the bin (Enter: {suggested})" if suggested else "Scan the bin to restock to"


def returns_view(flow: ReturnsWorkflow) -> FloorView:
    """What the returns screen shows now."""
    state = flow.state
    recent = tuple(flow.recent)
    if state is None:
        return FloorView(title="Returns", prompt="Scan the parcel's tracking number or the "
                         "order number", recent=recent)
    group = state.waiting
    lines = tuple(FloorLine(sku=i.sku, name=i.name, expected=i.shipped, done=i.returned,
                            detail=_detail(i), current=group is not None and group.item is i)
                  for i in state.items)
    title = f"Return of order {state.number}"
    if state.return_id is not None:
        title += f" · RMA-{state.return_id}"
    current = ""
    if group is not None:
        serial = f" {group.serial}" if group.serial else ""
        current = f"At {state.returns_code}: {group.item.sku} {group.item.name}{serial} " \
                  f"×{group.qty}"
    prompt = prompt_for(state)
    asking = flow.asking
    if asking == "reason":
        prompt = f"Why? {REASON_MENU}"
    elif asking == "bin":
        prompt = bin_prompt(flow.suggested_bin)
    elif asking == "serial":
        prompt = SERIAL_PROMPT
    elif asking == "approval" and flow.undo_what:
        prompt = undo_prompt(flow.undo_what)
    elif asking == "approval" and group is not None:
        prompt = f"Scrap {group.label} ×{group.qty}: supervisor approval (F9) or cancel (Esc)"
    markers = []
    if flow.choice:
        markers.append(CHOICE_TEXTS[ReturnStepKind(flow.choice)])
    if flow.reason:
        markers.append(flow.reason)
    if flow.pending_qty is not None:
        markers.append(f"Quantity {flow.pending_qty}")
    return FloorView(
        title=title, prompt=prompt, lines=lines, recent=recent, current=current,
        done_lines=sum(i.left <= 0 for i in state.items), total_lines=len(state.items),
        done_units=sum(i.returned for i in state.items),
        total_units=sum(i.shipped for i in state.items), asking=asking,
        markers=tuple(markers), finished=state.all_back and group is None)


def _detail(item: ReturnItem) -> str:
    parts = []
    before = item.returned - item.received
    if before:
        parts.append(f"{before} returned before")
    if item.waiting:
        parts.append(f"{item.waiting} waiting")
    restocked, quarantined, scrapped = (item.disposed.get(kind, 0) for kind in (
        ReturnStepKind.RESTOCK, ReturnStepKind.QUARANTINE, ReturnStepKind.SCRAP))
    if restocked:
        parts.append(f"{restocked} restocked")
    if quarantined:
        parts.append(f"{quarantined} quarantined")
    if scrapped:
        parts.append(f"{scrapped} scrapped")
    return " · ".join(parts)
