"""The Chinese message catalogue covers every message the floor workflows and the errors they
raise can show (read from the source of models/), and translates finished messages with their
values, part by part where a message is made of several."""

from __future__ import annotations

import json
import re
import time

import pytest

from app.message_text import TRANSLATIONS, MessageCatalogue, translate
from tests.unit.model_messages import model_messages

ZH = "zh_CN"

#: Templates the catalogue needs no entry for, each with why.
NEVER_SHOWN_ALONE = {
    # Halves of "{sku} {name}: {done}{of}" on the receiving screen; the catalogue has the
    # two whole forms ("{item}: {done} of {expected}", "{item}: {done} received").
    " of {}",
    " received",
    # Pieces of longer messages, which the catalogue has whole: "Put away ...; 5 more wait
    # on RECV-01.", "The GS1 code cannot be read after ...".
    "; {} more wait on {}",
    " after {}",
    # Half of "{sku} {name}: {done} counted" on the counting screen, which the catalogue has
    # whole.
    " counted",
    # A TypeError for a programming mistake, never a worker's message.
    "not a parsed scan: {}",
}

#: Words that stay in Chinese text: codes, keys, formats and the command line.
KEPT = ("waredesk scan sheet", "GS1 Digital Link", "WareDesk", "UTF-8", "GB18030", "EAN/UPC",
        "UPC-E", "GTIN", "SSCC", "REC-", "CMD-QTY", "Esc", "Enter", "PO-", "COUNT-", "CMD-DONE",
        "CMD-EMPTY", "CMD-UNDO", "WAVE-", "TOTE-", "waredesk shop add", "--profile", "--shop",
        "waredesk carrier add", "waredesk carrier import", "pool", "manual",
        "waredesk order tracking", "--phone", "PDF", "waredesk printer add",
        "waredesk order mapping save", "CNY", "USD", "RMA-", "waredesk order waybill",
        "--printer NAME", "waredesk order slip", "--out slip.pdf", "--number")
_ENGLISH = re.compile(r"[A-Za-z]{3,}")
SAMPLE = "Q7"  # a value as a code would be: it is no English word


def english_left(text: str, *values: str) -> list[str]:
    """Runs of three or more ASCII letters in `text`, apart from kept words and `values`."""
    for kept in sorted((*KEPT, *values), key=len, reverse=True):
        text = text.replace(kept, " ")
    return _ENGLISH.findall(text)


def _sample(template: str) -> str:
    """A message the template can be: a placeholder glued to a word or to another placeholder
    is an optional piece (" (reason)", " lot L7", "Line 2: "), left out; the others a code."""
    pieces = template.split("{}")
    text = pieces[0]
    for i, after in enumerate(pieces[1:], start=1):
        before = pieces[i - 1]
        glued = before[-1:].isalpha() or after[:1].isalpha() or (
            after == "" and i < len(pieces) - 1)
        text += ("" if glued else SAMPLE) + after
    return text


TEMPLATES = sorted({f.template: f for f in model_messages()}.values(),
                   key=lambda f: (f.path, f.line))


def test_the_source_walk_finds_the_messages_of_every_kind_of_sink():
    found = {f.template for f in TEMPLATES}
    assert "Over-receipt of {}: {}. A supervisor must approve (F9), or cancel (Esc)." in found
    assert "{} of {} ordered, over the {}% tolerance" in found  # a value, followed
    assert "Scan or type the lot number of {}" in found  # a dict of prompts, .format()ted
    assert "Unplanned REC-{} ({}) · {} · blind" in found  # `title +=` twice
    assert "Damaged → quarantine" in found  # a FloorView marker
    assert "{}{} is lot-tracked: say which lot." in found  # a posting check, raised
    assert "The scan was empty: scan the barcode again." in found  # an unknown scan's reason
    assert "Wrong user name or password." in found  # LoginFailed
    assert len(found) > 250


def test_the_skip_list_names_only_messages_the_code_still_has():
    assert {f.template for f in TEMPLATES} >= NEVER_SHOWN_ALONE


@pytest.mark.parametrize("found", TEMPLATES, ids=lambda f: f"{f.path}:{f.line}")
def test_every_message_of_the_floor_workflows_has_a_translation(found):
    if found.template in NEVER_SHOWN_ALONE:
        pytest.skip("never shown alone")
    message = _sample(found.template)
    assert english_left(translate(message, ZH), SAMPLE) == [], (
        f"{found.path}:{found.line} {found.template!r} has no entry in "
        "resources/translations/messages_zh_CN.json")


def test_every_translation_names_only_its_templates_placeholders():
    data = json.loads((TRANSLATIONS / "messages_zh_CN.json").read_text(encoding="utf-8"))
    field = re.compile(r"\{(\w+)\}")
    for english, chinese in data["messages"].items():
        assert set(field.findall(chinese)) == set(field.findall(english)), english
        assert english_left(chinese, *field.findall(english)) == [], english
    MessageCatalogue(data["messages"])  # every template compiles


