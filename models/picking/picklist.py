"""A wave's pick list: one row per bin, product and lot in walk order (several orders' units
in the same bin merged for the walk), each naming the orders and totes its units go to. For
the screen, the CLI and the A4 pick-list template (resources/labels/pick-list.json)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.entities import (
    Location,
    Lot,
    PickTask,
    Product,
    SalesOrder,
    TaskStatus,
    Warehouse,
    Wave,
    WaveOrder,
)


@dataclass(frozen=True)
class PickShare:
    """The units of one order in a pick row."""

    task_id: int
    seq: int  # the order's place in the wave
    order: str
    tote: str | None
    qty: int
    picked: int
    status: str


@dataclass(frozen=True)
class PickRow:
    """One stop of the walk: a product (and lot) to take from a bin."""

    location_id: int
    location: str
    zone: str
    walk_seq: int
    product_id: int
    sku: str
    name: str
    lot_id: int | None
    lot: str | None
    shares: tuple[PickShare, ...]

    @property
    def qty(self) -> int:
        """Units to take for every order."""
        return sum(s.qty for s in self.shares)

    @property
    def picked(self) -> int:
        """Units taken so far."""
        return sum(s.picked for s in self.shares)

    @property
    def open(self) -> bool:
        """True while a share waits to be picked."""
        return any(s.status == TaskStatus.OPEN for s in self.shares)


def pick_rows(session: Session, wave_id: int) -> list[PickRow]:
    """The wave's pick list in walk order (walk sequence, then bin code)."""
    query = (
        select(PickTask.id, PickTask.location_id, Location.code, Location.zone,
               PickTask.walk_seq, PickTask.product_id, Product.sku, Product.name,
               PickTask.lot_id, Lot.number.label("lot"), WaveOrder.seq,
               SalesOrder.number.label("order"), WaveOrder.tote,
               PickTask.qty, PickTask.picked, PickTask.status)
        .join(Location, Location.id == PickTask.location_id)
        .join(Product, Product.id == PickTask.product_id)
        .outerjoin(Lot, Lot.id == PickTask.lot_id)
        .join(SalesOrder, SalesOrder.id == PickTask.order_id)
        .join(WaveOrder, (WaveOrder.wave_id == PickTask.wave_id)
              & (WaveOrder.order_id == PickTask.order_id))
        .where(PickTask.wave_id == wave_id)
        .order_by(PickTask.walk_seq, Location.code, Product.sku, PickTask.lot_id,
                  WaveOrder.seq, PickTask.id))
    rows: list[PickRow] = []
    for r in session.execute(query):
        share = PickShare(r.id, r.seq, r.order, r.tote, r.qty, r.picked, r.status)
        last = rows[-1] if rows else None
        if last and (last.location_id, last.product_id, last.lot_id) == (
                r.location_id, r.product_id, r.lot_id):
            rows[-1] = PickRow(**{**last.__dict__, "shares": (*last.shares, share)})
            continue
        rows.append(PickRow(r.location_id, r.code, r.zone, r.walk_seq, r.product_id, r.sku,
                            r.name, r.lot_id, r.lot, (share,)))
    return rows


def share_text(share: PickShare) -> str:
    """Where one order's units go: "#2 SO-1001 → TOTE-002 ×3"."""
    into = f" → {share.tote}" if share.tote else ""
    return f"#{share.seq} {share.order}{into} ×{share.qty}"


def _paper_lines(stop: int, row: PickRow) -> list[dict[str, Any]]:
    """A stop on paper: its first order's units on the row naming the stop's number, the bin
    and product, each other order's on an unnumbered row of its own below it (a column holds
    one order)."""
    lines = []
    for i, share in enumerate(row.shares):
        first = i == 0
        lines.append({
            "n": stop if first else "",
            "location": row.location if first else "",
            "sku": row.sku if first else "",
            "name": (f"Lot {row.lot}: {row.name}" if row.lot else row.name) if first else "",
            "qty": share.qty,
            # The tote before the number: a long shop number may be cut short on paper.
            "order_ref": f"#{share.seq} " + (f"{share.tote} " if share.tote else "")
                         + share.order})
    return lines


def pick_list_data(session: Session, wave_id: int) -> dict[str, Any]:
    """Values of the pick-list template: the stops of the walk in order."""
    wave = session.get(Wave, wave_id)
    assert wave is not None
    rows = pick_rows(session, wave_id)
    zones = sorted({r.zone for r in rows if r.zone})
    warehouse = session.scalar(select(Warehouse.code).where(Warehouse.id == wave.warehouse_id))
    return {
        "pick_no": wave.code,
        "picker": "",
        "created": wave.created_at.date().isoformat(),
        "zone": ", ".join(zones) if zones else warehouse or "",
        "lines": [line for stop, r in enumerate(rows, start=1) for line in _paper_lines(stop, r)],
    }
