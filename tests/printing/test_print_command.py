"""`waredesk print`: list, render a template from a data file or its sample, refuse bad
input with one line and exit status 2, write every sample for people to look at."""

from __future__ import annotations

import json

import zxingcpp
from PIL import Image

from app.cli.main import main


def test_list_shows_every_template(capsys):
    assert main(["print", "list"]) == 0
    out = capsys.readouterr().out
    assert "sku-50x30" in out and "pick-list" in out and "document" in out


def test_data_file_to_png_decodes(tmp_path):
    data = tmp_path / "bin.json"
    data.write_text(json.dumps({"location": "B-07-02-1", "zone": "Zone B"}))
    out = tmp_path / "bin.png"
    assert main(["print", "bin-100x50", "--data", str(data), "--out", str(out),
                 "--dpi", "300"]) == 0
    image = Image.open(out)
    assert image.size == (1181, 591)
    assert [b.text for b in zxingcpp.read_barcodes(image.convert("L"))] == ["B-07-02-1"]


def test_a_batch_of_rows_gives_one_zpl_label_each(tmp_path):
    data = tmp_path / "rows.json"
    data.write_text(json.dumps([{"sku": f"S{i}", "name": f"Item {i}"} for i in range(3)]))
    out = tmp_path / "labels.zpl"
    assert main(["print", "sku-50x30", "--data", str(data), "--out", str(out)]) == 0
    assert out.read_text().count("^XA") == 3


def test_bad_data_is_one_line_and_exit_2(tmp_path, capsys):
    data = tmp_path / "bad.json"
    data.write_text(json.dumps({"sku": "S1"}))
    assert main(["print", "sku-50x30", "--data", str(data), "--format", "zpl",
                 "--out", str(tmp_path / "x.zpl")]) == 2
    err = capsys.readouterr().err.strip()
    assert err == "waredesk: sku-50x30: name is missing."
    assert main(["print", "pick-list", "--sample", "--format", "tspl"]) == 2


def test_samples_writes_every_template_in_every_format(tmp_path):
    assert main(["print", "samples", "--out", str(tmp_path)]) == 0
    names = {path.name for path in tmp_path.iterdir()}
    assert {"waybill-100x150-203.pdf", "waybill-100x150-203-zpl.png", "sku-50x30-203.tspl",
            "pick-list-203.pdf", "pick-list-203.png", "pick-list-203-pdf-2.png"} <= names
    assert "pick-list-203.zpl" not in names
