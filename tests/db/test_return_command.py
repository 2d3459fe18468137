"""`waredesk return receive|replay|list|show`: a shipped parcel's items received and given a
disposition from the command line, a batch scanner's file replayed twice without receiving
anything twice, and the returns listed and shown."""

from __future__ import annotations

from tests.db import picking_setup as setup
from tests.db import returns_setup as rs
from tests.db.picking_setup import CUP_EAN, TEA_EAN
from tests.db.test_pack_command import _run


def test_a_parcel_is_received_and_restocked_from_the_command_line(db, actor, capsys):
    site = rs.returns_site(db, actor)
    order_id = rs.shipped_order(db, actor, "C1", [("TEA", 2), ("CUP", 1)],
                                tracking="SF2000000001")
    code, _, err = _run(db, capsys, "return", "receive", "SF2000000001", "--item", "TEA",
                        "--item", "TEA:2")
    assert code == 2
    assert err.splitlines() == [
        "waredesk: Over-return: only 2 more TEA can come back on order C1, this parcel gives 3;"
        " put the rest aside.", "Nothing of the parcel was received."]
    code, out, err = _run(db, capsys, "return", "receive", "SF2000000001", "--item",
                          "TEA:2", "--disposition", "restock", "--reason", "unopened")
    assert code == 0, err
    assert out.splitlines() == [
        "Order C1: 3 units shipped.",
        "TEA ×2 received to RET: 2 of 2 back.",
        "TEA ×2 restocked to A-01 (Unopened, resaleable)."]
    assert setup.quants(db, site["TEA"]) == {(site["A-01"], None): (10, 0)}
    assert setup.status(db, order_id) == "shipped"
    moves = setup.moves(db)
    code, out, err = _run(db, capsys, "return", "receive", "C1", "--item", CUP_EAN,
                          "--item", "TEA", "--item", "NOPE-1", "--disposition", "scrap",
                          "--reason", "damaged")
    assert code == 2
    assert out.splitlines() == ["Order C1: 3 units shipped, 2 returned before."]
    assert err.splitlines() == [
        "waredesk: Over-return: order C1 shipped 2 TEA, all returned already; put it aside.",
        "'NOPE-1' is not the barcode of any product or location: check the label, or add "
        "the barcode in Products or Locations.",
        "Nothing of the parcel was received."]
    assert setup.moves(db) == moves  # the cup was not received either
    assert setup.quants(db, site["CUP"]) == {(site["B-01"], None): (9, 0)}
    code, out, err = _run(db, capsys, "return", "receive", "C1", "--item", CUP_EAN)
    assert code == 0, err
    assert out.splitlines()[-1] == ("CUP ×1 received to RET: 1 of 1 back. Every unit of "
                                    "order C1 is back.")
    code, out, err = _run(db, capsys, "return", "receive", "C1", "--disposition", "scrap",
                          "--reason", "damaged")
    assert code == 0, err
    assert out.splitlines()[-1] == "CUP ×1 scrapped to INVENTORY-LOSS (Damaged)."
    assert setup.status(db, order_id) == "returned"
    assert setup.quants(db, site["CUP"]) == {(site["B-01"], None): (9, 0)}
    assert setup.clean(db)

    code, out, _ = _run(db, capsys, "return", "list")
    lines = out.splitlines()
    assert len(lines) == 2
    assert "C1" in lines[0] and "returned" in lines[0] and "scrapped   1" in lines[0]
    assert "received   2  restocked   2" in lines[1]
    rma = lines[1].split()[0]
    code, out, _ = _run(db, capsys, "return", "show", rma)
    assert code == 0
    assert "  TEA                    2        2       2" in out
    assert "restock    TEA ×2 -> A-01  Unopened, resaleable  system" in out


def test_a_batch_file_of_parcels_is_replayed_once(db, actor, capsys, tmp_path):
    site = rs.returns_site(db, actor)
    first = rs.shipped_order(db, actor, "C2", [("TEA", 1)], tracking="SF2000000002")
    second = rs.shipped_order(db, actor, "C3", [("CUP", 2)], tracking="SF2000000003")
    batch = tmp_path / "returns.csv"
    batch.write_text(f"SF2000000002\n{TEA_EAN}\n{CUP_EAN}\nSO-C3\n{CUP_EAN},2\n")
    code, out, _ = _run(db, capsys, "return", "replay", str(batch), "--disposition",
                        "quarantine", "--reason", "customer changed mind")
    assert code == 1  # the cup in the tea's parcel
    assert "line     3  ERROR    " in out and "Wrong item: CUP was not shipped on order C2" in out
    assert "TEA ×1 quarantined at QUAR (Customer changed mind)." in out
    assert "CUP ×2 quarantined at QUAR (Customer changed mind)." in out
    assert out.splitlines()[-1] == "5 lines: 4 taken, 1 refused."
    assert setup.status(db, first) == setup.status(db, second) == "returned"
    assert setup.quants(db, site["CUP"])[(site["QUAR"], None)] == (2, 0)
    moves = setup.moves(db)
    code, out, _ = _run(db, capsys, "return", "replay", str(batch))
    assert "TEA: received before, not again." in out
    assert setup.moves(db) == moves
    assert setup.clean(db)


def test_cameras_come_back_by_their_serials_and_a_parcel_with_a_stray_unit_takes_none(
        db, actor, capsys):
    site = rs.returns_site(db, actor)
    _order, cam_id = rs.shipped_cameras(db, actor, site, "C4", tracking="SF2000000004")
    moves = setup.moves(db)
    code, _, err = _run(db, capsys, "return", "receive", "C4", "--item", rs.cam_label("S-1"),
                        "--item", rs.cam_label("S-1"), "--item", rs.CAM_EAN)
    assert code == 2
    assert err.splitlines() == [
        "waredesk: CAM serial S-1 came back already; put it aside.",
        "CAM is serial-tracked: give each unit's GS1 code with its serial (21).",
        "Nothing of the parcel was received."]
    assert setup.moves(db) == moves
    code, out, err = _run(db, capsys, "return", "receive", "SF2000000004", "--item",
                          rs.cam_label("S-2"), "--item", rs.cam_label("S-1"),
                          "--disposition", "quarantine", "--reason", "defective")
    assert code == 0, err
    assert out.splitlines()[1:] == [
        "CAM S-2 ×1 received to RET: 1 of 2 back.",
        "CAM S-1 ×1 received to RET: 2 of 2 back. Every unit of order C4 is back.",
        "CAM S-2 ×1 quarantined at QUAR (Defective).",
        "CAM S-1 ×1 quarantined at QUAR (Defective)."]
    assert setup.quants(db, cam_id)[(site["QUAR"], None)] == (2, 0)
    _, out, _ = _run(db, capsys, "return", "list", "--order", "C4")
    code, out, _ = _run(db, capsys, "return", "show", out.split()[0])
    assert "receive    CAM serial S-2 ×1 -> RET" in out
    assert "quarantine CAM serial S-1 ×1 -> QUAR  Defective" in out
    assert setup.clean(db)
