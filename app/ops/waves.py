"""What the Waves page asks: the approved orders waiting, planning waves, the wave list, a
wave's pick list on screen, on paper (a PDF file or this workstation's PDF printer) and
cancelling a wave."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from app.ops.sessions import reading, writing
from app.print_jobs.service import print_labels
from app.printer_profiles import PrinterSettings
from app.runner import Op, Progress
from models.actor import Actor
from models.carriers.carriers import list_carriers
from models.db import Database
from models.errors import InputError
from models.masterdata.listing import warehouses
from models.picking.picklist import PickRow, pick_list_data, pick_rows
from models.picking.planning import PlannedWave, WaveRules, plan_waves, waiting_orders
from models.picking.waves import WaveSummary, cancel_wave, list_waves
from printing.render import render_many
from printing.templates import load_template

CHANGES = {"sales", "waves"}
PICK_LIST = "pick-list"


@dataclass(frozen=True)
class PlanningChoices:
    """The warehouses waves are planned in and the carriers orders ship by."""

    warehouses: list[str]
    carriers: list[str]


def planning_choices() -> Op[PlanningChoices]:
    """The active warehouses and the carriers, by code."""
    return Op.query(reading(lambda s: PlanningChoices(
        [w.code for w in warehouses(s)], [c.code for c in list_carriers(s)])))


def waiting(*, warehouse: str) -> Op[dict[str, int]]:
    """The approved orders of the warehouse waiting for a wave, by carrier."""
    return Op.query(reading(lambda s: waiting_orders(s, warehouse)))


def plan(*, actor: Actor, rules: WaveRules) -> Op[list[PlannedWave]]:
    """Plan and release the waves the rules make (their orders are picking)."""
    return Op.change(writing(lambda s: plan_waves(s, actor, rules)), changes=CHANGES)


def waves() -> Op[list[WaveSummary]]:
    """Every wave, newest first."""
    return Op.query(reading(lambda s: list_waves(s)))


def pick_list(*, wave_id: int) -> Op[list[PickRow]]:
    """The wave's pick list in walk order."""
    return Op.query(reading(lambda s: pick_rows(s, wave_id)))


def _pick_list_pdf(session: Session, wave_id: int) -> bytes:
    """The A4 pick list, rendered as `waredesk wave pdf` renders it."""
    return render_many(load_template(PICK_LIST), [pick_list_data(session, wave_id)], "pdf",
                       300)


def save_pick_list(*, wave_id: int, path: Path) -> Op[Path]:
    """Write the wave's A4 pick list to `path`."""
    def work(db: Database, _progress: Progress) -> Path:
        with db.read() as session:
            pdf = _pick_list_pdf(session, wave_id)
        path.write_bytes(pdf)
        return path
    return Op.query(work)


def print_pick_list(*, actor: Actor, printers: PrinterSettings, wave_id: int) -> Op[str]:
    """Send the wave's pick list to this workstation's first PDF printer; says how it went."""
    def work(db: Database, _progress: Progress) -> str:
        pdfs = [p for p in printers.profiles if p.language == "pdf"]
        if not pdfs:
            raise InputError("No PDF printer is set up here: add one on the Printing page "
                             "(or `waredesk printer add`), or save the pick list as PDF.")
        with db.read() as session:
            data = pick_list_data(session, wave_id)
        outcome = print_labels(db, actor, template=PICK_LIST, rows=[data], printer=pdfs[0])
        return f"Pick list {data['pick_no']} → {pdfs[0].name}: {outcome}"
    return Op.change(work, changes={"print_jobs"})


def cancel(*, actor: Actor, wave_id: int) -> Op[int]:
    """Cancel a wave nothing was picked in: its orders are approved again; answers how
    many."""
    return Op.change(writing(lambda s: cancel_wave(s, actor, wave_id)),
                     changes=CHANGES)
