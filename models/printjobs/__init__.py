"""The print log (every job, how it ended, retry and reprint) and the label templates
customised in the shared database. Rendering and sending live in `printing/` and `devices/`."""
