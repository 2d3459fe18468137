"""Simulated devices on pseudo-terminals and loopback sockets, for tests and hardware-free
demos: `waredesk sim scanner|scale ...` starts them."""
