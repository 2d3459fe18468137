"""Reviewing orders on the Sales orders page: the new orders go through the rules, the detail
shows why an order waits, where it ships from, the stock reserved for it and the trace; a held
order is released, an approved one held again with a reason, and one cancelled."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from models.carriers.carriers import add_carrier
from models.ledger import on_hand
from models.ledger.queries import available
from models.sales.orders import OrderInput, OrderLineInput, save_order
from models.sales.rules import add_rule
from models.sales.shops import ShopInput, save_shop
from models.users import system_actor
from tests.gui.sample_data import Sample
from tests.gui.screenshots import screenshot
from views.main_window import MainWindow
from views.sales.page import SalesOrdersPage

ADDRESS = {"recipient": "王小明", "phone": "13812345678", "city": "杭州市",
           "street": "文三路 100号"}


def _order(number: str, sku: str, qty: int, **fields) -> OrderInput:
    return OrderInput(number=number, ordered_at=datetime(2026, 12, 1, 9, tzinfo=UTC),
                      lines=(OrderLineInput(sku, sku, qty, Decimal("59.00")),),
                      **{**ADDRESS, **fields})


@pytest.fixture
def orders(sqlite_db, sample):
    """Three phone orders and two rules: ship from SH1 by SF; hold a buyer's note; approve."""
    def work(s) -> None:
        actor = system_actor(s, "PACK-01")
        save_shop(s, actor, ShopInput("PHONE", "Phone orders", "other"))
        save_order(s, actor, "PHONE", _order("TEL-1", "TSH-WHT-M", 3))
        save_order(s, actor, "PHONE", _order("TEL-2", "TSH-WHT-M", 5,
                                             buyer_note="请用礼盒包装"))
        save_order(s, actor, "PHONE", _order("TEL-3", "NO-SUCH-SKU", 1))
        add_carrier(s, actor, code="SF", name="SF Express 顺丰速运", kind="manual")
        add_rule(s, actor, name="Ship from SH1 by SF", conditions={},
                 actions={"warehouse": "SH1", "carrier": "SF"})
        add_rule(s, actor, name="Buyer note", conditions={"buyer_note": True},
                 actions={"decision": "hold", "reason": "buyer note: read it"})
        add_rule(s, actor, name="The rest", conditions={}, actions={"decision": "approve"})
    sqlite_db.transact(work)


@pytest.fixture
def page(qtbot, workspace, orders) -> SalesOrdersPage:
    main = MainWindow(workspace)
    qtbot.addWidget(main)
    main.resize(1400, 900)
    main.show()
    main.show_page("sales")
    found = main.page("sales")
    qtbot.waitUntil(lambda: found.model.rowCount() == 3)
    return found


def statuses(page: SalesOrdersPage) -> dict[str, str]:
    model = page.model
    return {model.data(model.index(r, 1)): model.data(model.index(r, 2))
            for r in range(model.rowCount())}


def choose(qtbot, page: SalesOrdersPage, *numbers: str) -> None:
    page.list.clearSelection()
    for row in range(page.model.rowCount()):
        if page.model.row_at(row).number in numbers:
            page.list.selectionModel().select(
                page.model.index(row, 0), page.list.selectionModel().SelectionFlag.Select
                | page.list.selectionModel().SelectionFlag.Rows)
    first = numbers[0]
    qtbot.waitUntil(lambda: page.order_editor.view is not None
                    and page.order_editor.view.number == first)


def white_tees(db, sample: Sample) -> tuple[int, int]:
    """On hand and available of TSH-WHT-M in A-01-01 (200 on hand, 12 reserved already)."""
    with db.read() as s:
        product, bin_id = sample.products["TSH-WHT-M"], sample.bins["A-01-01"]
        return (on_hand(s, product, location_id=bin_id),
                available(s, product, location_id=bin_id))


def test_orders_are_reviewed_released_held_and_cancelled_from_the_page(
        qtbot, page, sqlite_db, sample, monkeypatch):
    assert white_tees(sqlite_db, sample) == (200, 188)
    page.review_bar.review_button.click()
    qtbot.waitUntil(lambda: "approved" in page.status.text())
    assert page.status.text() == ("1 approved, 1 held, 1 exceptions, 0 backordered, "
                                  "0 cancelled. PHONE TEL-3: exception: line 1: NO-SUCH-SKU "
                                  "is no product here.")
    qtbot.waitUntil(lambda: statuses(page) == {"TEL-1": "Approved", "TEL-2": "Held",
                                               "TEL-3": "Exception"})
    assert white_tees(sqlite_db, sample) == (200, 185)

    choose(qtbot, page, "TEL-2")
    review = page.order_editor.review
    assert review.reason.text() == "buyer note: read it"
    assert review.shipping.text() == "from SH1, by SF, priority 0"
    assert review.reserved.rowCount() == 0
    trace = [review.trace.item(r, 2).text() for r in range(review.trace.rowCount())]
    assert trace == ["Ship from SH1 by SF", "Buyer note", ""]

    page.review_bar.buttons["release"].click()  # alice is a supervisor
    qtbot.waitUntil(lambda: statuses(page).get("TEL-2") == "Approved")
    qtbot.waitUntil(lambda: review.reserved.rowCount() == 1)
    assert [review.reserved.item(0, c).text() for c in (1, 2, 5)] == [
        "TSH-WHT-M", "A-01-01", "5"]
    effects = [review.trace.item(r, 3).text() for r in range(review.trace.rowCount())]
    assert effects[-2:] == ["hold released by alice", "approved: 5 units reserved"]
    assert white_tees(sqlite_db, sample) == (200, 180)
    screenshot(page.window(), "sales-review")

    monkeypatch.setattr(page.review_bar, "ask_reason", lambda action: "address to check")
    choose(qtbot, page, "TEL-1", "TEL-2")
    page.review_bar.buttons["hold"].click()
    qtbot.waitUntil(lambda: statuses(page) == {"TEL-1": "Held", "TEL-2": "Held",
                                               "TEL-3": "Exception"})
    assert white_tees(sqlite_db, sample) == (200, 188)  # their stock is free again
    qtbot.waitUntil(lambda: review.reason.text() == "address to check")

    choose(qtbot, page, "TEL-3")
    monkeypatch.setattr(page.review_bar, "ask_reason", lambda action: None)  # gave up
    page.review_bar.buttons["cancel"].click()
    monkeypatch.setattr(page.review_bar, "ask_reason", lambda action: "")
    page.review_bar.buttons["cancel"].click()
    qtbot.waitUntil(lambda: statuses(page).get("TEL-3") == "Cancelled")
    assert page.status.text().startswith("0 approved, 0 held, 0 exceptions, 0 backordered, "
                                         "1 cancelled.")


def test_a_picker_sees_no_review_buttons(qtbot, sqlite_db, sample, orders, runner):
    from tests.gui.conftest import make_workspace

    main = MainWindow(make_workspace(runner, sqlite_db, "pete"))
    qtbot.addWidget(main)
    assert main.page("sales") is None  # pickers do not keep orders at all
