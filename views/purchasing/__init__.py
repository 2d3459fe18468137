"""The Purchase orders page: order list and editor, suppliers, import and the printed order."""
