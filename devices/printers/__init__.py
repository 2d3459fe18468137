"""Label and document printers: where the bytes go (transports) and what printers say back
(status). The bytes themselves come from `printing/`."""
