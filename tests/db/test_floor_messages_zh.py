"""What a Chinese-speaking worker reads on the floor screens: a receiving and a putaway run
with the real workflows, every answer and every screen text translated to zh_CN, and no
English left in them but the codes, SKUs, lots and names of the data."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select

from app.message_text import translate
from models.db import Database
from models.entities import Location, LocationType, Product, Warehouse
from models.feedback import Feedback
from models.floor import FloorView
from models.putaway import PutawayWorkflow
from models.transfers import TransferWorkflow
from tests import factories as f
from tests.db.test_receiving import (
    PHONE_GTIN,
    TEA_CASE,
    TEA_EAN,
    Site,
    flow_for,
    milk_code,
)
from tests.unit.test_message_catalogue import english_left

ZH = "zh_CN"
#: The data's own words: SKUs, product and supplier names, codes, lots, serials, users.
DATA = ("PO-2026-0001", "REC-", "Product TEA", "Product MILK", "Product PHONE", "Acme Trading",
        "TEA", "MILK", "PHONE", "RECV-01", "QUAR-01", "A-01-1", "A-01-2", "A-01-3",
        "NOPE-1", "NOPE", "closer to packing", "SOON",
        "L7", "SN-1", "SN-2", "rita", "sam", "LOT-9", "CMD-NOPE")


class Screen:
    """Every text a floor screen would show, collected as the workflow answers."""

    def __init__(self) -> None:
        self.texts: list[str] = []

    def answer(self, feedback: Feedback) -> Feedback:
        self.texts += [feedback.message, feedback.next_step]
        return feedback

    def show(self, view: FloorView) -> None:
        self.texts += [view.title, view.prompt, view.current, *view.markers, *view.recent,
                       *(line.detail for line in view.lines)]

    def english(self) -> dict[str, list[str]]:
        """Each text (that is not empty) whose Chinese still has English words in it."""
        left = {text: english_left(translate(text, ZH), *DATA) for text in self.texts if text}
        return {text: words for text, words in left.items() if words}


def _run(screen: Screen, flow, calls: Iterable) -> None:
    for call in calls:
        screen.answer(call(flow))
        screen.show(flow.view())


def test_a_receiving_run_reads_in_chinese(db: Database):
    site = Site(db)
    flow = flow_for(db, site.receiver)
    screen = Screen()
    screen.show(flow.view())
    _run(screen, flow, [
        lambda w: w.scan(TEA_EAN),  # no order yet
        lambda w: w.scan("PO-2026-0001"),
        lambda w: w.scan(TEA_CASE),
        lambda w: w.scan(TEA_CASE),
        lambda w: w.enter("2"),
        lambda w: w.scan(TEA_EAN),  # 26 of 24: within the tolerance, a warning
        lambda w: w.scan(TEA_CASE),  # 38: beyond, a supervisor must approve
        lambda w: w.enter("x"),
        lambda w: w.approve(username="rita", password="receive-1"),  # may not approve
        lambda w: w.approve(username="sam", password="nope"),
        lambda w: w.cancel(),
        lambda w: w.scan("01095011015300031727011510SOON", symbology="]d2"),  # 45 days left
        lambda w: w.scan("0109501101530003"),  # lot and expiry asked for
        lambda w: w.enter("LOT-9"),
        lambda w: w.enter("31.02.2028"),
        lambda w: w.enter("2028-02-29"),
        lambda w: w.scan(milk_code("L7", "261130")),  # expired
        lambda w: w.mark_damaged(),
        lambda w: w.scan(milk_code("L7", "261130")),  # to quarantine
        lambda w: w.scan(f"01{PHONE_GTIN}21SN-1"),
        lambda w: w.scan(f"01{PHONE_GTIN}21SN-1"),  # the same unit again
        lambda w: w.scan(PHONE_GTIN),  # its serial asked for
        lambda w: w.scan("SN-2"),
        lambda w: w.scan("CMD-QTY+2"),  # +n on a serial
        lambda w: w.scan("A-01-1"),  # a bin
        lambda w: w.scan("NOPE-1"),  # no such barcode
        lambda w: w.scan("CMD-NOPE"),
        lambda w: w.undo_last(),
        lambda w: w.enter("123456"),  # typed by hand: a barcode
        lambda w: w.scan("CMD-DONE"),
        lambda w: w.undo_last(),
    ])
    assert len(screen.texts) > 150
    assert screen.english() == {}
    assert "扫描采购单（F2 输入单号，F3 无单收货）" in [translate(t, ZH) for t in screen.texts]


def test_a_putaway_run_reads_in_chinese(db: Database):
    site = Site(db)
    receiving = flow_for(db, site.receiver)
    for code in ("PO-2026-0001", TEA_CASE, milk_code("L7"), f"01{PHONE_GTIN}21SN-1"):
        receiving.scan(code, symbology="]d2" if code.startswith("01") else None)
    with db.write() as s:
        wh = s.scalar(select(Warehouse))
        s.get(Product, site.tea).home_location_id = s.scalar(
            select(Location.id).where(Location.code == "A-01-1"))
        f.bin_(s, wh, "A-01-2", LocationType.STORAGE)
        f.bin_(s, wh, "A-01-3", LocationType.STORAGE, capacity=2)
    flow = PutawayWorkflow(db, site.receiver)
    screen = Screen()
    screen.show(flow.view())
    _run(screen, flow, [
        lambda w: w.scan("A-01-1"),  # a bin before an item
        lambda w: w.scan(TEA_EAN),  # 12 to the fixed bin
        lambda w: w.enter("5"),
        lambda w: w.scan("A-01-3"),  # full for 5 units
        lambda w: w.scan("A-01-2"),  # not the suggested bin
        lambda w: w.enter("closer to packing"),  # the reason to use it
        lambda w: w.scan("A-01-1"),
        lambda w: w.scan(TEA_EAN),
        lambda w: w.scan("CMD-DONE"),  # still in hand
        lambda w: w.cancel(),
        lambda w: w.cancel(),
        lambda w: w.scan("0109501101530003"),  # milk: its lot from the dock
        lambda w: w.scan("QUAR-01"),  # not a storage bin
        lambda w: w.scan("A-01-1"),
        lambda w: w.scan("NOPE-1"),
        lambda w: w.scan("CMD-DONE"),
    ])
    assert len(screen.texts) > 60
    assert screen.english() == {}


def test_a_transfer_run_reads_in_chinese(db: Database):
    site = Site(db)
    receiving = flow_for(db, site.receiver)
    for code in ("PO-2026-0001", TEA_CASE, milk_code("L7"), milk_code("SOON", "280115")):
        receiving.scan(code, symbology="]d2" if code.startswith("01") else None)
    flow = TransferWorkflow(db, site.receiver)
    screen = Screen()
    screen.show(flow.view())
    _run(screen, flow, [
        lambda w: w.scan(TEA_EAN),  # an item before the bin
        lambda w: w.scan("RECV-01"),
        lambda w: w.enter("3"),
        lambda w: w.scan(TEA_EAN),
        lambda w: w.scan("CMD-QTY+20"),  # more than is there
        lambda w: w.scan("0109501101530003"),  # milk in two lots
        lambda w: w.enter("NOPE"),
        lambda w: w.enter("L7"),
        lambda w: w.scan("CMD-UNDO"),
        lambda w: w.scan(f"01{PHONE_GTIN}21SN-1"),  # serial-tracked
        lambda w: w.scan("RECV-01"),  # where it comes from
        lambda w: w.scan("CMD-DONE"),
        lambda w: w.scan("A-01-1"),
        lambda w: w.scan("CMD-DONE"),
        lambda w: w.cancel(),
        lambda w: w.scan("A-01-1"),
        lambda w: w.cancel(),
    ])
    assert len(screen.texts) > 50
    assert screen.english() == {}
    shown = [translate(t, ZH) for t in screen.texts]
    assert "批次 L7 · RECV-01 可用 1" in shown
    assert "已将 3 件（1 行）从 RECV-01 移到 A-01-1。" in shown
