"""`waredesk scan explain` and `waredesk scan sheet` as a person setting up scanners runs them."""

from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
import sys
import threading
from typing import IO

import pytest

from app.cli.main import main
from app.device_settings import DeviceSettings
from app.settings import Settings
from models.db import Database
from tests import factories


@pytest.fixture
def catalogue(db: Database) -> str:
    with db.write() as s:
        factories.product(s, "SHAMPOO-250", barcode="4006381333931")
    return db.url


def _explain(url: str, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict]:
    status = main(["--db", url, "scan", "explain", *args])
    out, err = capsys.readouterr()
    assert out, err
    return status, json.loads(out)


def test_explain_prints_the_product_lot_and_expiry_as_json(catalogue, capsys):
    status, data = _explain(catalogue, capsys, "0104006381333931" "10L42<GS>17261231",
                            "--symbology", "]C1")
    assert status == 0
    assert (data["kind"], data["sku"], data["lot"], data["expiry"]) == (
        "product", "SHAMPOO-250", "L42", "2026-12-31")
    assert data["gs_separators"] == 1


def test_explain_rejects_ambiguous_input_with_a_reason_and_status_1(catalogue, capsys):
    status, data = _explain(catalogue, capsys, "0104006381333931" "10ABC123" "17261231")
    assert status == 1
    assert data["kind"] == "unknown"
    assert "may really be 'ABC123' followed by expiry date (17) 261231" in data["reason"]


def test_explain_uses_the_workstation_gs_stand_in(catalogue, capsys):
    settings = Settings.load()
    devices = DeviceSettings.of(settings)
    devices.gs_standin = "~"
    devices.store(settings)
    settings.save()
    status, data = _explain(catalogue, capsys, "0104006381333931" "10L42~17261231")
    assert (status, data["lot"]) == (0, "L42")


def test_explain_reads_one_scan_per_line_from_standard_input(catalogue, capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("4006381333931\r\nCMD-DONE\n"))
    status = main(["--db", catalogue, "scan", "explain", "-"])
    out, kinds, decoder = capsys.readouterr().out.strip(), [], json.JSONDecoder()
    while out:
        data, end = decoder.raw_decode(out)
        kinds.append(data["kind"])
        out = out[end:].strip()
    assert (status, kinds) == (0, ["product", "command"])


def test_sheet_writes_a_pdf(tmp_path, capsys):
    target = tmp_path / "commands.pdf"
    assert main(["scan", "sheet", "--out", str(target)]) == 0
    assert target.read_bytes().startswith(b"%PDF")


def test_output_cut_short_by_its_reader_is_not_reported_as_an_error(catalogue, tmp_path):
    # `waredesk scan explain - | head -1`: the reader goes away while scans keep coming.
    scans = "".join(f"0104006381333931 10L{i}\n".replace(" ", "") for i in range(5000))
    proc = subprocess.Popen(
        [sys.executable, "-m", "app.cli.main", "--db", catalogue, "scan", "explain", "-"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        env={**os.environ, "WAREDESK_HOME": str(tmp_path)})
    assert proc.stdout is not None and proc.stdin is not None
    feeder = threading.Thread(target=_feed, args=(proc.stdin, scans.encode()))
    feeder.start()
    proc.stdout.readline()
    proc.stdout.close()
    feeder.join(timeout=60)
    err = proc.stderr.read() if proc.stderr else b""
    assert proc.wait(timeout=60) == 0, err
    assert b"unexpected error" not in err and b"Traceback" not in err


def _feed(stream: IO[bytes], data: bytes) -> None:
    with contextlib.suppress(BrokenPipeError):
        stream.write(data)
        stream.close()
