"""`waredesk pack`: a picked order whose items were checked elsewhere is weighed, given its
tracking number and shipped; a weight outside the tolerance ships only for a supervisor."""

from __future__ import annotations

from decimal import Decimal

import pytest

from app.cli.main import main
from models.errors import InputError
from models.packing.batch import pack_order
from tests.db import packing_setup as pk
from tests.db import picking_setup as setup


def _run(db, capsys, *args: str) -> tuple[int, str, str]:
    code = main(["--db", db.url, *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_a_picked_order_is_packed_and_shipped_from_the_command_line(db, actor, capsys):
    site = pk.packing_site(db, actor)
    order_id = pk.picked_order(db, actor, "P1", [("TEA", 2)])
    code, out, err = _run(db, capsys, "pack", "P1", "--weight", "0.56", "--number",
                          "SF1234567890")
    assert code == 0, err
    assert out.strip() == ("Order P1 shipped: SF SF1234567890, 0.56 kg, expected 0.55 kg "
                           "(0.495–0.605).")
    assert setup.status(db, order_id) == "shipped"
    assert setup.quants(db, site["TEA"]) == {(site["A-01"], None): (8, 0)}
    assert setup.clean(db)
    code, _, err = _run(db, capsys, "pack", "P1", "--weight", "0.56")
    assert code != 0 and "Order P1 is shipped already with SF SF1234567890." in err


def test_a_weight_outside_the_tolerance_ships_only_for_a_supervisor(db, actor):
    pk.packing_site(db, actor)
    order_id = pk.picked_order(db, actor, "P2", [("TEA", 1)], shop="JD")
    pat = pk.user(db, "pat", "pack-1234")
    with pytest.raises(InputError) as refused:
        db.transact(lambda s: pack_order(s, pat, order_id=order_id,
                                         weight_kg=Decimal("0.900")))
    assert str(refused.value) == ("0.9 kg is outside the expected 0.3 kg (0.25–0.35): "
                                  "check the parcel and weigh again, or a supervisor packs it.")
    assert setup.status(db, order_id) == "picked"
    sam = pk.user(db, "sam", "approve-1")
    packed = db.transact(lambda s: pack_order(s, sam, order_id=order_id,
                                              weight_kg=Decimal("0.900")))
    assert (packed.tracking, packed.note) == ("EA100000003CN",
                                              "outside the tolerance, approved by sam")
    assert setup.status(db, order_id) == "shipped"
