"""Who is doing something, from where: passed to every service that changes data."""

from __future__ import annotations

import socket
from dataclasses import dataclass, field

from models.errors import PermissionDenied
from models.permissions import PERMISSION_DESCRIPTIONS, Perm


@dataclass(frozen=True)
class Actor:
    """A signed-in user at a workstation, with the permissions of their role."""

    user_id: int
    username: str
    workstation: str
    permissions: frozenset[Perm] = field(default_factory=frozenset)

    def can(self, perm: Perm) -> bool:
        """True when the user's role holds `perm`."""
        return perm in self.permissions

    def require(self, perm: Perm) -> None:
        """Raise PermissionDenied unless the user's role holds `perm`."""
        if perm not in self.permissions:
            raise PermissionDenied(
                f"{self.username} may not do this: it needs the permission "
                f"'{PERMISSION_DESCRIPTIONS[perm]}'."
            )


def default_workstation() -> str:
    """The machine's host name, the workstation name until the settings say otherwise."""
    return socket.gethostname() or "workstation"
