"""Barcode symbols computed in WareDesk itself, so every output prints the same modules."""

from printing.barcodes.symbol import Symbol, encode

__all__ = ["Symbol", "encode"]
