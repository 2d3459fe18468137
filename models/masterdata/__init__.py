"""Master data: products, warehouses and locations; their validation, import and export."""
