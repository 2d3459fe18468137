"""A location blocked by another transaction while a posting is on its way: the posting waits
for that transaction and is then refused, so no stock moves after a count's snapshot."""

from __future__ import annotations

import threading
import time

import pytest

from models.db import Database
from models.entities import Location, LocationType
from models.errors import BlockedLocation
from models.ledger import MoveLine, Reason, on_hand, post_moves
from models.reference_data import virtual_location_id
from tests import factories as f


def test_a_pick_racing_a_block_is_refused_once_the_block_commits(db: Database, actor):
    if db.backend == "sqlite":
        pytest.skip("SQLite writers never overlap: a posting starts after the block committed")
    with db.write() as s:
        wh = f.warehouse(s)
        bin_id = f.bin_(s, wh, "A-01-1").id
        product_id = f.product(s, "RACE").id
        customer = virtual_location_id(s, LocationType.CUSTOMER)
    f.stock_in(db, actor, product_id, bin_id, 10)
    outcome: list[object] = []
    with db.write() as blocking:
        blocking.get(Location, bin_id).blocked = True
        blocking.get(Location, bin_id).blocked_reason = "being counted (COUNT-1)"
        blocking.flush()  # the row is changed and locked, not yet committed

        def pick() -> None:
            try:
                db.transact(lambda s: post_moves(s, actor, [MoveLine(product_id, 3, bin_id,
                                                                     customer)],
                                                 reason=Reason.PICK))
                outcome.append("moved")
            except BlockedLocation as exc:
                outcome.append(str(exc))

        picker = threading.Thread(target=pick)
        picker.start()
        time.sleep(0.5)
        assert outcome == []  # waiting for the block's transaction
    picker.join(timeout=10)
    assert outcome and "being counted (COUNT-1)" in str(outcome[0])
    with db.read() as s:
        assert on_hand(s, product_id, location_id=bin_id) == 10
