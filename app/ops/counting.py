"""The operations of stocktaking: the counting screen's workflow and batch files, and the
Counts page's list, plan, bins, variances, recount requests, approval and PDFs.

Planning, review and approval are models.counting's services; these ops only open the
session (or the transaction) around them and gather what a page shows in one round trip.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.ops.sessions import reading, writing
from app.runner import Op, Progress
from models.actor import Actor
from models.counting import plans, review
from models.counting.plans import BinProgress, CountSummary
from models.counting.review import ApprovalResult, CountAccuracy, VarianceRow
from models.db import Database
from models.entities import CountBin, CountStatus, Location, LocationKind, Product, Warehouse
from models.errors import InputError
from models.floor import FloorView
from models.receiving.batch_file import ReplayResult
from models.scanning import ScanOptions
from printing.render import render
from printing.templates import load_template

if TYPE_CHECKING:
    from models.counting.workflow import CountingWorkflow

#: What the Counts page watches; approval also changes stock.
CHANGES = frozenset({"counts"})
APPROVAL_CHANGES = frozenset({"counts", "stock"})


# --- the counting screen --------------------------------------------------------------------

def counting(*, actor: Actor, options: ScanOptions | None = None
             ) -> Callable[[Database], CountingWorkflow]:
    """How to build a counting workflow for this actor and workstation."""
    def create(db: Database) -> CountingWorkflow:
        from models.counting.workflow import CountingWorkflow
        return CountingWorkflow(db, actor, options=options)
    return create


def replay_file(*, workflow: CountingWorkflow, path: Path
                ) -> Op[tuple[list[ReplayResult], FloorView]]:
    """Replay a batch-scanner file (bins, then their items) into the workflow's open count,
    a result per line."""
    def work(_db: Database, progress: Progress) -> tuple[list[ReplayResult], FloorView]:
        from models.counting import batch
        if workflow.count is None:
            raise InputError("Open the count first (scan its sheet, or F2 with its number), "
                             "then replay the file into it.")
        fingerprint, lines = batch.read_batch_file(path)
        progress.update("Replaying the batch file…", 0, len(lines))
        results = batch.replay(workflow, lines, fingerprint=fingerprint)
        return results, workflow.view()
    return Op.change(work, changes={"stock", "counts"}).with_progress(
        "Replaying the batch file…")


# --- the Counts page: list and bins ---------------------------------------------------------

def list_counts(*, status: str = "") -> Op[list[CountSummary]]:
    """Every count (or those with `status`), newest first, with how many bins are counted."""
    def query(session: Session) -> list[CountSummary]:
        rows = plans.list_counts(session, open_only=status == CountStatus.OPEN)
        return [r for r in rows if not status or r.status == status]
    return Op.query(reading(query))


def count_bins(*, count_id: int) -> Op[list[BinProgress]]:
    """The bins of one count in walk order with their status, round and counter."""
    return Op.query(reading(lambda s: plans.bin_progress(s, count_id)))


# --- planning -------------------------------------------------------------------------------

@dataclass(frozen=True)
class PlanChoices:
    """What the plan dialog offers: warehouses with their zones and aisles, and categories."""

    warehouses: list[tuple[str, str]]  # code, name
    zones: dict[str, list[str]]
    aisles: dict[str, list[str]]
    categories: list[str]


def plan_choices() -> Op[PlanChoices]:
    """Active warehouses, the zones and aisles of their bins, and the product categories."""
    def query(session: Session) -> PlanChoices:
        houses = session.execute(select(Warehouse.code, Warehouse.name)
                                 .where(Warehouse.active).order_by(Warehouse.code)).all()
        zones: dict[str, list[str]] = {}
        for wh, zone in session.execute(
                select(Warehouse.code, Location.zone).distinct()
                .join(Location, Location.warehouse_id == Warehouse.id)
                .where(Location.zone != "", Location.kind == LocationKind.BIN)
                .order_by(Warehouse.code, Location.zone)):
            zones.setdefault(wh, []).append(zone)
        aisles: dict[str, list[str]] = {}
        for wh, code in session.execute(
                select(Warehouse.code, Location.code)
                .join(Location, Location.warehouse_id == Warehouse.id)
                .where(Location.kind == LocationKind.AISLE)
                .order_by(Warehouse.code, Location.code)):
            aisles.setdefault(wh, []).append(code)
        categories = list(session.scalars(select(Product.category).distinct()
                                          .where(Product.category != "")
                                          .order_by(Product.category)))
        return PlanChoices([(c, n) for c, n in houses], zones, aisles, categories)
    return Op.query(reading(query))


@dataclass(frozen=True)
class PlanInput:
    """What the plan dialog asks; only the fields of the chosen kind matter (kind is one of
    models.counting.plans.KINDS)."""

    warehouse_code: str
    kind: str
    title: str = ""
    zone: str | None = None
    aisle: str | None = None
    location_from: str | None = None
    location_to: str | None = None
    skus: list[str] | None = None
    category: str | None = None
    abc_due: dict[str, int] | None = None
    abc_by: str = "value"
    sample: int | None = None
    seed: int | None = None
    blind: bool = True
    recount_pct: int = 5
    recount_units: int = 1


@dataclass(frozen=True)
class Planned:
    """A count just planned: its id and code, and how many bins it has."""

    id: int
    code: str
    bins: int


def plan(*, actor: Actor, values: PlanInput, today: date | None = None) -> Op[Planned]:
    """Plan a count; fails with the planner's message when nothing matches."""
    def change(session: Session) -> Planned:
        count = plans.plan_count(
            session, actor, warehouse_code=values.warehouse_code, kind=values.kind,
            title=values.title, zone=values.zone, aisle=values.aisle,
            location_from=values.location_from, location_to=values.location_to,
            skus=values.skus, category=values.category, abc_due=values.abc_due,
            abc_by=values.abc_by, sample=values.sample, seed=values.seed, blind=values.blind,
            recount_pct=values.recount_pct, recount_units=values.recount_units,
            today=today or date.today())
        bins = session.scalar(select(func.count(CountBin.id))
                              .where(CountBin.count_id == count.id)) or 0
        return Planned(count.id, count.code, bins)
    return Op.change(writing(change), changes=CHANGES)


