"""What came back of an order, as the sales order detail and `waredesk order show` tell it,
on both backends: units returned per line, and each return (RMA-…) with its date, where its
units went and why; an undone step is not counted."""

from __future__ import annotations

import pytest

from models.feedback import Level
from models.returns.workflow import ReturnsWorkflow
from models.sales.order_pages import order_detail
from tests.db import packing_setup as pk
from tests.db import returns_setup as rs
from tests.db.picking_setup import CUP_EAN, TEA_EAN
from tests.db.test_pack_command import _run


@pytest.fixture
def site(db, actor):
    return rs.returns_site(db, actor)


def _two_returns(db, actor) -> int:
    """Order R20 (3 teas, a cup): one parcel of two teas, one restocked and one
    quarantined; a second parcel of a tea, still waiting; a cup received and undone."""
    order_id = rs.shipped_order(db, actor, "R20", [("TEA", 3), ("CUP", 1)],
                                tracking="SF1000000020")
    rita = pk.user(db, "rita", "return-12")
    flow = ReturnsWorkflow(db, rita)
    answers = [flow.scan("SF1000000020"), flow.scan(TEA_EAN), flow.restock(),
               flow.enter("1"), flow.enter(""), flow.scan(TEA_EAN), flow.quarantine(),
               flow.enter("box crushed by the courier"), flow.scan(CUP_EAN), flow.undo_last(),
               flow.open("SF1000000020"), flow.scan(TEA_EAN)]
    assert [a.level for a in answers] == [Level.OK] * len(answers), answers
    return order_id


def test_the_order_detail_shows_what_came_back_per_line_and_per_return(db, actor, site):
    order_id = _two_returns(db, actor)
    with db.read() as s:
        detail = order_detail(s, order_id)
    assert [(d.line.sku, d.returned) for d in detail.lines] == [("TEA", 3), ("CUP", 0)]
    first, second = detail.returns
    assert (first.received, first.units.get("restock"), first.units.get("quarantine"),
            first.waiting) == (2, 1, 1, 0)
    assert first.reasons == ("Unopened, resaleable", "box crushed by the courier")
    assert (second.received, second.waiting, second.reasons) == (1, 1, ())
    assert second.code == f"RMA-{second.id}" and second.at >= first.at


def test_order_show_prints_the_returns(db, actor, site, capsys):
    _two_returns(db, actor)
    code, out, err = _run(db, capsys, "order", "show", "TMALL", "R20")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[lines.index("Returns:") - 2].endswith("TEA  returned 3")
    assert not lines[lines.index("Returns:") - 1].endswith("returned 0")
    first, second = lines[lines.index("Returns:") + 1:lines.index("Returns:") + 3]
    assert first.startswith("  RMA-") and first.endswith(
        "received 2  restocked 1  quarantined 1  (Unopened, resaleable; box crushed by the "
        "courier)")
    assert second.endswith("received 1  waiting 1")
