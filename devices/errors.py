"""Device errors: each message tells the worker what is wrong with which device and what to do."""

from __future__ import annotations


class DeviceError(Exception):
    """A device cannot do what was asked; the message is shown to the user as-is."""


class NotConnected(DeviceError):
    """The device's port is not open (unplugged, wrong port, used by another program)."""


class NoAnswer(DeviceError):
    """The device did not answer in time."""
