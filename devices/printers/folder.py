"""A folder as a printer: each job becomes one file (for a print server that watches a
folder, for archiving, or to look at the output). Files appear whole: written, then renamed."""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable
from pathlib import Path

from devices.printers.address import PrinterAddress
from devices.printers.transport import PrinterUnreachable


class FolderTransport:
    """Writes jobs into folder:/path as NAME.EXT (a number added when the name is taken)."""

    can_ask = False

    def __init__(self, address: PrinterAddress) -> None:
        self.address = address
        self.folder = Path(address.target).expanduser()

    def send(self, data: bytes, *, name: str = "", extension: str = "bin") -> None:
        """Write one file."""
        stem = _safe(name) or time.strftime("job-%Y%m%d-%H%M%S")
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            path = self._free_path(stem, extension)
            tmp = path.with_name(path.name + ".part")
            tmp.write_bytes(data)
            os.replace(tmp, path)
        except OSError as exc:
            raise PrinterUnreachable(f"The folder {self.folder} cannot take the job: "
                                     f"{exc.strerror or exc}.") from None
        self.last_path = path

    def ask(self, command: bytes, *, complete: Callable[[bytes], bool],
            timeout: float) -> bytes:
        """A folder answers nothing."""
        return b""

    def _free_path(self, stem: str, extension: str) -> Path:
        path = self.folder / f"{stem}.{extension}"
        number = 2
        while path.exists():
            path = self.folder / f"{stem}-{number}.{extension}"
            number += 1
        return path


def _safe(name: str) -> str:
    """A file name from a job name: letters, digits, dot, dash and underscore only."""
    return re.sub(r"[^\w.-]+", "_", name, flags=re.ASCII).strip("._")[:80]
