"""The command sheet: one Code 128 barcode per workflow command (Done, Cancel, Bin empty,
Quantity +n), plus the two barcodes that check a scanner's set-up: a GS1-128 code with a GS
separator and the keyboard-layout test. Printed on A4 with English and Chinese captions."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from reportlab.graphics.barcode.code128 import Code128
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from models.scanning import command_sheet
from models.scanning.layout_check import TEST_PATTERN

FONT = "WenQuanYiMicroHei"
FNC1 = "\xf1"  # how reportlab's Code 128 writes the FNC1 character
# Data of the separator test: (01) GTIN, (10) lot, FNC1 as separator, (17) expiry.
GS_TEST = f"{FNC1}0109501101530003" f"10GS-TEST{FNC1}17301231"
GS_TEST_SCAN = "0109501101530003" "10GS-TEST\x1d17301231"


@dataclass(frozen=True)
class SheetBarcode:
    """A barcode of the sheet: what it encodes, what a scanner should send, captions."""

    data: str
    expected_scan: str
    caption: str
    caption_zh: str


def sheet_barcodes() -> list[SheetBarcode]:
    """Everything printed on the sheet, in order."""
    items = [SheetBarcode(e.code, e.code, e.caption, e.caption_zh) for e in command_sheet()]
    items.append(SheetBarcode(GS_TEST, GS_TEST_SCAN, "Scanner test: GS separator",
                              "扫描枪测试：GS 分隔符"))
    items.append(SheetBarcode(TEST_PATTERN, TEST_PATTERN, "Scanner test: keyboard layout",
                              "扫描枪测试：键盘布局"))
    return items


def _register_font() -> None:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        path = resources.files("resources") / "fonts" / "wqy-microhei.ttc"
        pdfmetrics.registerFont(TTFont(FONT, str(path), subfontIndex=0))


def write_command_sheet(target: Path) -> Path:
    """Write the sheet as a PDF; returns the file written."""
    _register_font()
    canvas = Canvas(str(target), pagesize=A4, pageCompression=1)
    canvas.setTitle("WareDesk command sheet")
    width, height = A4
    canvas.setFont(FONT, 16)
    canvas.drawString(20 * mm, height - 20 * mm, "WareDesk — command sheet  命令条码表")
    canvas.setFont(FONT, 9)
    canvas.drawString(20 * mm, height - 26 * mm, "Scan a command while a floor screen is open. "
                      "扫描命令条码以操作当前作业。")
    column_x = (20 * mm, width / 2 + 5 * mm)
    row_height = 27 * mm
    y = height - 38 * mm
    commands = [item for item in sheet_barcodes() if item.data.startswith("CMD-")]
    for index, item in enumerate(commands):
        _draw_barcode(canvas, item, column_x[index % 2], y - (index // 2) * row_height)
    # The set-up tests are long: each gets a whole row.
    y -= ((len(commands) + 1) // 2) * row_height + 4 * mm
    canvas.setFont(FONT, 13)
    canvas.drawString(20 * mm, y, "Scanner set-up  扫描枪设置")
    for item in sheet_barcodes()[len(commands):]:
        y -= 9 * mm
        _draw_barcode(canvas, item, column_x[0], y)
        y -= row_height - 9 * mm
    canvas.showPage()
    canvas.save()
    return target


def _draw_barcode(canvas: Canvas, item: SheetBarcode, x: float, y: float) -> None:
    canvas.setFont(FONT, 11)
    canvas.drawString(x, y, f"{item.caption}  {item.caption_zh}")
    # 0.33 mm modules: readable by every handheld scanner at arm's length.
    symbol = Code128(item.data, barWidth=0.33 * mm, barHeight=13 * mm, quiet=True,
                     lquiet=4 * mm, rquiet=4 * mm)
    symbol.drawOn(canvas, x - 4 * mm, y - 16 * mm)
    canvas.setFont(FONT, 7)
    canvas.drawString(x, y - 19.5 * mm, item.expected_scan.replace("\x1d", "<GS>"))
