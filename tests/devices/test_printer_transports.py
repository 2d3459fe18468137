"""Printer addresses and transports: the bytes of a job arrive exactly, through a loopback
network printer, a serial loop, a folder and the in-memory printer; `lp` is called right."""

from __future__ import annotations

import os
import shutil
import socket
import time

import pytest

from devices.printers.address import BadAddress, PrinterAddress, parse_address
from devices.printers.folder import FolderTransport
from devices.printers.memory import memory_printer
from devices.printers.system_queue import QueueTransport, lp_command
from devices.printers.transport import PrinterUnreachable, open_transport

JOB = "^XA^CI28^FO20,20^A0N,30,30^FD货架 A-01-03^FS^BY2^FO20,60^BCN,80^FDSKU-1^FS^XZ".encode()


@pytest.mark.parametrize(("text", "expected"), [
    ("tcp://192.168.1.50", PrinterAddress("tcp", "192.168.1.50", port=9100)),
    ("TCP://printer-3:9101/", PrinterAddress("tcp", "printer-3", port=9101)),
    ("tcp://[::1]:9100", PrinterAddress("tcp", "::1", port=9100)),
    ("serial:/dev/ttyUSB0?baud=19200", PrinterAddress("serial", "/dev/ttyUSB0",
                                                      baudrate=19200)),
    ("serial:COM3", PrinterAddress("serial", "COM3", baudrate=9600)),
    ("serial:loop://?logging=debug", PrinterAddress("serial", "loop://?logging=debug")),
    ("queue:Zebra_GK420d", PrinterAddress("queue", "Zebra_GK420d")),
    ("folder:/srv/labels", PrinterAddress("folder", "/srv/labels")),
])
def test_addresses_are_parsed(text, expected):
    assert parse_address(text) == expected


@pytest.mark.parametrize(("text", "says"), [
    ("192.168.1.50", "not a printer address"),
    ("http://x", "not a printer address"),
    ("tcp://", "host name or IP address"),
    ("tcp://host:99999", "1 to 65535"),
    ("tcp://host:abc", "1 to 65535"),
    ("serial:/dev/ttyUSB0?baud=1234", "9600"),
    ("serial:", "write the port"),
    ("queue:", "queue's name"),
    ("folder:  ", "a folder"),
])
def test_bad_addresses_say_what_is_wrong(text, says):
    with pytest.raises(BadAddress, match=says):
        parse_address(text)


def test_addresses_print_back_as_they_parse():
    for text in ("tcp://10.0.0.9:9100", "serial:/dev/ttyS1?baud=115200", "queue:Q"):
        assert str(parse_address(text)) == text


def test_network_printer_receives_the_exact_bytes_of_a_job(printer):
    transport = open_transport(parse_address(printer.address))
    transport.send(JOB, name="job-1", extension="zpl")
    assert printer.wait_for_jobs(1) == [JOB]


def test_large_job_arrives_whole(printer):
    job = JOB * 5000  # about 400 kB: many TCP segments
    open_transport(parse_address(printer.address)).send(job, name="big", extension="zpl")
    assert printer.wait_for_jobs(1)[0] == job


def test_switched_off_printer_fails_with_a_clear_reason(printer):
    printer.switch_off()
    transport = open_transport(parse_address(printer.address), timeout=1.0)
    with pytest.raises(PrinterUnreachable, match=r"connection refused.*switched on"):
        transport.send(JOB, name="j", extension="zpl")
    printer.switch_on()
    transport.send(JOB, name="j", extension="zpl")
    assert printer.wait_for_jobs(1) == [JOB]


