"""A receiving screen at a Chinese workstation: after wedge scans the prompt, the flash and
what to do next, the markers, the approval dialog and the receipt summary read in Chinese,
not only the labels; and a domain error in a message box too."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from app.device_bridge import DeviceBridge
from app.device_settings import DeviceSettings
from app.error_display import error_text
from app.qt_app import Translators
from app.workspace import Workspace
from devices.sound import SoundPlayer
from models.db import Database
from models.errors import InputError
from models.feedback import Level
from models.users import LoginFailed
from tests.gui.sample_data import Sample
from tests.gui.screenshots import screenshot
from tests.gui.test_floor_receiving import Recorder, WedgeScanner, purchase_order
from tests.unit.test_message_catalogue import english_left
from views.floor.approval import ApprovalDialog
from views.floor.receiving_page import ReceivingPage
from views.floor.summary import SummaryDialog
from views.main_window import MainWindow

#: The sample data's own words, which stay as they are.
DATA = ("PO-2025-0042", "Yiwu Textiles", "TSH-WHT-M", "MUG-CER-350", "USB-C-1M", "RCV-01",
        "A-01-01", "REC-")


@pytest.fixture
def chinese(qtbot, workspace: Workspace, sqlite_db: Database, sample: Sample,
            tmp_path: Path) -> Iterator[dict[str, Any]]:
    purchase_order(sqlite_db, sample, "2025-0042",
                   [("TSH-WHT-M", 24), ("MUG-CER-350", 2), ("USB-C-1M", 5)])
    workspace.settings.language = "zh_CN"
    translators = Translators()
    translators.install("zh_CN")
    workspace.devices = DeviceBridge(DeviceSettings())
    sounds = Recorder()
    workspace.sounds = SoundPlayer(tmp_path / "sounds", backend=sounds)
    try:
        main = MainWindow(workspace)
        qtbot.addWidget(main)
        main.resize(1366, 860)
        main.show()
        qtbot.waitExposed(main)
        main.activateWindow()
        main.show_page("receiving")
        page = main.current_page()
        assert isinstance(page, ReceivingPage)
        qtbot.waitUntil(lambda: page.view is not None)
        qtbot.waitUntil(page.entry.hasFocus)
        yield {"main": main, "page": page, "sounds": sounds, "scanner": WedgeScanner()}
    finally:
        workspace.devices.stop()
        translators.install("en")


def scan(qtbot, rig: dict[str, Any], code: str) -> None:
    before = len(rig["sounds"].played)
    rig["scanner"].scan(code)
    qtbot.waitUntil(lambda: len(rig["sounds"].played) > before, timeout=5000)


def shown_texts(page: ReceivingPage) -> list[str]:
    return [page.title.text(), page.prompt.text(), page.flash.message, page.flash.next_step,
            page.markers.text(), *(page.recent.item(r).text() for r in range(page.recent.count())),
            *(page.table.item(r, 5).text() for r in range(page.table.rowCount()))]


def test_wedge_scans_on_a_chinese_receiving_screen_answer_in_chinese(chinese, qtbot):
    page: ReceivingPage = chinese["page"]
    assert page.prompt.text() == "扫描采购单（F2 输入单号，F3 无单收货）"
    scan(qtbot, chinese, "PO-2025-0042")
    assert page.flash.message.endswith("正在收货 PO-2025-0042，供应商：Yiwu Textiles。")
    assert page.flash.next_step == "扫描第一件商品。"
    assert page.prompt.text() == "扫描下一件商品"
    scan(qtbot, chinese, "16901234567899")  # a case of 24 T-shirts
    assert page.flash.message.endswith("+24 TSH-WHT-M → RCV-01")
    qtbot.keyClick(page.entry, Qt.Key.Key_F8)
    qtbot.waitUntil(lambda: page.markers.text() == "破损 → 隔离区")
    assert page.prompt.text() == "扫描下一件商品（破损）"
    qtbot.keyClick(page.entry, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: page.markers.isHidden())
    scan(qtbot, chinese, "A-01-01")  # a bin, not an item
    assert page.flash.level is Level.ERROR
    assert page.flash.message.endswith(
        "库位 A-01-01 是库位：收货时请扫描商品（上架请到“上架”页面）。")
    scan(qtbot, chinese, "6901234567892")  # a 25th T-shirt: the supplier allows none over
    assert page.flash.message.endswith(
        "TSH-WHT-M 超收：已收 25 / 订购 24。需主管批准（F9），或取消（Esc）。")
    assert page.prompt.text() == "TSH-WHT-M 超收：需主管批准（F9）或取消（Esc）"
    for text in shown_texts(page):
        assert english_left(text, *DATA) == [], text
    screenshot(chinese["main"], "receiving_zh2")
    qtbot.keyClick(page.entry, Qt.Key.Key_F9)
    assert isinstance(page.dialog, ApprovalDialog)
    assert "已收 25 / 订购 24" in page.dialog.why.text()
    assert page.view is not None and page.view.asking == "approval"  # the view stays English


def test_the_receipt_summary_says_what_came_in_in_chinese(chinese, qtbot):
    page: ReceivingPage = chinese["page"]
    scan(qtbot, chinese, "PO-2025-0042")
    scan(qtbot, chinese, "16901234567899")
    scan(qtbot, chinese, "CMD-DONE")
    qtbot.waitUntil(lambda: isinstance(page.dialog, SummaryDialog), timeout=5000)
    assert page.dialog.message.text() == "REC-1：已收 24 件，破损 0 件，2 行短缺"
    assert page.flash.message.endswith("收货完成。REC-1：已收 24 件，破损 0 件，2 行短缺。")


def test_a_domain_error_reads_in_the_language_the_app_shows(styled_app):
    error = LoginFailed("Wrong user name or password.")
    assert error_text(error, "zh_CN") == "用户名或密码错误。"
    assert error_text(error) == "Wrong user name or password."  # the app is in English
    translators = Translators()
    translators.install("zh_CN")
    try:
        assert error_text(error) == "用户名或密码错误。"
        assert error_text(InputError("There is no supplier ACME.")) == "没有供应商 ACME。"
    finally:
        translators.install("en")
