"""Suppliers and purchase orders: validation, numbers, lines, receipts kept, close and reopen."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from models.actor import Actor
from models.entities import AuditEvent, Product, PurchaseOrder
from models.errors import InputError, PermissionDenied
from models.masterdata.fields import ValidationFailed
from models.purchasing.order_values import order_from_values, order_values
from models.purchasing.order_views import order_list, order_view
from models.purchasing.orders import (
    OrderInput,
    OrderLineInput,
    close_order,
    order_by_number,
    reopen_order,
    save_order,
)
from models.purchasing.received import received_by_line
from models.purchasing.suppliers import (
    SupplierInput,
    save_supplier,
    supplier_from_values,
    supplier_list,
)
from tests.db import purchasing_setup as setup

TODAY = date(2026, 11, 22)


@pytest.fixture
def based(db, actor):
    db.transact(lambda s: setup.base(s, actor))
    return db


def _fields(failure: ValidationFailed) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for error in failure.errors:
        found.setdefault(error.field, []).append(error.message)
    return found


def test_supplier_fields_are_checked_together_and_codes_are_unique(based, actor):
    with pytest.raises(ValidationFailed) as caught:
        supplier_from_values({"code": "BAD CODE", "name": "", "email": "nope",
                              "over_receipt_pct": "-3", "over_receipt_beyond": "maybe"})
    assert set(_fields(caught.value)) == {"code", "name", "email", "over_receipt_pct",
                                          "over_receipt_beyond"}
    with pytest.raises(ValidationFailed, match="HZT is used by another supplier"):
        based.transact(lambda s: save_supplier(s, actor, SupplierInput("HZT", "Again")))
    based.transact(lambda s: save_supplier(s, actor, SupplierInput(
        "SZE", "Shenzhen Electronics 深圳电子", over_receipt_beyond="block")))
    with based.read() as s:
        rows = supplier_list(s, "深圳")
        assert [(r.code, r.over_receipt_pct, r.over_receipt_beyond) for r in rows] == [
            ("SZE", 0, "block")]
        assert [r.code for r in supplier_list(s, "hz")] == ["HZT"]


def test_purchasing_needs_the_purchasing_permission(based, actor):
    clerk = Actor(actor.user_id, "pete", "ws", frozenset())
    with pytest.raises(PermissionDenied):
        based.transact(lambda s: save_supplier(s, clerk, SupplierInput("X", "X")))
    with pytest.raises(PermissionDenied):
        based.transact(lambda s: setup.order(s, clerk, TEA_1=5))


def test_an_empty_number_gets_the_next_of_the_year_and_po_prefix_is_stripped(based, actor):
    data = OrderInput(supplier="HZT", warehouse="WH1", lines=[OrderLineInput("TEA-1", 5)])
    first = based.transact(lambda s: save_order(s, actor, data, today=TODAY).number)
    second = based.transact(lambda s: save_order(s, actor, data, today=TODAY).number)
    typed = based.transact(lambda s: save_order(s, actor, replace(data, number="po-77a"),
                                                today=TODAY).number)
    assert (first, second, typed) == ("2026-0001", "2026-0002", "77A")
    with based.read() as s:
        assert order_by_number(s, "PO-77A").code == "PO-77A"
        assert order_by_number(s, "2026-0002").number == "2026-0002"
    with pytest.raises(ValidationFailed, match="PO-77A is another order"):
        based.transact(lambda s: save_order(s, actor, replace(data, number="PO-77A")))


def test_every_bad_field_and_line_is_reported_at_once(based, actor):
    values = {"number": "PO-2026/1", "supplier": "NOBODY", "warehouse": "WH9",
              "expected_date": "next week",
              "lines": [{"sku": "TEA-1", "qty": "2.5", "unit_cost": "-1"},
                        {"sku": "GHOST", "qty": "3"}, {"sku": "SOCK-1", "qty": "0"}]}
    with pytest.raises(ValidationFailed) as caught:
        data = order_from_values(values)
    messages = _fields(caught.value)
    assert "next week" in messages["expected_date"][0]
    assert any("2.5" in m for m in messages["lines"])
    assert any("unit cost" in m for m in messages["lines"])
    values |= {"expected_date": "2026-12-01",
               "lines": [{"sku": "GHOST", "qty": "3"}, {"sku": "SOCK-1", "qty": "0"}]}
    data = order_from_values(values)
    with pytest.raises(ValidationFailed) as caught:
        based.transact(lambda s: save_order(s, actor, data))
    messages = _fields(caught.value)
    assert set(messages) == {"number", "supplier", "warehouse", "lines"}
    assert "line 1: there is no product GHOST" in messages["lines"]
    assert "line 2: the quantity must be more than zero" in messages["lines"]
    with based.read() as s:
        assert s.scalars(select(PurchaseOrder)).all() == []


def test_edit_keeps_line_ids_renumbers_lines_and_audits(based, actor):
    order_id = based.transact(lambda s: setup.order(s, actor, "A1", TEA_1=5, SOCK_1=10))
    with based.read() as s:
        values = order_values(order_view(s, order_id))
    tea_line = values["lines"][0]["line_id"]
    values["lines"] = [values["lines"][1] | {"qty": "12"}, {"sku": "CABLE-1", "qty": "3",
                                                           "unit_cost": "9.9"}]
    values["lines"].insert(0, {"line_id": tea_line, "sku": "TEA-1", "qty": "6",
                               "expected_date": "2026-12-03"})
    based.transact(lambda s: save_order(s, actor, order_from_values(values),
                                        order_id=order_id))
    with based.read() as s:
        view = order_view(s, order_id)
        assert [(line.line_no, line.sku, line.qty) for line in view.lines] == [
            (1, "TEA-1", 6), (2, "SOCK-1", 12), (3, "CABLE-1", 3)]
        assert view.lines[0].line_id == tea_line
        assert view.lines[0].expected_date == date(2026, 12, 3)
        assert view.lines[2].unit_cost == Decimal("9.9")
        actions = s.scalars(select(AuditEvent.action).where(
            AuditEvent.entity == "purchase_order")).all()
        assert actions == ["purchase_order.create", "purchase_order.update"]


def test_a_received_line_cannot_be_removed_or_shrunk_below_what_arrived(based, actor):
    order_id = based.transact(lambda s: setup.order(s, actor, "R1", TEA_1=10, SOCK_1=4))

    def receive(s):
        view = order_view(s, order_id)
        tea = s.scalar(select(Product.id).where(Product.sku == "TEA-1"))
        setup.receive(s, actor, view.lines[0].line_id, tea, 6)
        setup.receive(s, actor, view.lines[0].line_id, tea, 3, undone=True)
    based.transact(receive)
    with based.read() as s:
        view = order_view(s, order_id)
        assert received_by_line(s, order_id) == {view.lines[0].line_id: 6}
        assert [r.received for r in order_list(s, "R1")] == [6]
    shrink = OrderInput(supplier="HZT", warehouse="WH1", lines=[OrderLineInput("TEA-1", 5),
                                                                OrderLineInput("SOCK-1", 4)])
    with pytest.raises(ValidationFailed, match="6 units are received already"):
        based.transact(lambda s: save_order(s, actor, shrink, order_id=order_id))
    dropped = OrderInput(supplier="HZT", warehouse="WH1", lines=[OrderLineInput("SOCK-1", 4)])
    with pytest.raises(ValidationFailed, match="it cannot be removed"):
        based.transact(lambda s: save_order(s, actor, dropped, order_id=order_id))
    # Down to exactly what arrived is fine, and the SOCK line without receipts may go.
    exact = OrderInput(supplier="HZT", warehouse="WH1", lines=[OrderLineInput("TEA-1", 6)])
    based.transact(lambda s: save_order(s, actor, exact, order_id=order_id))
    with based.read() as s:
        view = order_view(s, order_id)
        assert [(line.sku, line.qty, line.received) for line in view.lines] == [
            ("TEA-1", 6, 6)]
        assert view.status == "received"


def test_close_and_reopen(based, actor):
    order_id = based.transact(lambda s: setup.order(s, actor, "C1", TEA_1=10))
    based.transact(lambda s: close_order(s, actor, order_id))
    with based.read() as s:
        assert [r.status for r in order_list(s, status="closed")] == ["closed"]
        assert order_list(s, status="open") == []
    with pytest.raises(InputError, match="PO-C1 is closed; reopen it"):
        based.transact(lambda s: save_order(
            s, actor, OrderInput("HZT", "WH1", lines=[OrderLineInput("TEA-1", 1)]),
            order_id=order_id))
    with pytest.raises(InputError, match="closed already"):
        based.transact(lambda s: close_order(s, actor, order_id))
    based.transact(lambda s: reopen_order(s, actor, order_id))
    with based.read() as s:
        assert order_view(s, order_id).status == "open"
    with pytest.raises(InputError, match="is not closed"):
        based.transact(lambda s: reopen_order(s, actor, order_id))


def test_list_searches_number_supplier_and_shows_newest_first(based, actor):
    for number in ("2026-0001", "2026-0002", "2026-0003"):
        based.transact(lambda s, n=number: setup.order(s, actor, n, TEA_1=2, SOCK_1=3))
    with based.read() as s:
        rows = order_list(s)
        assert [r.code for r in rows] == ["PO-2026-0003", "PO-2026-0002", "PO-2026-0001"]
        assert (rows[0].lines, rows[0].ordered, rows[0].received) == (2, 5, 0)
        assert [r.number for r in order_list(s, "PO-2026-0002")] == ["2026-0002"]
        assert len(order_list(s, "杭州")) == 3 and len(order_list(s, "hzt")) == 3
        assert [r.number for r in order_list(s, after="2026-0002")] == ["2026-0001"]
