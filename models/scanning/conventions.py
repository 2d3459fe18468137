"""WareDesk's own barcode conventions: document numbers and workflow commands.

Every document WareDesk prints carries its number behind a reserved prefix, and the command
sheet carries one barcode per command. The prefixes use only capital letters, digits, `-` and
`+`, which every scanner and Code 128 printer handles; no product or location barcode should
start with them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum


class DocumentKind(StrEnum):
    """The documents a floor worker scans to start or continue a task."""

    PURCHASE_ORDER = "purchase_order"
    SALES_ORDER = "sales_order"
    WAVE = "wave"
    TOTE = "tote"
    COUNT = "count"


DOCUMENT_PREFIXES: dict[str, DocumentKind] = {
    "PO-": DocumentKind.PURCHASE_ORDER,
    "SO-": DocumentKind.SALES_ORDER,
    "WAVE-": DocumentKind.WAVE,
    "TOTE-": DocumentKind.TOTE,
    "COUNT-": DocumentKind.COUNT,
}
def is_reserved(code: str) -> bool:
    """True when a barcode starts like a WareDesk document or command (case as scanned: the
    interpreter reads these prefixes in capitals only)."""
    return code.startswith((*DOCUMENT_PREFIXES, COMMAND_PREFIX))


RESERVED_MESSAGE = ("must not start with PO-, SO-, WAVE-, TOTE-, COUNT- or CMD-: WareDesk "
                    "keeps those for its documents and commands")
_DOCUMENT_NUMBER = re.compile(r"^[0-9A-Z][0-9A-Z-]{0,39}$")


class CommandKind(StrEnum):
    """What a command barcode tells the active workflow."""

    DONE = "done"
    CANCEL = "cancel"
    ADD_QUANTITY = "add_quantity"
    BIN_EMPTY = "bin_empty"
    UNDO = "undo"
    DAMAGED = "damaged"


COMMAND_PREFIX = "CMD-"
_FIXED_COMMANDS = {"CMD-DONE": CommandKind.DONE, "CMD-CANCEL": CommandKind.CANCEL,
                   "CMD-EMPTY": CommandKind.BIN_EMPTY, "CMD-UNDO": CommandKind.UNDO,
                   "CMD-DAMAGED": CommandKind.DAMAGED}
_ADD = re.compile(r"^CMD-QTY\+([1-9][0-9]{0,3})$")
MAX_ADD_QUANTITY = 9999


@dataclass(frozen=True)
class Command:
    """A workflow command; `quantity` is the n of "quantity +n"."""

    kind: CommandKind
    quantity: int = 0

    @property
    def code(self) -> str:
        """The barcode data that means this command."""
        if self.kind is CommandKind.ADD_QUANTITY:
            return f"CMD-QTY+{self.quantity}"
        return next(code for code, kind in _FIXED_COMMANDS.items() if kind is self.kind)


@dataclass(frozen=True)
class DocumentRef:
    """A document number read from its barcode."""

    kind: DocumentKind
    number: str

    @property
    def code(self) -> str:
        """The barcode data of this document."""
        prefix = next(p for p, kind in DOCUMENT_PREFIXES.items() if kind is self.kind)
        return prefix + self.number


def read_command(text: str) -> Command | str | None:
    """The command in `text`; None when it is no command; a reason when it is a broken one."""
    if not text.upper().startswith(COMMAND_PREFIX):
        return None
    code = text.upper()
    if code in _FIXED_COMMANDS:
        return Command(_FIXED_COMMANDS[code])
    added = _ADD.match(code)
    if added:
        return Command(CommandKind.ADD_QUANTITY, int(added.group(1)))
    return (f"'{text}' looks like a command barcode but is not one WareDesk knows; "
            "print a new command sheet (waredesk scan sheet)")


def read_document(text: str) -> DocumentRef | str | None:
    """The document in `text`; None when it is no document; a reason when it is malformed."""
    upper = text.upper()
    for prefix, kind in DOCUMENT_PREFIXES.items():
        if upper.startswith(prefix):
            number = upper[len(prefix):]
            if not _DOCUMENT_NUMBER.match(number):
                return (f"'{text}' starts like a {kind.replace('_', ' ')} barcode but "
                        f"'{number}' is not a document number")
            return DocumentRef(kind, number)
    return None


@dataclass(frozen=True)
class SheetEntry:
    """One barcode of the printed command sheet: its data and its caption."""

    code: str
    caption: str
    caption_zh: str


def command_sheet() -> list[SheetEntry]:
    """The commands printed on the command sheet, in the order a worker looks for them."""
    return [
        SheetEntry("CMD-DONE", "Done", "完成"),
        SheetEntry("CMD-CANCEL", "Cancel", "取消"),
        SheetEntry("CMD-EMPTY", "Bin empty", "货位已空"),
        SheetEntry("CMD-UNDO", "Undo last scan", "撤销上次扫描"),
        SheetEntry("CMD-DAMAGED", "Next scan damaged", "下次扫描为破损"),
        *(SheetEntry(Command(CommandKind.ADD_QUANTITY, n).code, f"Quantity +{n}",
                     f"数量 +{n}") for n in (1, 5, 10, 12, 24, 100)),
    ]
