"""Scanners, scales and printer transports with their protocols; no Qt."""
