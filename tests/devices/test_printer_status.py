"""Printer status: ~HS answers and the TSPL status byte parsed flag by flag, through the
simulated network printer; silence is UNKNOWN and an unreachable printer OFFLINE."""

from __future__ import annotations

import time

import pytest

from devices.printers.address import parse_address
from devices.printers.memory import memory_printer
from devices.printers.status import (
    TSPL_QUERY,
    Flag,
    State,
    parse_tspl_status,
    parse_zpl_host_status,
    query_status,
)
from devices.printers.transport import open_transport
from devices.sim.printer9100 import SimulatedState

# The answer of a Zebra GK420d with nothing wrong (three strings, STX ... ETX CR LF).
READY_HS = (b"\x02030,0,0,1218,000,0,0,0,000,0,0,0\x03\r\n"
            b"\x02001,0,0,0,1,2,4,0,00000000,1,000\x03\r\n"
            b"\x021234,0\x03\r\n")


def test_ready_zebra_answer():
    status = parse_zpl_host_status(READY_HS)
    assert status.state is State.READY
    assert status.flags == frozenset()
    assert status.labels_remaining == 0 and status.formats_in_buffer == 0


@pytest.mark.parametrize(("field", "flag", "state"), [
    ("paper_out", Flag.PAPER_OUT, State.PROBLEM),
    ("paused", Flag.PAUSED, State.BUSY),
    ("head_open", Flag.HEAD_OPEN, State.PROBLEM),
    ("ribbon_out", Flag.RIBBON_OUT, State.PROBLEM),
    ("buffer_full", Flag.BUFFER_FULL, State.BUSY),
])
def test_each_zpl_flag_is_read(field, flag, state):
    answer = SimulatedState(**{field: True}).zpl()
    status = parse_zpl_host_status(answer)
    assert status.flags == {flag}
    assert status.state is state


def test_zpl_labels_remaining_means_printing():
    status = parse_zpl_host_status(SimulatedState(labels_remaining=37).zpl())
    assert status.labels_remaining == 37
    assert status.flags == {Flag.PRINTING}
    assert status.state is State.BUSY


@pytest.mark.parametrize("answer", [b"", READY_HS[:40], b"\x02garbage\x03\x02x\x03\x02y\x03"])
def test_missing_or_short_zpl_answer_is_unknown(answer):
    assert parse_zpl_host_status(answer).state is State.UNKNOWN


@pytest.mark.parametrize(("byte", "flags", "state"), [
    (0x00, set(), State.READY),
    (0x01, {Flag.HEAD_OPEN}, State.PROBLEM),
    (0x02, {Flag.PAPER_JAM}, State.PROBLEM),
    (0x04, {Flag.PAPER_OUT}, State.PROBLEM),
    (0x08, {Flag.RIBBON_OUT}, State.PROBLEM),
    (0x10, {Flag.PAUSED}, State.BUSY),
    (0x20, {Flag.PRINTING}, State.BUSY),
    (0x40, {Flag.COVER_OPEN}, State.PROBLEM),
    (0x80, {Flag.OVER_TEMPERATURE}, State.PROBLEM),
    (0x0C, {Flag.RIBBON_OUT, Flag.PAPER_OUT}, State.PROBLEM),
])
def test_each_tspl_bit_is_read(byte, flags, state):
    status = parse_tspl_status(bytes([byte]))
    assert status.flags == flags
    assert status.state is state


def test_no_tspl_answer_is_unknown():
    assert parse_tspl_status(b"").state is State.UNKNOWN


def test_network_printer_reports_paper_out(printer):
    transport = open_transport(parse_address(printer.address))
    assert query_status(transport, "zpl").state is State.READY
    printer.state.paper_out = True
    status = query_status(transport, "zpl")
    assert status.state is State.PROBLEM and status.flags == {Flag.PAPER_OUT}
    printer.state.paper_out, printer.state.head_open = False, True
    assert query_status(transport, "tspl").flags == {Flag.HEAD_OPEN}
    assert printer.jobs == []  # questions are not printed


def test_printer_that_never_answers_times_out_as_unknown(printer):
    printer.silent = True
    transport = open_transport(parse_address(printer.address))
    started = time.monotonic()
    status = query_status(transport, "zpl", timeout=0.5)
    took = time.monotonic() - started
    assert status.state is State.UNKNOWN
    assert "no answer" in status.detail
    assert 0.4 < took < 3


def test_switched_off_printer_is_offline_not_ready(printer):
    printer.switch_off()
    status = query_status(open_transport(parse_address(printer.address), timeout=1), "zpl")
    assert status.state is State.OFFLINE
    assert "refused" in status.detail


def test_queue_folder_and_pdf_printers_are_unknown(tmp_path):
    folder = open_transport(parse_address(f"folder:{tmp_path}"))
    assert query_status(folder, "zpl").state is State.UNKNOWN
    assert query_status(open_transport(parse_address("queue:Q")), "tspl").state is \
        State.UNKNOWN
    assert query_status(memory_printer("status-pdf"), "pdf").state is State.UNKNOWN


def test_memory_printer_answers_what_it_was_given():
    printer = memory_printer("status-tspl")
    printer.answers[TSPL_QUERY] = b"\x04"
    assert query_status(printer, "tspl").flags == {Flag.PAPER_OUT}
