"""Sales orders as values (OrderInput), their checks, and saving them: many at once for an
import (bulk inserts, products resolved in one query per 10,000 SKUs), or one typed in."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from models import audit
from models.actor import Actor
from models.entities import (
    Barcode,
    Product,
    SalesOrder,
    SalesOrderLine,
    SalesOrderStatus,
    utcnow,
)
from models.errors import InputError
from models.masterdata.fields import FieldError, ValidationFailed
from models.permissions import Perm
from models.sales.shops import shop_by_code

_CHUNK = 10_000  # ids or codes per IN (...): inside both backends' parameter limits
#: Longest text each field may hold (the columns' sizes).
TEXT_SIZES = {"number": 64, "buyer_name": 255, "recipient": 255, "phone": 64, "email": 255,
              "province": 100, "city": 100, "district": 100, "street": 500, "postcode": 20,
              "country": 64, "buyer_note": 1000, "seller_note": 1000}
_LINE_SIZES = {"sku": 64, "title": 500, "line_ref": 64}


@dataclass(frozen=True)
class OrderLineInput:
    """One line as the shop sold it."""

    sku: str
    title: str
    qty: int
    unit_price: Decimal
    line_ref: str = ""


@dataclass(frozen=True)
class OrderInput:
    """A whole order: who it goes to, what was paid, its lines. Totals left None are
    worked out from the lines (goods) and the other amounts (paid)."""

    number: str
    ordered_at: datetime | None
    lines: tuple[OrderLineInput, ...]
    buyer_name: str = ""
    recipient: str = ""
    phone: str = ""
    email: str = ""
    province: str = ""
    city: str = ""
    district: str = ""
    street: str = ""
    postcode: str = ""
    country: str = ""
    buyer_note: str = ""
    seller_note: str = ""
    paid_at: datetime | None = None
    goods_total: Decimal | None = None
    shipping_fee: Decimal = Decimal("0.00")
    discount: Decimal = Decimal("0.00")
    paid_total: Decimal | None = None
    currency: str = "CNY"

    def completed(self) -> OrderInput:
        """The order with its totals filled in and its times in UTC."""
        goods = self.goods_total
        if goods is None:
            goods = sum((line.unit_price * line.qty for line in self.lines), Decimal("0.00"))
        paid = self.paid_total
        if paid is None:
            paid = max(goods + self.shipping_fee - self.discount, Decimal("0.00"))
        return replace(self, goods_total=goods, paid_total=paid,
                       ordered_at=self.ordered_at and self.ordered_at.astimezone(UTC),
                       paid_at=self.paid_at and self.paid_at.astimezone(UTC))

    def content_hash(self) -> str:
        """A fingerprint of every value: equal for an order exported twice unchanged."""
        # The dataclass repr names every field and line; astuple() would deep-copy them all.
        return hashlib.sha1(repr(self).encode("utf-8")).hexdigest()


def check_order(data: OrderInput) -> list[FieldError]:
    """Every problem of a whole order, in words a user can act on."""
    errors = []
    if not data.number:
        errors.append(FieldError("number", "is required"))
    if data.ordered_at is None:
        errors.append(FieldError("ordered_at", "is required"))
    for name, size in TEXT_SIZES.items():
        if len(getattr(data, name)) > size:
            errors.append(FieldError(name, f"is longer than {size} characters"))
    if len(data.currency) != 3 or not data.currency.isalpha():
        errors.append(FieldError("currency", f"'{data.currency}' is not a currency code "
                                 "like CNY or USD"))
    if not data.lines:
        errors.append(FieldError("lines", "an order needs at least one line"))
    for no, line in enumerate(data.lines, start=1):
        if not line.sku and not line.title:
            errors.append(FieldError("lines", f"line {no}: give the SKU or the title"))
        if line.qty <= 0:
            errors.append(FieldError("lines", f"line {no}: the quantity must be more than "
                                     "zero"))
        for name, size in _LINE_SIZES.items():
            if len(getattr(line, name)) > size:
                errors.append(FieldError("lines", f"line {no}: {name} is longer than {size} "
                                         "characters"))
    return errors


@dataclass
class SaveResult:
    """What saving a batch of orders did."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    lines: int = 0
    #: Orders that were left alone because they are past `new`: number -> status.
    kept: dict[str, str] = field(default_factory=dict)
    ids: dict[str, int] = field(default_factory=dict)


def product_ids(session: Session, skus: Iterable[str]) -> dict[str, int]:
    """The product of each shop SKU that is a product's SKU, else one of its barcodes."""
    wanted = sorted({s for s in skus if s})
    found: dict[str, int] = {}
    for start in range(0, len(wanted), _CHUNK):
        chunk = wanted[start:start + _CHUNK]
        found.update(session.execute(select(Barcode.code, Barcode.product_id).where(
            Barcode.code.in_(chunk))).all())
        found.update(session.execute(select(Product.sku, Product.id).where(
            Product.sku.in_(chunk))).all())  # a SKU wins over a barcode
    return found