def test_printer_that_never_takes_the_connection_times_out_instead_of_hanging():
    # A listening socket that never accepts: once its backlog is full, connects time out.
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(0)
    port = server.getsockname()[1]
    fillers = []
    for _ in range(4):
        filler = socket.socket()
        filler.setblocking(False)
        filler.connect_ex(("127.0.0.1", port))
        fillers.append(filler)
    started = time.monotonic()
    try:
        transport = open_transport(PrinterAddress("tcp", "127.0.0.1", port=port), timeout=0.5)
        with pytest.raises(PrinterUnreachable, match="no answer in time"):
            transport.send(JOB, name="j", extension="zpl")
    finally:
        for filler in fillers:
            filler.close()
        server.close()
    assert time.monotonic() - started < 3


def test_serial_printer_over_a_loop_receives_the_job():
    transport = open_transport(parse_address("serial:loop://?baud=9600"))
    transport.send(JOB, name="j", extension="zpl")
    # loop:// hands back what was written: the bytes that went down the line.
    assert transport.port.read(len(JOB) + 10) == JOB


@pytest.mark.skipif(os.name != "posix", reason="pseudo-terminals")
def test_serial_printer_on_a_pty_receives_the_job():
    from devices.sim.pty_port import PtyPort

    pty = PtyPort()
    try:
        open_transport(parse_address(f"serial:{pty.path}?baud=115200")).send(
            JOB, name="j", extension="zpl")
        got = b""
        deadline = time.monotonic() + 5
        while len(got) < len(JOB) and time.monotonic() < deadline:
            got += pty.read(0.1)
        assert got == JOB
    finally:
        pty.close()


def test_missing_serial_port_is_reported():
    transport = open_transport(parse_address("serial:/dev/ttyNOPE9?baud=9600"))
    with pytest.raises(PrinterUnreachable, match="cannot be opened"):
        transport.send(JOB, name="j", extension="zpl")


def test_folder_printer_writes_one_file_per_job(tmp_path):
    transport = open_transport(parse_address(f"folder:{tmp_path / 'out'}"))
    assert isinstance(transport, FolderTransport)
    transport.send(JOB, name="job 7/SKU", extension="zpl")
    transport.send(b"%PDF-1.4 second", name="job 7/SKU", extension="pdf")
    transport.send(JOB, name="job 7/SKU", extension="zpl")
    files = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert files == ["job_7_SKU-2.zpl", "job_7_SKU.pdf", "job_7_SKU.zpl"]
    assert (tmp_path / "out" / "job_7_SKU.zpl").read_bytes() == JOB


def test_folder_that_cannot_be_written_is_reported(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(PrinterUnreachable, match="cannot take the job"):
        open_transport(parse_address(f"folder:{blocker}/sub")).send(JOB, name="a",
                                                                    extension="zpl")


def test_memory_printer_keeps_jobs_and_can_go_offline():
    printer = memory_printer("transport-test")
    printer.jobs.clear()
    open_transport(parse_address("memory:transport-test")).send(JOB, name="a",
                                                                extension="zpl")
    assert printer.jobs == [JOB]
    printer.offline = True
    with pytest.raises(PrinterUnreachable, match="offline"):
        printer.send(JOB)
    printer.offline = False


def test_lp_command_for_raw_labels_and_for_pdf():
    assert lp_command("Zebra", raw=True, title="job 3") == [
        "lp", "-d", "Zebra", "-o", "raw", "-t", "job 3", "--", "-"]
    assert lp_command("Office", raw=False) == ["lp", "-d", "Office", "--", "-"]


@pytest.mark.skipif(shutil.which("lp") is not None, reason="CUPS is installed here")
def test_queue_without_cups_says_so():
    with pytest.raises(PrinterUnreachable, match="CUPS"):
        QueueTransport(PrinterAddress("queue", "Zebra")).send(JOB, name="a", extension="zpl")


@pytest.mark.skipif(shutil.which("lp") is None or shutil.which("lpstat") is None,
                    reason="no CUPS here")
def test_queue_with_cups_refuses_an_unknown_queue():
    with pytest.raises(PrinterUnreachable, match="refused"):
        QueueTransport(PrinterAddress("queue", "no-such-queue-waredesk")).send(
            JOB, name="a", extension="zpl")
