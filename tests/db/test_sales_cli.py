"""`waredesk shop ...` and `waredesk order ...` end to end."""

from __future__ import annotations

from app.cli.main import main
from models.sales.shops import shop_by_code
from tests import factories as f
from tests.db import sales_setup as setup
from tests.db.sales_setup import ORDERS


def _run(db, capsys, *args: str) -> tuple[int, str, str]:
    code = main(["--db", db.url, *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_shop_add_and_list(db, capsys):
    code, out, _ = _run(db, capsys, "shop", "add", "tmall-1", "天猫旗舰店", "--platform", "taobao")
    assert (code, out) == (0, "Saved shop TMALL-1 (taobao).\n")
    code, _, err = _run(db, capsys, "shop", "add", "BAD CODE", "x", "--platform", "jd")
    assert code == 2 and "code: 'BAD CODE' must be 1-32 of A-Z" in err and err.count("\n") == 1
    code, out, _ = _run(db, capsys, "shop", "list")
    assert code == 0 and out.split() == ["TMALL-1", "taobao", "天猫旗舰店"]


def test_renaming_a_shop_keeps_its_sender_phone_and_address_unless_given(db, capsys):
    _run(db, capsys, "shop", "add", "TMALL", "Tea House", "--platform", "taobao",
         "--phone", "021-55501234", "--address", "上海市 浦东新区 1号")
    renamed = _run(db, capsys, "shop", "add", "TMALL", "茶舍天猫旗舰店", "--platform", "taobao")
    assert renamed[0] == 0
    with db.read() as s:
        shop = shop_by_code(s, "TMALL")
        assert (shop.name, shop.sender_phone, shop.sender_address) == (
            "茶舍天猫旗舰店", "021-55501234", "上海市 浦东新区 1号")
    _run(db, capsys, "shop", "add", "TMALL", "茶舍", "--platform", "taobao", "--phone", "",
         "--address", "")
    with db.read() as s:
        assert (shop_by_code(s, "TMALL").sender_phone,
                shop_by_code(s, "TMALL").sender_address) == ("", "")


def test_order_import_list_and_show(db, capsys):
    with db.write() as s:
        for sku in ("TEA-001", "TEA-002", "TEA-003", "ACC-001"):
            f.product(s, sku)
    assert _run(db, capsys, "shop", "add", "AMZ", "Amazon US", "--platform", "amazon")[0] == 0
    amazon = str(ORDERS / "amazon.txt")
    code, out, _ = _run(db, capsys, "order", "import", amazon, "--shop", "amz", "--dry-run")
    assert code == 0 and "would import 3 new orders" in out and "dry run" in out
    code, out, _ = _run(db, capsys, "order", "import", amazon, "--shop", "AMZ")
    assert (code, out) == (0, "amazon.txt (amazon) into AMZ: 4 rows; imported 3 new orders, 0 "
                              "updated, 0 unchanged; 4 lines.\n")
    code, out, _ = _run(db, capsys, "order", "import", amazon, "--shop", "AMZ")
    assert code == 0 and "0 new orders, 0 updated, 3 unchanged" in out
    code, out, _ = _run(db, capsys, "order", "list", "--shop", "AMZ", "--status", "new")
    assert code == 0 and len(out.splitlines()) == 3
    assert "114-7654321-7654321" in out.splitlines()[0]  # newest first
    code, out, _ = _run(db, capsys, "order", "list", "--limit", "1")
    assert code == 0 and len(out.splitlines()) == 1
    code, out, _ = _run(db, capsys, "order", "show", "amz", "113-1234567-1234567")
    assert code == 0
    assert "Ship to: John Doe +1 212-555-0199 500 5th Ave Floor 3 New York NY 10110 US" in out
    assert "paid 66.39 USD" in out
    assert [line.split()[:5] for line in out.splitlines()[-2:]] == [
        ["1", "TEA-001", "2", "24.95", "TEA-001"], ["2", "ACC-001", "1", "12.50", "ACC-001"]]


def test_bad_rows_exit_2_listing_every_row(db, actor, capsys):
    db.transact(lambda s: setup.base(s, actor))
    code, out, err = _run(db, capsys, "order", "import", str(ORDERS / "taobao_bad.csv"),
                          "--shop", "TMALL")
    assert code == 2
    assert [line.split(":")[0] for line in out.splitlines()] == [
        "line 2", "line 3 (2981234567890120001)", "line 5 (2981234567890120002)", "line 6",
        "line 7 (2981234567890120003)"]
    assert err == "waredesk: taobao_bad.csv: 5 of 6 rows are wrong; nothing was imported.\n"
    code, out, err = _run(db, capsys, "order", "import", str(ORDERS / "amazon.txt"),
                          "--shop", "NOPE")
    assert code == 2 and "There is no shop NOPE" in err
    code, out, err = _run(db, capsys, "order", "show", "TMALL", "42")
    assert (code, err) == (2, "waredesk: Shop TMALL has no order 42.\n")
