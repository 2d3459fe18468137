"""The serial ports this computer has, for the device settings to choose from."""

from __future__ import annotations

from dataclasses import dataclass

from serial.tools import list_ports


@dataclass(frozen=True)
class PortInfo:
    """A port's name to open and what the operating system says is behind it."""

    device: str
    description: str

    @property
    def label(self) -> str:
        """Name and description, for a drop-down list."""
        if self.description and self.description not in ("n/a", self.device):
            return f"{self.device} — {self.description}"
        return self.device


def available_ports() -> list[PortInfo]:
    """Serial ports present now (USB adapters appear when plugged in), sorted by name."""
    return sorted((PortInfo(p.device, p.description or "") for p in list_ports.comports()),
                  key=lambda p: p.device)
