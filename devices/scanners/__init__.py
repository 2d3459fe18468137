"""Barcode scanners: keyboard wedge decoding, serial and network scanners."""
