"""Demo data a newcomer can try at once: a warehouse with zones and bins, a bilingual
catalogue with real-looking barcodes, and opening stock posted through the ledger."""

from models.demo.seeding import DemoSummary, product_count, seed_demo

__all__ = ["DemoSummary", "product_count", "seed_demo"]
