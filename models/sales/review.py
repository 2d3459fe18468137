"""Reviewing orders (审单): the rules decide, approval reserves the stock, every step is traced.

`review_orders` takes every `new` order (or the ones named) in one go: the rules are read
once, the orders' lines, warehouses and stock in a few batch queries, and the outcome written
with bulk statements, so 10,000 orders take seconds. The orders are read FOR UPDATE SKIP
LOCKED on PostgreSQL: two workstations reviewing at once share the orders, never review one
twice.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from models import audit
from models.actor import Actor
from models.entities import (
    OrderRuleTrace,
    PickTask,
    Product,
    ReviewRun,
    SalesOrder,
    SalesOrderLine,
    SalesOrderStatus,
    Shop,
    Warehouse,
    utcnow,
)
from models.errors import NotFound
from models.permissions import Perm
from models.plural import plural_s
from models.sales.allocation import (
    Allocation,
    LineToReserve,
    StockPool,
    partial_policy,
    reserve_allocations,
)
from models.sales.rule_terms import OrderFacts, Verdict, evaluate
from models.sales.rules import active_rules
from models.sales.shops import shop_by_code

_CHUNK = 10_000
_ORDER_COLUMNS = (SalesOrder.id, SalesOrder.number, SalesOrder.status, Shop.code,
                  SalesOrder.paid_total, SalesOrder.currency, SalesOrder.recipient,
                  SalesOrder.phone, SalesOrder.province, SalesOrder.city,
                  SalesOrder.district, SalesOrder.street, SalesOrder.country,
                  SalesOrder.buyer_note, SalesOrder.customer_tags, SalesOrder.warehouse_id,
                  SalesOrder.carrier, SalesOrder.priority, SalesOrder.hold_reason)


@dataclass
class ReviewSummary:
    """How many orders each outcome got, and the orders left alone (number -> why)."""

    approved: int = 0
    held: int = 0
    exception: int = 0
    backorder: int = 0
    cancelled: int = 0
    new: int = 0
    skipped: dict[str, str] = field(default_factory=dict)
    #: Order ("SHOP number") -> what a person should read of it: why it is an exception,
    #: the hold reason it had before a new one.
    notes: dict[str, str] = field(default_factory=dict)

    @property
    def line(self) -> str:
        """The counts in one line, as the command line prints them."""
        counts = [f"{getattr(self, name)} {name}" for name in
                  ("approved", "held", "exception", "backorder", "cancelled", "new")
                  if getattr(self, name) or name in ("approved", "held", "exception")]
        skipped = f"; {len(self.skipped)} left alone" if self.skipped else ""
        return ", ".join(counts) + skipped


@dataclass
class _Order:
    """An order under review and what happens to it."""

    row: Any
    status: str = ""
    reason: str = ""
    warehouse_id: int | None = None
    carrier: str | None = None
    priority: int = 0
    steps: list[tuple[int | None, str, str]] = field(default_factory=list)
    allocation: Allocation | None = None


def load_orders(session: Session, *, order_ids: Sequence[int] | None = None,
                statuses: Iterable[str] = (SalesOrderStatus.NEW,), shop: str = "",
                lock: bool = True) -> list[Any]:
    """The orders (as rows of `_ORDER_COLUMNS`) of these statuses, oldest first; on
    PostgreSQL locked, skipping orders another workstation holds."""
    query = (select(*_ORDER_COLUMNS).join(Shop, Shop.id == SalesOrder.shop_id)
             .where(SalesOrder.status.in_(list(statuses)))
             .order_by(SalesOrder.ordered_at, SalesOrder.id))
    if shop:
        query = query.where(SalesOrder.shop_id == shop_by_code(session, shop).id)
    if lock:
        query = query.with_for_update(of=SalesOrder, skip_locked=True)
    if order_ids is None:
        return list(session.execute(query))
    ids = sorted(set(order_ids))
    rows = []
    for start in range(0, len(ids), _CHUNK):
        rows += session.execute(query.where(SalesOrder.id.in_(ids[start:start + _CHUNK])))
    return rows


def _lines(session: Session, order_ids: list[int]) -> dict[int, list[Any]]:
    found: dict[int, list[Any]] = defaultdict(list)
    for start in range(0, len(order_ids), _CHUNK):
        rows = session.execute(
            select(SalesOrderLine.order_id, SalesOrderLine.id.label("line_id"),
                   SalesOrderLine.line_no, SalesOrderLine.sku, SalesOrderLine.product_id,
                   SalesOrderLine.qty, Product.sku.label("product_sku"), Product.category)
            .outerjoin(Product, Product.id == SalesOrderLine.product_id)
            .where(SalesOrderLine.order_id.in_(order_ids[start:start + _CHUNK]))
            .order_by(SalesOrderLine.order_id, SalesOrderLine.line_no))
        for row in rows:
            found[row.order_id].append(row)
    return found


def _facts(row: Any, lines: list[Any]) -> OrderFacts:
    skus = {line.sku.upper() for line in lines} | {
        line.product_sku.upper() for line in lines if line.product_sku}
    address = " ".join((row.province, row.city, row.district, row.street)).casefold()
    return OrderFacts(
        shop=row.code, paid_total=row.paid_total, currency=row.currency,
        skus=frozenset(skus),
        categories=frozenset(line.category.casefold() for line in lines if line.category),
        units=sum(line.qty for line in lines), address=address,
        province=row.province.casefold(), country=row.country, buyer_note=row.buyer_note,
        customer_tags=frozenset(t.strip().casefold() for t in row.customer_tags.split(",")
                                if t.strip()))


def address_problem(row: Any) -> str:
    """What a courier would miss in the order's address ('' when nothing): a recipient, a
    street and a city; in China (or no country given) a phone number too."""
    missing = [name for name, value in (("recipient", row.recipient), ("street", row.street),
                                        ("city", row.city)) if not value.strip()]
    if row.country.upper() in ("", "CN") and not row.phone.strip():
        missing.append("phone")
    return f"bad address: no {', '.join(missing)}" if missing else ""


def _apply(order: _Order, verdict: Verdict, warehouses: dict[str, int]) -> None:
    order.steps += verdict.steps
    actions = verdict.actions
    if actions.carrier is not None:
        order.carrier = actions.carrier
    if actions.priority is not None:
        order.priority = actions.priority
    if actions.warehouse is not None:
        if actions.warehouse not in warehouses:
            order.status = SalesOrderStatus.EXCEPTION
            order.reason = f"warehouse {actions.warehouse} does not exist"
            return
        order.warehouse_id = warehouses[actions.warehouse]
    problem = address_problem(order.row)
    if actions.decision == "approve" and problem:
        order.status, order.reason = SalesOrderStatus.EXCEPTION, problem
    elif actions.decision is None:
        order.status = SalesOrderStatus.HELD
        order.reason = "no rule decided: approve or hold it by hand"
    elif actions.decision == "approve":
        order.status = SalesOrderStatus.APPROVED
    else:
        order.status = (SalesOrderStatus.HELD if actions.decision == "hold"
                        else SalesOrderStatus.EXCEPTION)
        order.reason = actions.reason


def _picked(session: Session, order_ids: list[int]) -> dict[int, int]:
    """Units picked already per order line: a retried order that was short-picked has some
    at the packing table, and only the rest is reserved again."""
    found: dict[int, int] = {}
    for start in range(0, len(order_ids), _CHUNK):
        found.update((line_id, int(units)) for line_id, units in session.execute(
            select(PickTask.order_line_id, func.sum(PickTask.picked))
            .where(PickTask.order_id.in_(order_ids[start:start + _CHUNK]), PickTask.picked > 0)
            .group_by(PickTask.order_line_id)))
    return found


def _reserve(session: Session, actor: Actor, orders: list[_Order],
             lines: dict[int, list[Any]]) -> None:
    """Reserve the stock of the orders about to be approved: the highest priority first, then
    the oldest."""
    wanted = [o for o in orders if o.status == SalesOrderStatus.APPROVED]
    active = [wid for (wid,) in session.execute(select(Warehouse.id).where(
        Warehouse.active.is_(True)))]
    by_warehouse: dict[int, list[_Order]] = defaultdict(list)
    for order in wanted:
        if order.warehouse_id is None and len(active) == 1:
            order.warehouse_id = active[0]  # the only warehouse there is
        if order.warehouse_id is None:
            order.status = SalesOrderStatus.EXCEPTION
            order.reason = "no warehouse: add a rule that assigns one"
            continue
        by_warehouse[order.warehouse_id].append(order)
    policy = partial_policy(session)
    today = date.today()
    picked = _picked(session, [o.row.id for o in wanted])
    for warehouse_id, group in sorted(by_warehouse.items()):
        products = {line.product_id for o in group for line in lines[o.row.id]
                    if line.product_id}
        pool = StockPool(session, warehouse_id, products, today=today)
        # Higher priority first; within a priority the oldest order (a stable sort keeps it).
        for order in sorted(group, key=lambda o: -o.priority):
            to_reserve = [LineToReserve(line.line_id, line.line_no, line.sku, line.product_id,
                                        line.qty - picked.get(line.line_id, 0))
                          for line in lines[order.row.id]
                          if line.qty > picked.get(line.line_id, 0)]
            allocation = pool.allocate(f"{order.row.code} {order.row.number}", to_reserve,
                                       policy=policy)
            order.allocation = allocation
            order.status, order.reason = allocation.status, allocation.reason
            reserved = sum(r.qty for r in allocation.requests)
            units = f"{reserved} unit{plural_s(reserved)} reserved"
            if allocation.status == SalesOrderStatus.APPROVED:
                order.steps.append((None, "", f"approved: {units}"))
            elif allocation.status == SalesOrderStatus.BACKORDER:
                order.steps.append((None, "", f"backorder: {units}; {allocation.reason}"))
    reserve_allocations(session, actor, (o.allocation for o in wanted if o.allocation))


def _outcome_step(order: _Order) -> None:
    if order.status == SalesOrderStatus.HELD:
        order.steps.append((None, "", f"held: {order.reason}"))
    elif order.status == SalesOrderStatus.EXCEPTION:
        order.steps.append((None, "", f"exception: {order.reason}"))


def _write(session: Session, actor: Actor, kind: str, orders: list[_Order]) -> ReviewSummary:
    """Save the orders' outcome and trace under one review run."""
    now = utcnow()
    run = ReviewRun(kind=kind, user_id=actor.user_id, workstation=actor.workstation,
                    started_at=now, orders=len(orders))
    session.add(run)
    session.flush()
    summary = ReviewSummary()
    rows, traces = [], []
    for order in orders:
        held = order.status in (SalesOrderStatus.HELD, SalesOrderStatus.BACKORDER)
        rows.append({"id": order.row.id, "status": order.status, "reviewed_at": now,
                     "warehouse_id": order.warehouse_id, "carrier": order.carrier,
                     "priority": order.priority, "updated_at": now,
                     "hold_reason": order.reason[:500] if held else "",
                     "exception_reason": order.reason[:500]
                     if order.status == SalesOrderStatus.EXCEPTION else ""})
        traces += [{"run_id": run.id, "order_id": order.row.id, "step": step,
                    "rule_id": rule_id, "rule_name": name, "effect": effect[:1000], "at": now}
                   for step, (rule_id, name, effect) in enumerate(order.steps, start=1)]
        setattr(summary, order.status, getattr(summary, order.status) + 1)
        if order.status == SalesOrderStatus.EXCEPTION:
            summary.notes[f"{order.row.code} {order.row.number}"] = f"exception: {order.reason}"
    if rows:
        session.execute(update(SalesOrder), rows)
    if traces:
        session.execute(insert(OrderRuleTrace.__table__), traces)
    audit.record(session, actor, f"sales_order.{kind}", entity="review_run",
                 entity_id=run.id, orders=len(orders), approved=summary.approved,
                 held=summary.held, exception=summary.exception, backorder=summary.backorder)
    return summary


