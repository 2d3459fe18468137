"""Waves of approved orders, their pick lists, and the picking workflow that moves the
reserved units from their bins to the packing location."""
