"""Every template, in every output it supports, at 203 and 300 dpi: rendered to an image (ZPL
by zplkit, PDF rasterised by pdfium, PNG as is) and every barcode read back by zxing-cpp."""

from __future__ import annotations

import biip
import pytest

from printing.barcodes.gs1 import split_ais
from printing.layout import Barcode
from printing.render import pages_of, render
from printing.templates import list_templates, load_template
from printing.variables import fill
from tests.printing.decoding import decoded, images_of

GS1_AIMS = ("]C1", "]d2")  # AIM identifiers of GS1-128 and GS1 Data Matrix
CASES = [(info.name, fmt, dpi) for info in list_templates()
         for fmt in load_template(info.name).formats if fmt != "tspl" for dpi in (203, 300)]


def _intended(name: str) -> list[tuple[str, str]]:
    """(symbology, data as written in the template) of every barcode on the first page."""
    template = load_template(name)
    data = {**template.sample, "page": 1, "pages": 1}
    return sorted((e.symbology, fill(e.data, data)) for e in template.layout.elements
                  if isinstance(e, Barcode))


@pytest.mark.parametrize(("name", "fmt", "dpi"), CASES)
def test_every_barcode_reads_back_as_its_data(name, fmt, dpi):
    template = load_template(name)
    first_page = images_of(render(template, template.sample, fmt, dpi), fmt, dpi)[0]
    found = decoded(first_page)
    intended = _intended(name)
    if fmt == "png":  # a PNG holds every page, one under the other; the header repeats
        intended = sorted(intended * len(pages_of(template, template.sample, dpi)))
    assert len(found) == len(intended), (found, intended)
    plain = sorted(data for symbology, data in intended if not symbology.startswith("gs1"))
    assert sorted(text for text, aim in found if aim not in GS1_AIMS) == plain
    gs1_intended = [(symbology, data) for symbology, data in intended
                    if symbology.startswith("gs1")]
    gs1_found = [(text, aim) for text, aim in found if aim in GS1_AIMS]
    assert len(gs1_found) == len(gs1_intended)
    for symbology, data in gs1_intended:
        aim = "]C1" if symbology == "gs1-128" else "]d2"
        wanted = [tuple(pair) for pair in split_ais(data)]
        readings = [biip.parse(text).gs1_message for text, got in gs1_found if got == aim]
        as_pairs = [[(e.ai.ai, e.value) for e in m.element_strings] for m in readings]
        assert wanted in as_pairs, (wanted, as_pairs)
