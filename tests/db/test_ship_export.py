"""`waredesk order ship-export`: the shipped orders of a shop with their tracking numbers, in
each platform's upload format (the header and a row), UTF-8 with a BOM for the Chinese
platforms."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import update

from app.cli.main import main
from models.entities import SalesOrderLine
from models.packing.workflow import PackingWorkflow
from models.sales.shops import ShopInput, save_shop
from tests.db import packing_setup as pk
from tests.db.picking_setup import TEA_EAN

TODAY = date.today().isoformat()
CASES = {
    "taobao": ("\ufeff订单编号,物流公司,运单号", "O-1,SF Express 顺丰速运,SF1234567890"),
    "jd": ("\ufeff订单号,物流公司,运单号", "O-1,SF Express 顺丰速运,SF1234567890"),
    "pinduoduo": ("\ufeff订单号,快递公司,快递单号", "O-1,SF Express 顺丰速运,SF1234567890"),
    "douyin": ("\ufeff订单号,快递公司,快递单号", "O-1,SF Express 顺丰速运,SF1234567890"),
    "shopify": ("Name,Tracking Number,Tracking Company", "O-1,SF1234567890,SF Express 顺丰速运"),
    "amazon": ("order-id\torder-item-id\tquantity\tship-date\tcarrier-code\tcarrier-name\t"
               "tracking-number\tship-method",
               f"O-1\tITEM-77\t1\t{TODAY}\tOther\tSF Express 顺丰速运\tSF1234567890\tStandard"),
}


def _shipped(db, actor, platform: str) -> None:
    """Order O-1 of shop S1 on the platform, packed and shipped by SF with SF1234567890."""
    pk.packing_site(db, actor)
    db.transact(lambda s: save_shop(s, actor, ShopInput("S1", "Shop one", platform)))
    order_id = pk.picked_order(db, actor, "O-1", [("TEA", 1)], shop="S1")
    with db.write() as s:
        s.execute(update(SalesOrderLine).where(SalesOrderLine.order_id == order_id)
                  .values(line_ref="ITEM-77"))
    flow = PackingWorkflow(db, actor)
    for raw in ("TOTE-O-1", TEA_EAN):
        assert flow.scan(raw).level == "ok"
    assert flow.weigh("0.3").level == "ok"
    assert "shipped" in flow.scan("SF1234567890").message


@pytest.mark.parametrize("platform", list(CASES))
def test_shipped_orders_are_exported_in_the_platforms_upload_format(db, actor, capsys,
                                                                   tmp_path, platform):
    _shipped(db, actor, platform)
    out = tmp_path / "shipped.csv"
    code = main(["--db", db.url, "order", "ship-export", "--shop", "s1", "--out", str(out)])
    printed = capsys.readouterr().out
    assert code == 0 and f"1 shipped order of S1 written to {out}" in printed
    header, row = out.read_bytes().decode("utf-8").splitlines()
    assert (header, row) == CASES[platform]


@pytest.mark.parametrize("platform", list(CASES))
def test_the_chinese_platforms_get_the_carrier_by_its_upload_name(db, actor, capsys, tmp_path,
                                                                  platform):
    _shipped(db, actor, platform)
    assert main(["--db", db.url, "carrier", "upload-name", "sf", "顺丰速运"]) == 0
    assert capsys.readouterr().out == "Carrier SF is '顺丰速运' in the platforms' uploads.\n"
    out = tmp_path / "shipped.csv"
    assert main(["--db", db.url, "order", "ship-export", "--shop", "S1", "--out", str(out)]) == 0
    _header, row = out.read_bytes().decode("utf-8").splitlines()
    chinese = platform in ("taobao", "jd", "pinduoduo", "douyin")
    assert row == (CASES[platform][1].replace("SF Express 顺丰速运", "顺丰速运") if chinese
                   else CASES[platform][1])  # Shopify and Amazon: the carrier's own name


def test_since_leaves_out_orders_shipped_before(db, actor, tmp_path, capsys):
    _shipped(db, actor, "taobao")
    out = tmp_path / "shipped.csv"
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    main(["--db", db.url, "order", "ship-export", "--shop", "S1", "--since", tomorrow,
          "--out", str(out)])
    assert out.read_text(encoding="utf-8-sig").splitlines() == ["订单编号,物流公司,运单号"]
    assert "0 shipped orders" in capsys.readouterr().out
