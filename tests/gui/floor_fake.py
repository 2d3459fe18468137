"""A hand-written floor workflow for the generic screen's tests: counts scans of known codes
against a short list, with a quantity typed before a scan, and a lot question."""

from __future__ import annotations

from dataclasses import replace

from models.errors import InputError
from models.feedback import Feedback
from models.floor import FloorLine, FloorView


class CountingWorkflow:
    """Expects A-1 x 3 and B-2 x 2; 'BOOM' raises a domain error, as a failed call would."""

    def __init__(self) -> None:
        self.lines = [FloorLine("A-1", "Apple crate", 3, 0), FloorLine("B-2", "Banana box", 2, 0)]
        self.recent: list[str] = []
        self.quantity = 1
        self.asking = ""
        self.calls: list[str] = []

    def scan(self, raw: str, *, symbology: str | None = None) -> Feedback:
        self.calls.append(f"scan {raw}")
        if raw == "BOOM":
            raise InputError("The database refused the scan BOOM")
        for index, line in enumerate(self.lines):
            if line.sku == raw:
                qty, self.quantity = self.quantity, 1
                self.lines = [replace(other, current=False) for other in self.lines]
                self.lines[index] = replace(line, done=line.done + qty, current=True)
                self.recent.insert(0, f"{raw} × {qty}")
                return Feedback.ok(f"{raw}: {qty} counted", "Scan the next item")
        return Feedback.error(f"Unknown barcode {raw}", "Scan a product of this list")

    def enter(self, text: str) -> Feedback:
        self.calls.append(f"enter {text}")
        if text.isdigit():
            self.quantity = int(text)
            return Feedback.ok(f"Quantity {text} for the next scan")
        if text == "LOT?":
            self.asking = "lot"
            return Feedback.warning("Which lot?")
        return self.scan(text)

    def cancel(self) -> Feedback:
        self.calls.append("cancel")
        self.quantity, self.asking = 1, ""
        return Feedback.ok("Cancelled")

    def view(self) -> FloorView:
        current = next((line for line in self.lines if line.current), None)
        return FloorView(
            title="Counting crates", prompt="Scan a crate",
            lines=tuple(self.lines), recent=tuple(self.recent[:5]),
            current=f"{current.sku} {current.name}: {current.done} of {current.expected}"
            if current else "",
            done_lines=sum(1 for line in self.lines if line.done >= (line.expected or 0)),
            total_lines=len(self.lines), done_units=sum(line.done for line in self.lines),
            total_units=5, asking=self.asking,
            markers=(f"Quantity {self.quantity}",) if self.quantity > 1 else ())
