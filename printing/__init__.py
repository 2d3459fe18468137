"""Label and document layouts and their renderers (ZPL, TSPL, PDF); no Qt."""
