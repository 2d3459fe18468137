"""The review rules and the Waves page at a Chinese workstation: the rules' conditions and
actions, the planning result, the wave list and the pick list read in Chinese (the data's own
words apart)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from app.qt_app import Translators
from app.workspace import Workspace
from tests.gui import test_sales_review, test_waves_page
from tests.gui.screenshots import screenshot
from tests.gui.test_waves_page import table
from tests.unit.test_message_catalogue import english_left
from views.main_window import MainWindow
from views.sales.rules_dialog import RulesDialog

# The phone orders with their three rules; the four approved orders for waves.
orders, approved = test_sales_review.orders, test_waves_page.approved


@pytest.fixture
def chinese(qtbot, workspace: Workspace) -> Iterator[MainWindow]:
    workspace.settings.language = "zh_CN"
    translators = Translators()
    translators.install("zh_CN")
    try:
        main = MainWindow(workspace)
        qtbot.addWidget(main)
        main.resize(1400, 900)
        main.show()
        yield main
    finally:
        translators.install("en")


def test_the_review_rules_read_in_chinese(qtbot, chinese, orders):
    chinese.show_page("sales")
    page = chinese.page("sales")
    assert page.rules_button.text() == "审单规则…"
    page.rules_button.click()
    dialog = page.findChild(RulesDialog)
    qtbot.waitUntil(lambda: dialog.list.rowCount() == 3)
    dialog.list.selectRow(1)
    qtbot.waitUntil(lambda: dialog.form.name.text() == "Buyer note")
    rows = [[dialog.list.item(r, c).text() for c in range(2, 5)] for r in range(3)]
    assert rows == [["是", "所有订单", "仓库 SH1；承运商 SF"],
                    ["是", "有买家留言", "挂起：有买家留言：read it"],  # a reason is partly words
                    ["是", "所有订单", "审核通过"]]
    assert dialog.windowTitle() == "审单规则"
    assert dialog.form.decision.currentText() == "挂起"
    screenshot(dialog, "review-rules-zh")


def test_the_waves_page_reads_in_chinese(qtbot, chinese, approved):
    chinese.show_page("waves")
    page = chinese.page("waves")
    qtbot.waitUntil(lambda: page.form.waiting.text() != "")
    assert page.form.waiting.text() == "4 个已审核订单等待波次：EMS 1, SF 3。"
    page.form.max_orders.setValue(2)
    page.form.plan_button.click()
    qtbot.waitUntil(lambda: page.pick_table.rowCount() == 2)
    assert page.result.text() == "3 个波次，4 个订单，6 件：WAVE-1, WAVE-2, WAVE-3。"
    first = table(page.wave_list)[0]
    assert first[:3] == ["WAVE-3", "待拣货", "EMS"]
    assert first[-1] == "最多 2 个订单，最多 200 件"
    assert page.wave_title.text() == "WAVE-1：2 个订单，承运商 SF"
    assert english_left(page.pick_total.text()) == []
    screenshot(chinese, "waves-zh")