# --- review ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class VarianceFilter:
    """The variance list's filters: only lines that differ, locations starting with a code,
    one SKU."""

    only_variances: bool = True
    location: str = ""
    sku: str = ""


def load_variances(*, count_id: int, flt: VarianceFilter) -> Op[list[VarianceRow]]:
    """The variance list of a count (each bin's last round) with the filters applied."""
    return Op.query(reading(lambda s: review.variances(
        s, count_id, only_variances=flt.only_variances,
        location_prefix=flt.location.upper() or None, sku=flt.sku.upper() or None)))


def request_recount(*, actor: Actor, count_id: int, locations: list[str]) -> Op[list[str]]:
    """Send these counted bins of the count to a recount by another person."""
    return Op.change(writing(lambda s: review.request_recount(s, actor, count_id, locations)),
                     changes=CHANGES)


@dataclass(frozen=True)
class Approved:
    """What an approval posted, and the count's accuracy figures."""

    result: ApprovalResult
    accuracy: CountAccuracy


def approve(*, actor: Actor, count_id: int, note: str = "") -> Op[Approved]:
    """Approve the count: post each variance as an adjustment, then its accuracy."""
    def change(session: Session) -> Approved:
        result = review.approve_count(session, actor, count_id, note=note)
        return Approved(result, review.accuracy(session, count_id))
    return Op.change(writing(change), changes=APPROVAL_CHANGES)


def count_accuracy(*, count_id: int) -> Op[CountAccuracy]:
    """The count's accuracy figures so far (count accuracy %, shrinkage value)."""
    return Op.query(reading(lambda s: review.accuracy(s, count_id)))


# --- documents ------------------------------------------------------------------------------

def _document(template: str, data: Callable[[Session, int], dict[str, Any]], count_id: int,
              path: Path) -> Op[Path]:
    def work(db: Database, _progress: Progress) -> Path:
        with db.read() as session:
            values = data(session, count_id)
        path.write_bytes(render(load_template(template), values, "pdf", 300))
        return path
    return Op.query(work)


def count_sheet_pdf(*, count_id: int, path: Path) -> Op[Path]:
    """Write the count sheet (bins to count, blind or with expected quantities) to `path`."""
    from models.counting.documents import count_sheet_data
    return _document("count-sheet", count_sheet_data, count_id, path)


def count_report_pdf(*, count_id: int, path: Path) -> Op[Path]:
    """Write the count report (variances, value impact, accuracy) to `path`."""
    from models.counting.documents import count_report_data
    return _document("count-report", count_report_data, count_id, path)
