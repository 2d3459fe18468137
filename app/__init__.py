"""Start-up, settings, operations for the GUI, and the `waredesk` command line."""
