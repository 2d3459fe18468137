"""The sample order exports in tests/data/orders sell the demo's products: the README imports
them into the demo, and a packer reads the order's title next to the product on screen."""

from __future__ import annotations

import re

from models.demo.catalog import demo_products
from models.masterdata.products import ProductInput
from models.masterdata.table_reading import read_table
from tests.db.sales_setup import ORDERS

#: Sample file -> its SKU column and its title column (as read_table names them).
SAMPLES = {
    "taobao_gb18030.csv": ("商家编码", "宝贝标题"),
    "taobao_bad.csv": ("商家编码", "宝贝标题"),
    "jd_utf8_bom.csv": ("商家sku", "商品名称"),
    "pinduoduo.csv": ("商家编码_sku维度", "商品"),
    "douyin.csv": ("商家编码", "选购商品"),
    "shopify.csv": ("lineitem_sku", "lineitem_name"),
    "amazon.txt": ("sku", "product_name"),
    "youzan_gb18030.csv": ("规格编码", "商品名称"),
}
#: Lines that show what an unknown product does: no SKU, a SKU and a barcode the demo lacks.
NOT_IN_DEMO = {"", "NOT-HERE", "6923456000029"}


def _words(text: str) -> set[str]:
    """The English words of four letters or more and the pairs of Chinese characters."""
    lowered = text.lower()
    words = set(re.findall(r"[a-z][a-z'-]{3,}", lowered))
    for run in re.findall(r"[\u4e00-\u9fff]+", lowered):
        words.update(run[i:i + 2] for i in range(len(run) - 1))
    return words


def _sample_lines() -> list[tuple[str, int, str, str]]:
    lines = []
    for name, (sku_column, title_column) in SAMPLES.items():
        for row in read_table(ORDERS / name, known=None, required=()):
            sku = str(row.cells[sku_column] or "").strip()
            lines.append((name, row.line, sku, str(row.cells[title_column])))
    return lines


def _demo_by_code() -> dict[str, ProductInput]:
    found = {}
    for product in demo_products():
        found[product.sku] = product
        found.update((barcode.code, product) for barcode in product.barcodes)
    return found


def test_every_sample_file_is_checked():
    assert sorted(path.name for path in ORDERS.iterdir()) == sorted(SAMPLES)


def test_every_sample_line_sells_a_demo_product_under_its_own_name():
    demo = _demo_by_code()
    wrong = []
    for name, line, sku, title in _sample_lines():
        if sku in NOT_IN_DEMO:
            continue
        product = demo.get(sku)
        if product is None:
            wrong.append(f"{name} line {line}: {sku} is not a demo product")
        elif not _words(title) & _words(f"{product.name} {product.alt_name}"):
            wrong.append(f"{name} line {line}: {sku} is {product.name} ({product.alt_name}) "
                         f"in the demo, not {title!r}")
    assert wrong == []
