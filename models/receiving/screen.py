"""What the receiving screen shows: the order's lines with ordered (unless blind) and received
units, progress, the last scans, and what to scan or type next."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from models.floor import FloorLine, FloorView
from models.receiving.receipts import ScanRecord

if TYPE_CHECKING:
    from models.receiving.workflow import ReceivingWorkflow

_PROMPTS = {
    "lot": "Scan or type the lot number of {sku}",
    "expiry": "Type the expiry date of {sku} (2027-03-31)",
    "serial": "Scan the serial number of {sku}",
    "approval": "Over-receipt of {sku}: supervisor approval (F9) or cancel (Esc)",
}


class ScanTotals:
    """Running totals of a receipt's scans, so drawing the screen costs the same at the
    thousandth scan as at the first."""

    def __init__(self, scans: Iterable[ScanRecord] = ()) -> None:
        self.good: dict[int, int] = {}  # order line -> good units
        self.damaged: dict[int, int] = {}  # order line -> damaged units
        self.off_order: dict[int, list[int]] = {}  # product -> [good, damaged] not ordered
        self.details: dict[int, str] = {}  # product -> its last lot and expiry
        self.skus: dict[int, str] = {}
        for scan in scans:
            if not scan.undone:
                self.add(scan)

    def add(self, scan: ScanRecord, sign: int = 1) -> None:
        """Count a scan in (sign 1) or out again (sign -1, an undo)."""
        self.skus[scan.product_id] = scan.sku
        if scan.lot and sign > 0:
            self.details[scan.product_id] = f"lot {scan.lot}" + (
                f" · exp {scan.expiry}" if scan.expiry else "")
        if scan.order_line_id is None:
            totals = self.off_order.setdefault(scan.product_id, [0, 0])
            totals[1 if scan.damaged else 0] += sign * scan.qty
            return
        target = self.damaged if scan.damaged else self.good
        target[scan.order_line_id] = target.get(scan.order_line_id, 0) + sign * scan.qty


def receiving_view(flow: ReceivingWorkflow) -> FloorView:
    """The FloorView of a receiving workflow."""
    state = flow.state
    markers = tuple(m for m, on in ((f"Quantity {flow.pending_qty}", flow.pending_qty),
                                    ("Damaged → quarantine", flow.damaged)) if on)
    if state is None:
        summary = flow.last_summary
        return FloorView(
            title="Receiving" + (" (blind)" if flow.blind else ""),
            prompt="Scan a purchase order (F2 type its number, F3 without an order)",
            recent=tuple(flow.recent),
            current=summary.message if summary else "",
            finished=summary is not None, markers=markers)
    pending = flow.pending
    if flow.asking and pending is not None:
        prompt = _PROMPTS[flow.asking].format(sku=pending.sku)
    else:
        prompt = "Scan the next item" + (" (damaged)" if flow.damaged else "")
    totals = flow.totals
    last = flow.last_record
    good, damaged, off_order, details = (totals.good, totals.damaged, totals.off_order,
                                         totals.details)
    before = flow.received_before
    names = flow.product_names
    lines = []
    done_lines = done_units = 0
    for line in state.lines:
        done = before.get(line.id, 0) + good.get(line.id, 0)
        bad = damaged.get(line.id, 0)
        done_units += done + bad
        done_lines += done + bad >= line.ordered
        lines.append(FloorLine(
            sku=line.sku, name=line.name, expected=None if state.blind else line.ordered,
            done=done, damaged=bad, detail=details.get(line.product_id, ""),
            current=last is not None and last.order_line_id == line.id))
    skus = totals.skus
    for product_id, (done, bad) in off_order.items():
        done_units += done + bad
        lines.append(FloorLine(
            sku=skus[product_id], name=names.get(product_id, ""),
            expected=None if state.blind or state.order_id is None else 0, done=done,
            damaged=bad, detail=details.get(product_id, "") or (
                "not on the order" if state.order_id is not None else ""),
            current=last is not None and last.product_id == product_id
            and last.order_line_id is None))
    current = ""
    if last is not None:
        line = next((ln for ln in lines if ln.current), None)
        if line is not None:
            of = f" of {line.expected}" if line.expected is not None else " received"
            current = f"{line.sku} {line.name}: {line.done + line.damaged}{of}"
    title = state.order_code or f"Unplanned REC-{state.receipt_id} ({state.reason})"
    if state.supplier:
        title += f" · {state.supplier}"
    if state.blind:
        title += " · blind"
    total_units = None
    if not state.blind and state.order_id is not None:
        total_units = sum(ln.ordered for ln in state.lines)
    return FloorView(
        title=title, prompt=prompt, lines=tuple(lines), recent=tuple(flow.recent),
        current=current, done_lines=done_lines if state.order_id else len(lines),
        total_lines=len(state.lines) if state.order_id else len(lines),
        done_units=done_units, total_units=total_units, asking=flow.asking,
        markers=markers)
