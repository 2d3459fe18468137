"""An approved order's waybill and packing slip: the tracking number given by the carrier is
the Code 128 on the waybill and the order number its QR code, the recipient's phone is masked,
the shop is the sender, and the slip lists the lines. Without a tracking number or a sender
phone nothing is printed and the packer is told what is missing."""

from __future__ import annotations

import pypdfium2
import pytest

from app.cli.main import main
from models.carriers.carriers import add_carrier
from models.carriers.ranges import RangeInput, add_range
from models.carriers.tracking import assign_tracking
from models.entities import Product
from models.errors import InputError
from models.sales.review import review_orders
from models.sales.review_views import find_orders
from models.sales.shipping_documents import waybill_data
from models.sales.shops import ShopInput, save_shop
from tests import factories as f
from tests.db import review_setup as review
from tests.printing.decoding import decoded, images_of


@pytest.fixture
def order(db, actor) -> str:
    """TEL-9, approved to go by EMS from a pool, for a shop with a sender phone."""
    ids = review.site(db, actor)
    with db.write() as s:
        add_carrier(s, actor, code="EMS", name="China EMS", kind="pool", check_rule="s10")
        add_range(s, actor, carrier="EMS", spec=RangeInput("EA", "10000000", "10000099", "CN"))
        save_shop(s, actor, ShopInput("TMALL", "Tea House 茶舍", "taobao",
                                      sender_phone="021-55501234",
                                      sender_address="上海市松江区物流路 88 号"))
        s.get(Product, ids["TEA-001"]).weight_g = 260
    f.stock_in(db, actor, ids["TEA-001"], ids["A-01"], 10)
    review.order(db, actor, "TEL-9", [("TEA-001", 2)], province="浙江省", city="杭州市",
                 district="西湖区", street="文三路 100号")
    review.rule(db, actor, "All by EMS", {}, {"decision": "approve", "warehouse": "WH1",
                                               "carrier": "EMS"})
    db.transact(lambda s: review_orders(s, actor))
    return "TEL-9"


def run(db, capsys, *args: str) -> tuple[int, str, str]:
    code = main(["--db", db.url, *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_the_waybill_carries_the_tracking_number_and_the_order_and_masks_the_phone(
        db, order, capsys, tmp_path):
    code, _, err = run(db, capsys, "order", "waybill", order, "--out", str(tmp_path / "w.pdf"))
    assert code == 2 and err == (
        "waredesk: Order TEL-9 has no tracking number yet: give it one first (`waredesk order "
        "tracking TEL-9`, with `--number` for a carrier of manual waybills).\n")
    assert run(db, capsys, "order", "tracking", order)[1] == "EA100000003CN\n"
    for name in ("w.pdf", "w.zpl"):
        code, out, _ = run(db, capsys, "order", "waybill", order, "--weight", "0.61",
                           "--out", str(tmp_path / name))
        assert code == 0 and "1 waybill-100x150 labels written" in out
        fmt = name.rsplit(".", 1)[1]
        (label,) = images_of((tmp_path / name).read_bytes(), fmt, 203)
        found = {text for text, _symbology in decoded(label)}
        assert found == {"EA100000003CN", "TEL-9"}
    text = "".join(page.get_textpage().get_text_range()
                   for page in pypdfium2.PdfDocument(str(tmp_path / "w.pdf")))
    assert "138****5678" in text and "13812345678" not in text
    assert "浙江省 杭州市 西湖区 文三路 100号" in text
    assert "Tea House 茶舍" in text and "021-55501234" in text and "0.61" in text


def test_the_expected_weight_is_the_products_weights(db, actor, order):
    db.transact(lambda s: assign_tracking(s, actor, order_id=find_orders(s, [order])[0]))
    with db.read() as s:
        values = waybill_data(s, find_orders(s, [order])[0], today=review.TODAY)
    assert values["weight_kg"] == "0.52"  # 2 x 260 g
    assert values["items"] == "2 items: Product TEA-001 x2"
    assert values["sender_address"] == "上海市松江区物流路 88 号"


def test_a_shop_without_a_sender_phone_gets_no_waybill(db, actor, order, capsys, tmp_path):
    run(db, capsys, "order", "tracking", order)
    with db.write() as s:
        save_shop(s, actor, ShopInput("TMALL", "Tea House 茶舍", "taobao"))
    with pytest.raises(InputError, match="Shop TMALL has no sender phone"), db.read() as s:
        waybill_data(s, find_orders(s, [order])[0], today=review.TODAY)


def test_the_packing_slip_lists_the_lines(db, order, capsys, tmp_path):
    slip = tmp_path / "slip.pdf"
    code, out, _ = run(db, capsys, "order", "slip", order, "--out", str(slip))
    assert code == 0 and out == f"Packing slip of TEL-9 written to {slip}\n"
    text = "".join(page.get_textpage().get_text_range()
                   for page in pypdfium2.PdfDocument(str(slip)))
    assert "TEL-9" in text and "TEA-001" in text and "王小明" in text