def decide(session: Session, actor: Actor, *, kind: str, rows: list[Any],
           choose: Callable[[_Order, list[Any]], None]) -> ReviewSummary:
    """Run `choose` on each order (it sets the status, reason and steps; APPROVED means
    "reserve its stock"), reserve, and write the outcome and trace as one review run."""
    ids = [row.id for row in rows]
    lines = _lines(session, ids)
    orders = [_Order(row, warehouse_id=row.warehouse_id, carrier=row.carrier,
                     priority=row.priority) for row in rows]
    for order in orders:
        choose(order, lines[order.row.id])
    _reserve(session, actor, orders, lines)
    for order in orders:
        _outcome_step(order)
    return _write(session, actor, kind, orders)


def review_orders(session: Session, actor: Actor, *, order_ids: Sequence[int] | None = None,
                  shop: str = "", kind: str = "review") -> ReviewSummary:
    """Review every `new` order (of one shop, or the ones named) by the active rules in
    order; approved orders get their stock reserved."""
    actor.require(Perm.ORDERS_REVIEW)
    by_rules = _rules_choice(session)
    rows = load_orders(session, order_ids=order_ids, shop=shop)
    return decide(session, actor, kind=kind, rows=rows, choose=by_rules)


def _rules_choice(session: Session) -> Callable[[_Order, list[Any]], None]:
    """What the active rules make of an order: its steps, status and reason."""
    rules = active_rules(session)
    warehouses = dict(session.execute(select(Warehouse.code, Warehouse.id)).all())

    def by_rules(order: _Order, lines: list[Any]) -> None:
        verdict = evaluate(rules, _facts(order.row, lines))
        if not verdict.steps:
            order.steps.append((None, "", "no rule matched"))
        _apply(order, verdict, warehouses)
    return by_rules


def try_rules(session: Session, order_id: int) -> list[tuple[str, str]]:
    """The trace the active rules would give the order (of any status) now, saving and
    reserving nothing: (rule name, what it did) per rule that matched, then the outcome
    (rule name "")."""
    rows = load_orders(session, order_ids=[order_id], statuses=list(SalesOrderStatus),
                       lock=False)
    if not rows:
        raise NotFound(f"There is no order with id {order_id}.")
    row = rows[0]
    order = _Order(row, warehouse_id=row.warehouse_id, carrier=row.carrier,
                   priority=row.priority)
    _rules_choice(session)(order, _lines(session, [row.id])[row.id])
    if order.status == SalesOrderStatus.APPROVED:
        order.steps.append((None, "", "approved, if its stock is there when it is reviewed"))
    _outcome_step(order)
    return [(name, effect) for _, name, effect in order.steps]


def count_by_status(session: Session) -> dict[str, int]:
    """How many orders there are of each status."""
    return dict(session.execute(select(SalesOrder.status, func.count())
                                .group_by(SalesOrder.status)).all())