def _stored(session: Session, shop_id: int, numbers: Sequence[str], *,
            lock: bool = True) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for start in range(0, len(numbers), _CHUNK):
        query = select(SalesOrder.number, SalesOrder.id, SalesOrder.status,
                       SalesOrder.content_hash).where(
            SalesOrder.shop_id == shop_id,
            SalesOrder.number.in_(numbers[start:start + _CHUNK]))
        if lock:  # PostgreSQL: a workstation moving one of them on meanwhile waits for us
            query = query.with_for_update()
        found.update((row.number, row) for row in session.execute(query))
    return found


def _header_row(order: OrderInput, digest: str) -> dict:
    return {"number": order.number, "buyer_name": order.buyer_name,
            "recipient": order.recipient, "phone": order.phone, "email": order.email,
            "province": order.province, "city": order.city, "district": order.district,
            "street": order.street, "postcode": order.postcode, "country": order.country,
            "buyer_note": order.buyer_note, "seller_note": order.seller_note,
            "ordered_at": order.ordered_at, "paid_at": order.paid_at,
            "goods_total": order.goods_total, "shipping_fee": order.shipping_fee,
            "discount": order.discount, "paid_total": order.paid_total,
            "currency": order.currency, "content_hash": digest}


def write_orders(session: Session, actor: Actor, shop_id: int,
                 orders: Sequence[OrderInput]) -> SaveResult:
    """Create each order, or update the shop's order of that number while it is `new`
    (its lines replaced); orders past `new` are left alone and listed in `kept`. The
    orders must have passed `check_order`."""
    actor.require(Perm.ORDERS_IMPORT)
    result = SaveResult()
    stored = _stored(session, shop_id, [o.number for o in orders])
    products = product_ids(session, (line.sku for o in orders for line in o.lines))
    now = utcnow()
    new_rows, new_orders, changed_rows, changed_orders = [], [], [], []
    for order in orders:
        order = order.completed()
        digest = order.content_hash()
        existing = stored.get(order.number)
        if existing is None:
            new_rows.append({**_header_row(order, digest), "shop_id": shop_id,
                             "status": SalesOrderStatus.NEW, "created_by": actor.user_id,
                             "created_at": now, "updated_at": now})
            new_orders.append(order)
        elif existing.status != SalesOrderStatus.NEW:
            result.kept[order.number] = existing.status
        elif existing.content_hash == digest:
            result.unchanged += 1
            result.ids[order.number] = existing.id
        else:
            changed_rows.append({**_header_row(order, digest), "id": existing.id,
                                 "updated_at": now})
            changed_orders.append((existing.id, order))
    if new_rows:
        # A plain executemany and one read of the ids: RETURNING makes psycopg parse a
        # statement of 27,000 parameters per 1,000 orders, three times slower.
        session.execute(insert(SalesOrder.__table__), new_rows)
        created = _stored(session, shop_id, [o.number for o in new_orders], lock=False)
        result.ids.update((number, row.id) for number, row in created.items())
        result.created = len(new_rows)
    if changed_rows:
        session.execute(update(SalesOrder), changed_rows)
        changed_ids = [order_id for order_id, _ in changed_orders]
        for start in range(0, len(changed_ids), _CHUNK):
            session.execute(delete(SalesOrderLine).where(
                SalesOrderLine.order_id.in_(changed_ids[start:start + _CHUNK])))
        result.ids.update((o.number, order_id) for order_id, o in changed_orders)
        result.updated = len(changed_rows)
    line_rows = [
        {"order_id": result.ids[order.number], "line_no": no, "sku": line.sku,
         "product_id": products.get(line.sku), "title": line.title, "qty": line.qty,
         "unit_price": line.unit_price, "line_ref": line.line_ref}
        for order in (*new_orders, *(o for _, o in changed_orders))
        for no, line in enumerate(order.lines, start=1)]
    if line_rows:
        session.execute(insert(SalesOrderLine.__table__), line_rows)
    result.lines = len(line_rows)
    return result


def save_order(session: Session, actor: Actor, shop: str, data: OrderInput) -> SalesOrder:
    """Create or update one order typed in by hand, with the checks an import makes;
    refuses an order that is past `new`."""
    actor.require(Perm.ORDERS_IMPORT)
    errors = check_order(data)
    if errors:
        raise ValidationFailed(f"Order {data.number or '(no number)'}", errors)
    shop_row = shop_by_code(session, shop)
    result = write_orders(session, actor, shop_row.id, [data])
    if data.number in result.kept:
        raise InputError(f"Order {data.number} of {shop_row.code} is "
                         f"{result.kept[data.number]} already; it can no longer be changed "
                         "here.")
    audit.record(session, actor, "sales_order.save", entity="sales_order",
                 entity_id=result.ids[data.number], shop=shop_row.code, number=data.number,
                 created=bool(result.created), changed=not result.unchanged)
    order = session.get(SalesOrder, result.ids[data.number])
    assert order is not None
    session.refresh(order)
    return order
