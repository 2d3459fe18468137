"""What the counting screen shows: the count, the bin being counted with what was counted in
it (and what was expected, unless the count is blind), progress over the count's locations,
the last scans, and what to scan or type next."""

from __future__ import annotations

from typing import TYPE_CHECKING

from models.floor import FloorLine, FloorView

if TYPE_CHECKING:
    from models.counting.workflow import CountingWorkflow

_PROMPTS = {
    "lot": "Scan or type the lot number of {sku}",
    "expiry": "Type the expiry date of {sku} (2027-03-31)",
    "serial": "Scan the serial number of {sku}",
}


def counting_view(flow: CountingWorkflow) -> FloorView:
    """The FloorView of a counting workflow."""
    count = flow.count
    markers = (f"Quantity {flow.pending_qty}",) if flow.pending_qty else ()
    if count is None:
        return FloorView(title="Counting", prompt="Scan the count sheet (COUNT-…)",
                         recent=tuple(flow.recent), markers=markers)
    done_bins, total_bins = flow.progress
    title = f"{count.code} · {count.title}"
    current = flow.current_bin
    if current is None:
        return FloorView(title=title, prompt="Scan a location of the count",
                         recent=tuple(flow.recent), current=flow.last_result,
                         done_lines=done_bins, total_lines=total_bins, markers=markers,
                         finished=total_bins > 0 and done_bins == total_bins)
    pending = flow.pending
    if flow.asking and pending is not None:
        prompt = _PROMPTS[flow.asking].format(sku=pending.sku)
    else:
        prompt = (f"Counting {current.code}: scan the items, then the next location "
                  "(CMD-DONE when done)")
    last = flow.last_line
    lines = []
    for line in flow.lines:
        # Blind: the counter sees only what they counted, not what the records expect.
        if count.blind and line.counted == 0:
            continue
        if not count.blind and line.counted == 0 and line.expected == 0:
            continue
        detail = " · ".join(part for part in (
            f"lot {line.lot}" if line.lot else "", f"SN {line.serial}" if line.serial else "")
            if part)
        lines.append(FloorLine(
            sku=line.sku, name=line.name, expected=None if count.blind else line.expected,
            done=line.counted, detail=detail, current=line.key == last))
    focus = next((ln for ln in lines if ln.current), None)
    shown = ""
    if focus is not None:
        of = f" of {focus.expected}" if focus.expected is not None else " counted"
        shown = f"{focus.sku} {focus.name}: {focus.done}{of}"
    return FloorView(
        title=title, prompt=prompt, lines=tuple(lines),
        recent=tuple(flow.recent), current=shown, done_lines=done_bins,
        total_lines=total_bins, done_units=sum(ln.counted for ln in flow.lines),
        total_units=None if count.blind else sum(ln.expected for ln in flow.lines),
        asking=flow.asking, markers=markers)
