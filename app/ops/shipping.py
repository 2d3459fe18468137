"""After a parcel is packed and shipped: its waybill to this workstation's label printer and
its packing slip to a PDF printer, when the workstation has them; else where to print them
from."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from app.print_jobs.service import print_labels
from app.printer_profiles import PrinterSettings
from app.runner import Op, Progress
from models.actor import Actor
from models.db import Database
from models.sales.shipping_documents import packing_slip_data, waybill_data

WAYBILL = "waybill-100x150"
SLIP = "packing-slip"


def print_shipping_documents(*, actor: Actor, printers: PrinterSettings, order_id: int,
                             number: str, weight_kg: Decimal | None) -> Op[list[str]]:
    """Print the shipped order's waybill (the default printer, or the first label printer)
    and packing slip (the first PDF printer); one line per document saying where it went."""
    def work(db: Database, _progress: Progress) -> list[str]:
        with db.read() as session:
            waybill = waybill_data(session, order_id, today=date.today(), weight_kg=weight_kg)
            slip = packing_slip_data(session, order_id)
        labels = [p for p in printers.profiles if p.language != "pdf"]
        pdfs = [p for p in printers.profiles if p.language == "pdf"]
        default = next((p for p in labels if p.name == printers.default), None)
        said = []
        label_printer = default or (labels[0] if labels else None)
        if label_printer is None:
            said.append(f"No label printer is set up here: print the waybill with "
                        f"`waredesk order waybill {number} --printer NAME`.")
        else:
            outcome = print_labels(db, actor, template=WAYBILL, rows=[waybill],
                                   printer=label_printer)
            said.append(f"Waybill → {label_printer.name}: {outcome}")
        if not pdfs:
            said.append(f"No PDF printer is set up here: write the packing slip with "
                        f"`waredesk order slip {number} --out slip.pdf`.")
        else:
            outcome = print_labels(db, actor, template=SLIP, rows=[slip], printer=pdfs[0])
            said.append(f"Packing slip → {pdfs[0].name}: {outcome}")
        return said
    return Op.change(work, changes={"print_jobs"})