def test_one_unit_and_several_units_read_the_same_in_chinese():
    assert translate("Order T2: 1 unit to scan at PACK.", ZH) == "订单 T2：在 PACK 需扫描 1 件。"
    assert translate("Order T2: 3 units to scan at PACK.", ZH) == "订单 T2：在 PACK 需扫描 3 件。"
    assert translate("WAVE-1: 1 order, 2 units left to pick into packing PACK.", ZH) == (
        "WAVE-1：1 个订单，还有 2 件要拣到打包位 PACK。")


def test_an_over_receipt_is_translated_with_its_detail():
    message = ("Over-receipt of TEA-001: 38 of 24 ordered, over the 10% tolerance. A supervisor "
               "must approve (F9), or cancel (Esc).")
    assert translate(message, ZH) == (
        "TEA-001 超收：已收 38 / 订购 24，超出 10% 容差。需主管批准（F9），或取消（Esc）。")


def test_a_scan_with_warnings_is_translated_part_by_part():
    message = ("+12 TEA-001 · lot LJ-2026 → RECV-01: only 30 days of shelf life left (at least "
               "120 wanted); 26 of 24 ordered, within the 10% tolerance")
    assert translate(message, ZH) == (
        "+12 TEA-001 · 批次 LJ-2026 → RECV-01：仅剩 30 天保质期（要求至少 120 天）；"
        "已收 26 / 订购 24，在 10% 容差内")


def test_codes_lots_and_numbers_are_kept_as_they_are():
    assert translate("TEA-006 is lot-tracked: scan or type the lot number.", ZH) == \
        "TEA-006 按批次管理：请扫描或输入批次号。"
    assert translate("Line 2: TEA would move from A-01-1 to itself.", ZH) == \
        "第 2 行：TEA 不能从 A-01-1 移到它自己。"
    assert translate("Only 5 of TEA lot L7 wait on RECV-01: type 5 or less.", ZH) == \
        "RECV-01 只有 5 件 TEA 批次 L7 待上架：请输入 5 或更少。"


def test_english_and_unknown_messages_stay_as_they_are():
    assert translate("Scan the next item", "en") == "Scan the next item"
    assert translate("Scan the next item", "en_US") == "Scan the next item"
    assert translate("PO-2026-0001 · Acme Trading", ZH) == "PO-2026-0001 · Acme Trading"
    assert translate("扫描下一件商品", ZH) == "扫描下一件商品"
    assert translate("", ZH) == ""


def test_translating_a_message_is_cheap():
    """Reported, not asserted as a timing: microseconds per message, first time and cached."""
    catalogue = MessageCatalogue(json.loads(
        (TRANSLATIONS / "messages_zh_CN.json").read_text(encoding="utf-8"))["messages"])
    messages = [_sample(f.template) for f in TEMPLATES] + [
        "+12 TEA-001 · lot LJ-2026 → RECV-01", "Scan the next item",
        "Over-receipt of TEA: 38 of 24 ordered, over the 10% tolerance. A supervisor must "
        "approve (F9), or cancel (Esc)."]
    started = time.perf_counter()
    for message in messages:
        catalogue.translate(message)
    uncached = (time.perf_counter() - started) / len(messages) * 1e6
    for message in messages:
        translate(message, ZH)
    started = time.perf_counter()
    for _ in range(10):
        for message in messages:
            translate(message, ZH)
    cached = (time.perf_counter() - started) / len(messages) / 10 * 1e6
    print(f"\ntranslate(): {uncached:.1f} µs per message uncached, {cached:.2f} µs cached "
          f"({len(messages)} messages, {len(catalogue.templates)} templates)")
    assert uncached > 0 and cached > 0


def test_a_template_opening_with_a_value_does_not_swallow_the_head_of_a_joined_message():
    assert translate("+2 TEA → RECV-01: 26 of 24 ordered, within the 10% tolerance", ZH) == \
        "+2 TEA → RECV-01：已收 26 / 订购 24，在 10% 容差内"
    assert translate("Location A-01 (blocked: 盘点中) is a location: in receiving, scan the "
                     "items (put them away in Putaway).", ZH) == \
        "库位 A-01（已锁定：盘点中） 是库位：收货时请扫描商品（上架请到“上架”页面）。"


def test_a_pick_stop_is_translated_whole_though_a_returns_template_also_matches_it():
    # "At {place}: {sku} {name} ×{qty}" (returns) matches too, with "take" as the SKU.
    assert translate("At A-06-4: take ACC-001 ×2 (2 → TOTE-006)", ZH) == \
        "在 A-06-4：拣 ACC-001 ×2（2 → TOTE-006）"
    assert translate("At RET-01: TEA-002 Tieguanyin oolong tea 500 g ×1", ZH) == \
        "在 RET-01：TEA-002 Tieguanyin oolong tea 500 g ×1"


