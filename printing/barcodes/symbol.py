"""One barcode symbol: its modules, quiet zones and the text a scanner will read back."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from models.errors import InputError
from printing.barcodes import code128, gs1
from printing.barcodes.datamatrix import datamatrix_matrix
from printing.barcodes.linear_ean import ean13_modules, upca_modules
from printing.barcodes.qr import qr_matrix

LINEAR = ("code128", "gs1-128", "ean13", "upca")
MATRIX = ("qr", "datamatrix", "gs1-datamatrix")
SYMBOLOGIES = LINEAR + MATRIX
# Quiet zones in modules: ISO/IEC 15417 (Code 128), GS1 General Specifications (EAN/UPC).
_QUIET = {"code128": (10, 10), "gs1-128": (10, 10), "ean13": (11, 7), "upca": (9, 9),
          "qr": (4, 4), "datamatrix": (2, 2), "gs1-datamatrix": (2, 2)}


@dataclass(frozen=True)
class Symbol:
    """A computed barcode. Linear symbols have `bars`; 2D symbols have `rows`."""

    symbology: str
    value: str  # as written in the template after substitution
    scan: str  # what a scanner sends (GS1: GS separators, no symbology prefix)
    human: str  # interpretation line
    bars: tuple[bool, ...] = ()
    rows: tuple[tuple[bool, ...], ...] = ()
    codewords: tuple[int, ...] = field(default=())  # Code 128 only

    @property
    def linear(self) -> bool:
        """True for 1D symbols."""
        return self.symbology in LINEAR

    @property
    def quiet(self) -> tuple[int, int]:
        """Quiet zone (left/right, or each side for 2D) in modules."""
        return _QUIET[self.symbology]

    @property
    def width_modules(self) -> int:
        """Width in modules with the quiet zones."""
        core = len(self.bars) if self.linear else len(self.rows[0])
        return core + sum(self.quiet)


@lru_cache(maxsize=8192)
def encode(symbology: str, value: str) -> Symbol:
    """Compute the symbol for the value; raises InputError when it cannot be encoded."""
    if symbology == "code128":
        words = code128.codewords(value)
        return Symbol(symbology, value, value, value, tuple(code128.modules(words)),
                      codewords=tuple(words))
    if symbology == "gs1-128":
        problem = gs1.gs1_problem(value)
        if problem:
            raise InputError(problem)
        words = code128.codewords(gs1.gs1_data(value))
        return Symbol(symbology, value, gs1.scan_text(value), gs1.human_readable(value),
                      tuple(code128.modules(words)), codewords=tuple(words))
    if symbology == "ean13":
        return Symbol(symbology, value, value, value, tuple(ean13_modules(value)))
    if symbology == "upca":
        return Symbol(symbology, value, value, value, tuple(upca_modules(value)))
    if symbology == "qr":
        return Symbol(symbology, value, value, value, rows=qr_matrix(value))
    if symbology == "datamatrix":
        return Symbol(symbology, value, value, value, rows=datamatrix_matrix(value))
    if symbology == "gs1-datamatrix":
        problem = gs1.gs1_problem(value)
        if problem:
            raise InputError(problem)
        return Symbol(symbology, value, gs1.scan_text(value), gs1.human_readable(value),
                      rows=datamatrix_matrix(gs1.gs1_data(value)))
    raise InputError(f"Unknown barcode type '{symbology}'; use one of {', '.join(SYMBOLOGIES)}.")
