"""The Printing page: choose a template, fill and preview it, adjust its layout, print on
this workstation's printers, and the print log with reprint and retry."""
