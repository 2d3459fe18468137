"""The device end of a pseudo-terminal pair: a program opens `path` as if it were a serial
port, the simulator reads and writes the other end. Unplugging closes the pair; replugging
opens a new one, and `link` (a fixed symlink, like /dev/serial/by-id/...) follows it."""

from __future__ import annotations

import os
import select
import tty
from pathlib import Path


class PtyPort:
    """A pseudo-terminal the simulator speaks through (POSIX only)."""

    def __init__(self, link: Path | None = None) -> None:
        self.link = link
        self._master = -1
        self._slave = -1
        self.device = ""
        self.plug()

    @property
    def path(self) -> str:
        """What a program opens: the fixed link when there is one, else the pty itself."""
        return str(self.link) if self.link else self.device

    @property
    def plugged(self) -> bool:
        """True while the pair is open."""
        return self._master >= 0

    def plug(self) -> None:
        """Open a new pair (the device is plugged in)."""
        if self.plugged:
            return
        self._master, self._slave = os.openpty()
        # Raw from the start: the terminal layer must not echo, or turn CR into LF, before
        # the program has opened and configured its end.
        tty.setraw(self._slave)
        tty.setraw(self._master)
        self.device = os.ttyname(self._slave)
        if self.link is not None:
            tmp = self.link.with_name(self.link.name + ".new")
            tmp.unlink(missing_ok=True)
            tmp.symlink_to(self.device)
            os.replace(tmp, self.link)

    def unplug(self) -> None:
        """Close the pair: the program's reads fail as with a pulled USB cable."""
        for fd in (self._master, self._slave):
            if fd >= 0:
                os.close(fd)
        self._master = self._slave = -1

    def write(self, data: bytes) -> None:
        """Send bytes to the program (nothing happens while unplugged)."""
        if self.plugged:
            os.write(self._master, data)

    def read(self, timeout: float) -> bytes:
        """Bytes the program sent, waiting up to `timeout`; b"" when none."""
        if not self.plugged:
            return b""
        try:
            ready, _, _ = select.select([self._master], [], [], timeout)
            return os.read(self._master, 4096) if ready else b""
        except OSError:
            return b""

    def close(self) -> None:
        """Unplug and remove the link."""
        self.unplug()
        if self.link is not None:
            self.link.unlink(missing_ok=True)
