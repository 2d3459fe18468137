"""Packing and verification: scan a picked order's items, weigh it, ship it."""
