"""Templates as data: declared variables checked before printing, A4 documents refused in
label languages, tables continued over pages, Chinese embedded in PDFs, custom JSON."""

from __future__ import annotations

import json

import pypdfium2 as pdfium
import pytest

from models.errors import InputError
from printing.render import pages_of, render
from printing.templates import list_templates, load_template
from printing.text_raster import line_bitmap
from printing.variables import mask_phone


def test_the_list_has_every_label_and_document_with_sizes():
    infos = {info.name: info for info in list_templates()}
    assert (infos["sku-50x30"].width_mm, infos["sku-50x30"].height_mm) == (50, 30)
    assert (infos["waybill-76x130"].width_mm, infos["waybill-76x130"].height_mm) == (76, 130)
    assert {name for name, info in infos.items() if info.kind == "document"} == {
        "pick-list", "packing-slip", "count-sheet", "count-report", "purchase-order",
        "receiving-discrepancy"}
    assert len(infos) == 12


@pytest.mark.parametrize("name", [info.name for info in list_templates()])
def test_every_sample_passes_its_own_check(name):
    template = load_template(name)
    assert template.check(template.sample) == []


def test_missing_and_mistyped_variables_are_all_reported():
    template = load_template("lot-100x50")
    problems = template.check({"name": "Tea", "gtin": "09501101530004", "expiry": "31/12/26"})
    assert any("wrong check digit" in p for p in problems)
    assert "lot is missing." in problems
    assert any("expiry must be a date" in p for p in problems)
    with pytest.raises(InputError):
        render(template, {"name": "Tea"}, "zpl")


def test_gs1_string_biip_rejects_is_a_check_problem():
    raw = json.loads(load_template("lot-100x50").source)
    raw["variables"][1]["type"] = "text"  # so only the GS1 check can catch a short GTIN
    template = load_template("lot-100x50", json.dumps(raw))
    problems = template.check({**template.sample, "gtin": "12345"})
    assert len(problems) == 1 and "GS1 data (01)12345" in problems[0]


def test_a4_documents_are_refused_in_label_languages():
    template = load_template("pick-list")
    for fmt in ("zpl", "tspl"):
        with pytest.raises(InputError, match="A4 document"):
            render(template, template.sample, fmt)


def test_pick_list_rows_continue_on_a_second_page_with_the_header_repeated():
    template = load_template("pick-list")
    pages = pages_of(template, template.sample, 300)
    assert len(pages) == 2
    document = pdfium.PdfDocument(render(template, template.sample, "pdf"))
    texts = [page.get_textpage().get_text_range() for page in document]
    assert "Page 2 of 2" in texts[1] and "PL-2026-000045" in texts[1]
    assert "A-04-04-1" in texts[1] and "A-04-04-1" not in texts[0]
    assert texts[0].count("A-0") + texts[1].count("A-0") == 46


def test_recipient_phone_is_masked_on_the_waybill():
    assert mask_phone("13812345678") == "138****5678"
    template = load_template("waybill-100x150")
    text = pdfium.PdfDocument(render(template, template.sample, "pdf"))[0].get_textpage() \
        .get_text_range()
    assert "138****5678" in text and "13812345678" not in text


def test_waybill_pdf_embeds_the_chinese_font_and_keeps_the_address_text():
    template = load_template("waybill-76x130")
    output = render(template, template.sample, "pdf")
    assert b"/FontFile2" in output  # TrueType program embedded (subset)
    assert b"WenQuanYiMicroHei" in output or b"WenQuanYi" in output
    text = pdfium.PdfDocument(output)[0].get_textpage().get_text_range()
    assert "浙江省杭州市西湖区" in text.replace("\r\n", "").replace(" ", "")


def test_chinese_text_is_drawn_as_glyphs_not_boxes():
    def ink(text):
        return line_bitmap(text, 48, 56, 60, "left", False, 0).tobytes()

    notdef = ink("\ue000")  # a private-use code point: whatever the font draws for "none"
    assert ink("张") != notdef and ink("伟") != notdef and ink("张") != ink("伟")
    assert any(ink("张"))


def test_a_customised_template_from_json_renders():
    raw = json.loads(load_template("sku-50x30").source)
    raw["elements"][2] = {"type": "barcode", "symbology": "ean13", "x": 3, "y": 12, "w": 44,
                          "h": 16, "data": "{ean}", "module": 0.33}
    raw["variables"].append({"name": "ean", "type": "ean13"})
    custom = load_template("sku-50x30", json.dumps(raw))
    data = {"sku": "X1", "name": "Mug", "ean": "5901234123457"}
    assert "^BEN," in render(custom, data, "zpl").decode()
    assert custom.check({**data, "ean": "5901234123458"}) != []


def test_unknown_template_names_the_known_ones():
    with pytest.raises(InputError, match="sku-50x30"):
        load_template("no-such-label")


def test_pick_list_shows_a_taobao_order_number_whole():
    template = load_template("pick-list")
    data = {**template.sample, "lines": [
        {"location": "D-03-3", "sku": "TEA-003", "name": "Lot L20040605: Yunnan Pu'er ripe tea "
         "cake 357 g", "qty": 1, "order_ref": "#1 2981234567890123457"},
        {"location": "", "sku": "", "name": "", "qty": 2,
         "order_ref": "#2 261111-123456789012345"}]}
    text = pdfium.PdfDocument(render(template, data, "pdf"))[0].get_textpage().get_text_range()
    assert "#1 2981234567890123457" in text and "#2 261111-123456789012345" in text
