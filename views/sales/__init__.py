"""The Sales orders page: the order list and detail, manual entry, file import and shops."""
