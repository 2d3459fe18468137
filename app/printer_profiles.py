"""This workstation's printers, kept in its local settings file under "printers": where each
printer is, the language it speaks, its resolution and media, and how its output is tuned
(darkness, offsets, copies, a printer font for Chinese)."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, fields
from typing import Any

from app.settings import Settings
from devices.errors import DeviceError
from devices.printers.address import PrinterAddress, parse_address
from models.errors import InputError, NotFound

KEY = "printers"
LANGUAGES = ("zpl", "tspl", "pdf")
DPIS = (203, 300)
_NAME = re.compile(r"^[\w][\w .-]{0,39}$")


@dataclass
class PrinterProfile:
    """One printer as this workstation uses it. Sizes and offsets are in millimetres;
    darkness is 0-30 (the ZPL scale; TSPL's 0-15 is half of it), None leaves the printer's
    own setting."""

    name: str
    address: str
    language: str = "zpl"
    dpi: int = 203
    media_width_mm: float = 50.0
    media_height_mm: float = 30.0
    darkness: int | None = None
    offset_x_mm: float = 0.0
    offset_y_mm: float = 0.0
    copies: int = 1
    #: A font stored in the printer that has Chinese glyphs (ZPL "E:SIMSUN.TTF", TSPL
    #: "TSS24.BF2"); empty: Chinese text is drawn by WareDesk's renderer.
    cjk_font: str = ""

    def target(self) -> PrinterAddress:
        """The parsed address; InputError when it cannot be used."""
        try:
            return parse_address(self.address)
        except DeviceError as exc:
            raise InputError(str(exc)) from None

    def problems(self) -> list[str]:
        """Every value that cannot work, as sentences."""
        found = []
        if not _NAME.match(self.name):
            found.append("The printer name is 1 to 40 letters, digits, spaces, dots or "
                         "dashes.")
        try:
            parse_address(self.address)
        except DeviceError as exc:
            found.append(str(exc))
        if self.language not in LANGUAGES:
            found.append(f"The language is one of {', '.join(LANGUAGES)}.")
        if self.dpi not in DPIS:
            found.append("The resolution is 203 or 300 dpi.")
        if not (5 <= self.media_width_mm <= 300 and 5 <= self.media_height_mm <= 2000):
            found.append("The media is 5 to 300 mm wide and 5 to 2000 mm long.")
        if self.darkness is not None and not 0 <= self.darkness <= 30:
            found.append("Darkness is 0 to 30 (or empty for the printer's own setting).")
        if not (-50 <= self.offset_x_mm <= 50 and -50 <= self.offset_y_mm <= 50):
            found.append("Offsets are -50 to 50 mm.")
        if not 1 <= self.copies <= 999:
            found.append("Copies are 1 to 999.")
        return found


@dataclass
class PrinterSettings:
    """Every printer of this workstation and the one used when none is named."""

    profiles: list[PrinterProfile]
    default: str = ""

    def find(self, name: str | None) -> PrinterProfile:
        """The printer called `name` (the default one for None or "")."""
        name = name or self.default or (self.profiles[0].name if self.profiles else "")
        for profile in self.profiles:
            if profile.name.casefold() == name.casefold():
                return profile
        if not self.profiles:
            raise NotFound("No printer is set up on this workstation: add one with "
                           "`waredesk printer add NAME ADDRESS` or on the Printing page.")
        names = ", ".join(p.name for p in self.profiles)
        raise NotFound(f"There is no printer called '{name}' here (printers: {names}).")

    def put(self, profile: PrinterProfile) -> None:
        """Add `profile`, or replace the one of the same name; InputError lists problems."""
        found = profile.problems()
        if found:
            raise InputError(" ".join(found))
        self.profiles = [p for p in self.profiles
                         if p.name.casefold() != profile.name.casefold()]
        self.profiles.append(profile)
        self.profiles.sort(key=lambda p: p.name.casefold())
        if not self.default:
            self.default = profile.name

    def remove(self, name: str) -> PrinterProfile:
        """Take the printer called `name` away."""
        profile = self.find(name)
        self.profiles.remove(profile)
        if self.default.casefold() == profile.name.casefold():
            self.default = self.profiles[0].name if self.profiles else ""
        return profile

    @classmethod
    def of(cls, settings: Settings) -> PrinterSettings:
        """The printers in a workstation's settings (entries that cannot be read are left
        out: a settings file edited by hand must not stop the app)."""
        data = settings.extra.get(KEY)
        data = data if isinstance(data, dict) else {}
        profiles = [p for p in (_profile(item) for item in data.get("profiles", []))
                    if p is not None]
        default = data.get("default", "")
        return cls(profiles, default if isinstance(default, str) else "")

    def store(self, settings: Settings) -> None:
        """Put these printers into `settings` (the caller saves the file)."""
        settings.extra[KEY] = {"profiles": [asdict(p) for p in self.profiles],
                               "default": self.default}


def _profile(item: Any) -> PrinterProfile | None:
    if not isinstance(item, dict):
        return None
    known = {f.name for f in fields(PrinterProfile)}
    try:
        profile = PrinterProfile(**{k: v for k, v in item.items() if k in known})
    except TypeError:
        return None
    return None if profile.problems() else profile