def test_the_packing_screens_printing_advice_is_translated():
    assert translate("No label printer is set up here: print the waybill with `waredesk order "
                     "waybill 261111-1 --printer NAME`.", ZH) == \
        "此工作站未设置标签打印机：请用 `waredesk order waybill 261111-1 --printer NAME` 打印面单。"
    assert translate("Packing slip → A4: Job 7: 1 label(s) sent.", ZH) == \
        "装箱单 → A4：打印任务 7：已发送 1 份。"


def test_the_scales_complaints_on_the_packing_screen_are_translated():
    assert translate("/dev/ttyUSB1 stopped answering: Write timeout", ZH) == \
        "/dev/ttyUSB1 无响应：Write timeout"
    assert translate("Weigh again (F5) or type the weight in kg", ZH) == \
        "重新称重（F5）或输入重量（kg）"
    assert translate("The weight did not settle within 5 s: keep the load still, off the edges, "
                     "and try again.", ZH) == \
        "重量在 5 秒内未稳定：请放稳货物、不要压边，然后重试。"


def test_the_order_imports_refusals_are_translated_with_their_codes():
    assert translate("There is no shop NOPE (shops: JD, TMALL); add it with `waredesk shop "
                     "add`.", ZH) == \
        "没有店铺 NOPE（现有店铺：JD, TMALL）；请用 `waredesk shop add` 添加。"
    assert translate("orders.csv line 1: the column(s) 订单号, 订购数量 that the jd profile "
                     "reads are missing.", ZH) == \
        "orders.csv 第 1 行：缺少 jd 模板需要的列 订单号, 订购数量。"


def test_a_rule_naming_a_carrier_or_warehouse_that_does_not_exist_is_refused_in_chinese():
    assert translate("Rule Typo: warehouse: there is no warehouse WH9; carrier: there is no "
                     "carrier ZTO (carriers are EMS, SF)", ZH) == \
        "规则 Typo：仓库：没有仓库 WH9；承运商：没有承运商 ZTO（现有承运商：EMS, SF）"
    assert translate("Rule Typo: carrier: there is no carrier ZTO (no carriers yet)", ZH) == \
        "规则 Typo：承运商：没有承运商 ZTO（尚无承运商）"


def test_a_short_bin_tells_the_picker_in_chinese_that_it_is_blocked_and_counted():
    assert translate("B-01 short: CUP for o1: 1 missing, the order waits in the exceptions "
                     "queue. B-01 is blocked for CUP until it is counted (COUNT-1 planned).",
                     ZH) == ("B-01 缺货：o1 的 CUP：缺 1 件，订单进入异常队列。B-01 中的 CUP "
                             "已锁定，盘点审批前不再预留（已计划盘点 COUNT-1）。")


def test_a_short_bin_that_reserves_several_items_elsewhere_says_so_once_for_each():
    # As the picking workflow's F8 answer joins its parts: "{sku} for {order}: {n} reserved
    # in {bins}", each ending in a value, the last must not swallow the ones after the first.
    assert translate("B-01 short: CUP for o1: 1 reserved in A-02; TEA for o2: 2 reserved in "
                     "A-03, A-04; TEA for o3: 1 missing, the order waits in the exceptions "
                     "queue. B-01 is blocked for CUP, TEA until it is counted (COUNT-4 "
                     "planned).", ZH) == (
        "B-01 缺货：o1 的 CUP：1 件已改在 A-02 预留；o2 的 TEA：2 件已改在 A-03, A-04 预留；"
        "o3 的 TEA：缺 1 件，订单进入异常队列。B-01 中的 CUP, TEA 已锁定，盘点审批前不再预留"
        "（已计划盘点 COUNT-4）。")


def test_a_serial_scanned_twice_at_packing_is_refused_in_chinese():
    assert translate("Serial S-3 of CAM is scanned already for this order: scan the next "
                     "unit.", ZH) == "CAM 的序列号 S-3 已为此订单扫描过：请扫描下一件。"


def test_a_count_refused_for_reservations_it_did_not_find_names_them_in_chinese():
    assert translate("COUNT-4 cannot be approved: B-01 would keep 0 CUP but 1 are reserved "
                     "there for TMALL o2. Pick those orders (report the bin short where it is "
                     "empty) or hold them, then approve again.", ZH) == (
        "COUNT-4 不能审核：B-01 将只剩 0 件 CUP，但有 1 件为 TMALL o2 预留在此。请先拣这些订单"
        "（货位已空时报缺货）或暂停它们，再审核。")
