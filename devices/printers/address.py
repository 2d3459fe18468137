"""Printer addresses as a person types them, parsed into one form every transport takes.

    tcp://192.168.1.50           a network printer on its raw port (9100 unless given)
    tcp://printer-3:9101
    serial:/dev/ttyUSB0?baud=9600  a serial or USB-serial printer (any pyserial URL: COM3,
    serial:loop://                 loop://, socket://host:port)
    queue:Zebra_GK420d           the system print queue of that name (CUPS or Windows)
    folder:/srv/labels           one file per job in that folder
    memory:test                  an in-memory printer (tests and demos)
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qsl

from devices.errors import DeviceError

KINDS = ("tcp", "serial", "queue", "folder", "memory")
RAW_PORT = 9100
BAUD_RATES = (1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200)
_SERIAL_OPTIONS = {"baud"}

EXAMPLES = ("tcp://192.168.1.50:9100, serial:/dev/ttyUSB0?baud=9600, queue:NAME, "
            "folder:/path/to/folder")


class BadAddress(DeviceError):
    """A printer address that cannot be used; the message shows a correct one."""


@dataclass(frozen=True)
class PrinterAddress:
    """Where a printer is: `kind` is one of KINDS; `target` the host, port URL, queue name or
    folder; `port` the TCP port; `baudrate` for serial printers."""

    kind: str
    target: str
    port: int = RAW_PORT
    baudrate: int = 9600

    def __str__(self) -> str:
        if self.kind == "tcp":
            return f"tcp://{self.target}:{self.port}"
        if self.kind == "serial":
            return f"serial:{self.target}?baud={self.baudrate}"
        return f"{self.kind}:{self.target}"


def parse_address(text: str) -> PrinterAddress:
    """The address written in `text`; BadAddress says what is wrong and shows examples."""
    text = text.strip()
    kind, sep, rest = text.partition(":")
    kind = kind.lower()
    if not sep or kind not in KINDS:
        raise BadAddress(f"'{text}' is not a printer address. Write one of: {EXAMPLES}.")
    if kind == "tcp":
        return _tcp(text, rest)
    if kind == "serial":
        return _serial(text, rest)
    if not rest.strip():
        what = {"queue": "the queue's name", "folder": "a folder", "memory": "a name"}[kind]
        raise BadAddress(f"'{text}': write {what} after '{kind}:'.")
    return PrinterAddress(kind, rest.strip())


def _tcp(text: str, rest: str) -> PrinterAddress:
    host_port = rest.removeprefix("//").rstrip("/")
    if not host_port:
        raise BadAddress(f"'{text}': write the printer's host name or IP address, for example "
                         "tcp://192.168.1.50:9100.")
    if host_port.startswith("["):  # [IPv6]:port
        host, _, tail = host_port[1:].partition("]")
        port_text = tail.removeprefix(":")
    else:
        host, _, port_text = host_port.rpartition(":") if ":" in host_port else (
            host_port, "", "")
    if not host:
        raise BadAddress(f"'{text}': the host name is missing.")
    port = RAW_PORT
    if port_text:
        if not port_text.isdigit() or not 1 <= int(port_text) <= 65535:
            raise BadAddress(f"'{text}': the port is a number from 1 to 65535 (label printers "
                             "listen on 9100).")
        port = int(port_text)
    return PrinterAddress("tcp", host, port=port)


def _serial(text: str, rest: str) -> PrinterAddress:
    port, baudrate = rest, 9600
    head, sep, query = rest.rpartition("?")
    if sep:
        options = dict(parse_qsl(query, keep_blank_values=True))
        # A query of our own options only; otherwise it belongs to a pyserial URL.
        if options and set(options) <= _SERIAL_OPTIONS:
            port = head
            value = options["baud"]
            if not value.isdigit() or int(value) not in BAUD_RATES:
                raise BadAddress(f"'{text}': the speed is one of "
                                 f"{', '.join(map(str, BAUD_RATES))} baud.")
            baudrate = int(value)
    if not port.strip():
        raise BadAddress(f"'{text}': write the port after 'serial:', for example "
                         "serial:/dev/ttyUSB0?baud=9600 or serial:COM3.")
    return PrinterAddress("serial", port.strip(), baudrate=baudrate)
