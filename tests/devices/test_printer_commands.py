"""`waredesk printer ...` and `waredesk sim printer` as a user runs them: exit codes, one
line on stderr for errors, jobs reaching the simulated printer, the log, retry and reprint."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from app.cli.main import main
from tests.devices.waiting import wait_for


@pytest.fixture
def db_url(tmp_path) -> str:
    return str(tmp_path / "cli.sqlite")


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_add_list_status_remove(capsys, printer):
    code, out, _ = run(capsys, "printer", "add", "Packing", printer.address, "--language",
                       "zpl", "--dpi", "300", "--media", "100x150", "--darkness", "20")
    assert code == 0 and "ZPL 300 dpi" in out
    run(capsys, "printer", "add", "Files", "folder:/tmp/labels", "--language", "pdf")
    code, out, _ = run(capsys, "printer", "list")
    lines = out.splitlines()
    assert lines[0].startswith("  Files") and lines[1].startswith("* Packing")
    assert "100x150 mm" in lines[1]
    code, out, _ = run(capsys, "printer", "status", "Packing")
    assert code == 0 and out.strip() == "Packing: ready"
    printer.state.head_open = True
    code, out, _ = run(capsys, "printer", "status")
    assert code == 1 and "problem: head open" in out
    printer.silent = True
    code, out, _ = run(capsys, "printer", "status", "--timeout", "0.3")
    assert code == 3 and "unknown" in out
    assert run(capsys, "printer", "remove", "packing")[0] == 0
    code, _, err = run(capsys, "printer", "status", "Packing")
    assert code == 2 and err.count("\n") == 1 and "printers: Files" in err


def test_bad_address_is_bad_input(capsys):
    code, _, err = run(capsys, "printer", "add", "X", "192.168.1.5")
    assert code == 2 and "tcp://" in err and "Traceback" not in err


def test_log_retry_and_reprint(capsys, printer, db_url):
    from app.print_jobs.service import print_labels
    from app.printer_profiles import PrinterSettings
    from app.settings import Settings
    from models.db import Database
    from models.db.schema import upgrade
    from models.users import system_actor

    run(capsys, "printer", "add", "Zebra", printer.address)
    printer.switch_off()
    db = Database(db_url)
    upgrade(db)
    with db.read() as s:
        actor = system_actor(s, "ws")
    profile = PrinterSettings.of(Settings.load()).find("Zebra")
    failed = print_labels(db, actor, template="sku-50x30",
                          rows=[{"sku": "A-1", "name": "Mug"}], printer=profile)
    db.dispose()
    code, out, _ = run(capsys, "--db", db_url, "printer", "log")
    assert code == 0 and f"{failed.job_id}" in out and "failed" in out and "refused" in out
    code, _, err = run(capsys, "--db", db_url, "printer", "retry", str(failed.job_id))
    assert code == 1 and "failed" in err
    printer.switch_on()
    code, out, _ = run(capsys, "--db", db_url, "printer", "retry", str(failed.job_id))
    assert code == 0 and "1 label(s) sent" in out
    first = printer.wait_for_jobs(1)[0]
    code, out, _ = run(capsys, "--db", db_url, "printer", "reprint", str(failed.job_id))
    assert code == 0
    assert printer.wait_for_jobs(2)[1] == first
    code, out, _ = run(capsys, "--db", db_url, "printer", "log", "--limit", "1")
    assert "sent" in out and len(out.splitlines()) == 1


def test_printer_simulator_command_takes_jobs_and_toggles_paper(tmp_path):
    process = subprocess.Popen([sys.executable, "-m", "app.cli.main", "sim", "printer",
                                "--port", "0", "--save", str(tmp_path)],
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        first = process.stdout.readline()
        assert "connect to tcp://127.0.0.1:" in first
        address = first.split("connect to ")[1].strip()
        from devices.printers.address import parse_address
        from devices.printers.status import Flag, query_status
        from devices.printers.transport import open_transport

        transport = open_transport(parse_address(address))
        transport.send(b"^XA^FDhello^FS^XZ", name="t", extension="zpl")
        wait_for(lambda: (tmp_path / "job-0001.prn").exists())
        assert (tmp_path / "job-0001.prn").read_bytes() == b"^XA^FDhello^FS^XZ"
        process.stdin.write("paper\n")
        process.stdin.flush()
        wait_for(lambda: Flag.PAPER_OUT in query_status(transport, "zpl").flags)
    finally:
        process.terminate()
        process.wait(5)


def test_print_with_printer_sends_the_labels_and_logs_them(capsys, printer, db_url, tmp_path):
    from printing.render import render_many
    from printing.templates import load_template

    rows = [{"sku": "MUG-01", "name": "Mug 马克杯"}, {"sku": "MUG-02", "name": "Mug"}]
    data = tmp_path / "rows.json"
    data.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    run(capsys, "printer", "add", "Zebra", printer.address, "--copies", "2")
    code, out, err = run(capsys, "--db", db_url, "print", "sku-50x30", "--data", str(data),
                         "--printer")
    assert code == 0, err
    assert "2 label(s) sent" in out
    expected = render_many(load_template("sku-50x30"), rows, "zpl", 203)
    assert printer.wait_for_jobs(1)[0] == expected.replace(b"^XZ", b"^PQ2^XZ")
    code, out, _ = run(capsys, "--db", db_url, "printer", "log")
    assert "sent" in out and "sku-50x30" in out and "x2" in out
    code, _, err = run(capsys, "--db", db_url, "print", "sku-50x30", "--sample",
                       "--printer", "Zebra", "--format", "pdf")
    assert code == 2 and "takes ZPL" in err
    # Without --printer the command writes a file as before.
    code, _, _ = run(capsys, "print", "sku-50x30", "--sample", "--out",
                     str(tmp_path / "x.zpl"))
    assert code == 0 and (tmp_path / "x.zpl").read_bytes().startswith(b"^XA")
