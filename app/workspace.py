"""What every screen of a signed-in window works with."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from app.ops.accounts import SignedIn
from app.runner import Runner
from app.settings import Settings
from models.actor import Actor

if TYPE_CHECKING:
    from app.device_bridge import DeviceBridge
    from devices.sound import SoundPlayer


@dataclass
class Workspace:
    """The runner to do database work through, who is signed in, this workstation's settings,
    and the hooks the window offers its pages."""

    runner: Runner
    user: SignedIn
    settings: Settings
    database: str
    #: Show another page, with filter values for it: navigate("moves", {"sku": "A-1"}).
    navigate: Callable[[str, dict[str, str]], None] = field(default=lambda key, values: None)
    #: Called after the settings were saved with a new language: rebuild the window in it.
    on_language_changed: Callable[[], None] = field(default=lambda: None)
    #: Sign out and open the database the settings name now (a new URL or workstation).
    reopen: Callable[[], None] = field(default=lambda: None)
    #: This workstation's scanners and scale (None in tests that need none).
    devices: DeviceBridge | None = None
    #: Feedback sounds at this workstation's volume.
    sounds: SoundPlayer | None = None

    @property
    def actor(self) -> Actor:
        """The signed-in user, for the services' permission checks."""
        return self.user.actor
