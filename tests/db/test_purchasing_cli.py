"""`waredesk supplier ...` and `waredesk po ...`, and the printed purchase order."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from app.cli.main import main
from models.entities import Product, PurchaseOrder, PurchaseOrderLine
from models.purchasing.order_document import order_document_data
from tests.db import purchasing_setup as setup
from tests.printing.decoding import decoded, images_of

DATA = Path(__file__).resolve().parents[1] / "data"


def _run(db, capsys, *args: str) -> tuple[int, str, str]:
    code = main(["--db", db.url, *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_supplier_add_and_list(db, capsys):
    assert _run(db, capsys, "warehouse", "add", "WH1", "Main")[0] == 0
    code, out, _ = _run(db, capsys, "supplier", "add", "HZT", "Hangzhou Textile 杭州纺织",
                        "--tolerance", "10", "--beyond", "warn", "--phone", "0571-1234")
    assert (code, out) == (0, "Created supplier HZT.\n")
    code, _, err = _run(db, capsys, "supplier", "add", "HZT", "Again")
    assert code == 2 and err == "waredesk: Supplier HZT: code: HZT is used by another " \
        "supplier\n"
    code, _, err = _run(db, capsys, "supplier", "add", "X1", "Bad", "--tolerance", "-5")
    assert code == 2 and "over_receipt_pct" in err and err.count("\n") == 1
    code, out, _ = _run(db, capsys, "supplier", "list")
    assert code == 0 and "HZT" in out and "+10% then warn" in out and "X1" not in out


def test_po_import_list_show_close_and_print(db, actor, capsys, tmp_path):
    db.transact(lambda s: setup.base(s, actor))
    code, out, _ = _run(db, capsys, "po", "import", str(DATA / "purchase_orders.csv"),
                        "--dry-run")
    assert code == 0 and "would create 2 orders" in out
    code, out, _ = _run(db, capsys, "po", "import", str(DATA / "purchase_orders_bad.csv"))
    assert code == 2
    assert [line.split(":")[0] for line in out.splitlines()] == [
        "line 3 (PO-2026-0301)", "line 4", "line 5 (PO-2026-0302)", "line 6 (PO 2026/0303)"]
    code, out, _ = _run(db, capsys, "po", "import", str(DATA / "purchase_orders.csv"))
    assert code == 0 and "created 2 orders" in out

    def receive(s):
        line = s.scalars(select(PurchaseOrderLine).join(PurchaseOrder).where(
            PurchaseOrder.number == "2026-0101", PurchaseOrderLine.line_no == 2)).one()
        setup.receive(s, actor, line.id, line.product_id, 50)
    db.transact(receive)
    code, out, _ = _run(db, capsys, "po", "show", "po-2026-0101")
    assert code == 0
    sock = next(line for line in out.splitlines() if "SOCK-1" in line).split()
    assert sock[:4] == ["2", "SOCK-1", "200", "50"]
    code, out, _ = _run(db, capsys, "po", "list", "--status", "open")
    assert code == 0 and "PO-2026-0101" in out and "50/300 received" in out
    assert _run(db, capsys, "po", "close", "PO-2026-0102")[0] == 0
    code, out, _ = _run(db, capsys, "po", "list", "--status", "closed")
    assert out.split()[0] == "PO-2026-0102" and len(out.splitlines()) == 1
    code, _, err = _run(db, capsys, "po", "close", "PO-2026-0102")
    assert code == 2 and err == "waredesk: PO-2026-0102 is closed already.\n"
    code, _, err = _run(db, capsys, "po", "show", "PO-404")
    assert code == 2 and err == "waredesk: There is no purchase order PO-404.\n"

    pdf = tmp_path / "po.pdf"
    code, out, _ = _run(db, capsys, "po", "print", "2026-0101", "--out", str(pdf))
    assert code == 0 and "PO-2026-0101" in out
    pages = images_of(pdf.read_bytes(), "pdf", 300)
    assert len(pages) == 1
    assert ("PO-2026-0101", "]C0") in decoded(pages[0])


def test_document_data_holds_chinese_names_amounts_and_total(db, actor):
    db.transact(lambda s: setup.base(s, actor))

    def arrange(s):
        tea = s.scalars(select(Product).where(Product.sku == "TEA-1")).one()
        tea.alt_name = "西湖龙井"
        return setup.order(s, actor, "D1", TEA_1=4, SOCK_1=3)
    order_id = db.transact(arrange)
    with db.read() as s:
        data = order_document_data(s, order_id)
    assert data["po_number"] == "PO-D1"
    assert data["supplier"] == "Hangzhou Textile 杭州纺织 (HZT)"
    assert data["supplier_address"] == "杭州市萧山区"
    assert [(r["sku"], r["name"], r["qty"], r["amount"]) for r in data["lines"]] == [
        ("TEA-1", "Product TEA-1 西湖龙井", 4, "10.00"), ("SOCK-1", "Product SOCK-1", 3, "7.50")]
    assert data["total"] == "17.50" and "expected_date" not in data
