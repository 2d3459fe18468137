"""Suppliers and purchase orders: what goods are expected, from whom, at which warehouse."""
