"""`waredesk order mapping …` end to end: an unknown export mapped, imported by name and then
recognised, listed, shown, renamed and deleted; a bad mapping refused naming each problem."""

from __future__ import annotations

from app.cli.main import main
from tests.db import sales_setup as setup
from tests.db.sales_setup import ORDERS

YOUZAN = str(ORDERS / "youzan_gb18030.csv")
MAP = ("number=订单号", "ordered_at=下单时间", "recipient=收货人", "phone=收货人手机号",
       "province=收货人省份", "city=收货人城市", "district=收货人地区", "street=详细收货地址",
       "sku=规格编码", "title=商品名称", "qty=商品数量", "unit_price=商品单价")


def _run(db, capsys, *args: str) -> tuple[int, str, str]:
    code = main(["--db", db.url, *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_map_an_unknown_export_then_import_it(db, actor, capsys):
    db.transact(lambda s: setup.base(s, actor))
    assert _run(db, capsys, "shop", "add", "YZ", "有赞", "--platform", "other")[0] == 0
    code, _, err = _run(db, capsys, "order", "import", YOUZAN, "--shop", "YZ")
    assert code == 2 and "no order profile knows these columns (订单号, 订单状态" in err
    maps = [arg for pair in MAP for arg in ("--map", pair)]
    code, out, _ = _run(db, capsys, "order", "mapping", "save", "Youzan", "--file", YOUZAN,
                        "--title", "有赞微商城", *maps, "--country", "cn")
    assert (code, out) == (0, "Saved mapping youzan: 12 columns of youzan_gb18030.csv.\n")
    code, out, _ = _run(db, capsys, "order", "import", YOUZAN, "--shop", "YZ", "--profile",
                        "youzan")
    assert (code, out) == (0, "youzan_gb18030.csv (youzan) into YZ: 4 rows; imported 3 new "
                              "orders, 0 updated, 0 unchanged; 4 lines.\n")
    code, out, _ = _run(db, capsys, "order", "import", YOUZAN, "--shop", "YZ")
    assert code == 0 and "(youzan)" in out and "0 new orders, 0 updated, 3 unchanged" in out
    code, out, _ = _run(db, capsys, "order", "show", "YZ", "E20261111000101")
    assert code == 0
    assert "Ship to: 陈静 13900001111 广东省 深圳市 南山区 科技园南路 18号 3栋 501" in out
    code, out, _ = _run(db, capsys, "order", "mapping", "list")
    assert out == ("youzan           有赞微商城  (12 columns; order cells on every row, "
                   "currency CNY, country CN, times UTC+8)\n")
    code, out, _ = _run(db, capsys, "order", "mapping", "show", "youzan")
    assert out.splitlines()[1].split() == ["number", "订单号"]
    assert "  street         详细收货地址" in out.splitlines()
    code, out, _ = _run(db, capsys, "order", "mapping", "rename", "youzan", "yz")
    assert (code, out) == (0, "Mapping youzan is called yz now.\n")
    code, out, _ = _run(db, capsys, "order", "mapping", "delete", "yz")
    assert (code, out) == (0, "Deleted mapping yz.\n")
    code, out, _ = _run(db, capsys, "order", "mapping", "list")
    assert out == "No custom mappings yet: add one with `waredesk order mapping save`.\n"


def test_a_bad_mapping_is_refused_naming_each_problem(db, capsys):
    code, _, err = _run(db, capsys, "order", "mapping", "save", "jd", "--file", YOUZAN,
                        "--map", "number=订单号", "--map", "sku=SKU", "--first-row-only")
    assert code == 2 and err.count("\n") == 1
    for problem in ("Mapping jd: name: 'jd' is a built-in profile", "qty: is required",
                    "sku: the file has no column 'SKU'"):
        assert problem in err
    code, _, err = _run(db, capsys, "order", "mapping", "save", "x", "--file", YOUZAN,
                        "--map", "number")
    assert (code, err) == (2, "waredesk: --map number: write it as FIELD=COLUMN, e.g. "
                              "number=订单号.\n")
