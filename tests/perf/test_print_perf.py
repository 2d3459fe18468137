"""Label throughput: ZPL SKU labels per second (budget > 5,000/s) and 1,000 waybills with a
Code 128 and a QR each into one PDF (budget < 5 s)."""

from __future__ import annotations

import pytest

from printing.render import render_many
from printing.templates import load_template
from tests.perf.report import record, timed

pytestmark = pytest.mark.perf


def test_zpl_sku_labels_per_second():
    template = load_template("sku-50x30")
    rows = [{"sku": f"SKU-{i:07d}", "name": f"Product {i} cotton T-shirt", "variant": "Size M"}
            for i in range(20_000)]
    # Once: a second run would hit the barcode and text caches.
    seconds = min(timed(lambda: render_many(template, rows, "zpl", 203), repeat=1))
    record("zpl_sku_labels", "none", labels=len(rows), seconds=seconds,
           labels_per_s=len(rows) / seconds)


def test_thousand_waybills_into_one_pdf():
    template = load_template("waybill-100x150")
    rows = [{**template.sample, "tracking": f"SF{1402846550000 + i}",
             "order_ref": f"SO-2026-{i:06d}", "recipient_name": f"张伟{i}"}
            for i in range(1_000)]
    output = b""

    def work():
        nonlocal output
        output = render_many(template, rows, "pdf", 203)

    seconds = min(timed(work, repeat=1))  # once: cold barcode caches
    record("pdf_waybills", "none", waybills=len(rows), seconds=seconds,
           megabytes=len(output) / 1e6)
