"""Printing through the print log, without Qt: a job is recorded, rendered and sent chunk
by chunk with progress and cancel, and ends sent, failed (retry later) or cancelled. The
command line and the Printing page both use it."""
