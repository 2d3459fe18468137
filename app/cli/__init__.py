"""The `waredesk` command line: one module per family of commands."""
