"""Printer profiles in the workstation's settings file: checked, saved, read back; a broken
entry in a hand-edited file is skipped, not fatal."""

from __future__ import annotations

import pytest

from app.printer_profiles import PrinterProfile, PrinterSettings
from app.settings import Settings
from models.errors import InputError, NotFound


def test_profiles_survive_a_save_and_load():
    settings = Settings()
    printers = PrinterSettings.of(settings)
    printers.put(PrinterProfile("Packing Zebra", "tcp://10.0.0.7", dpi=300, darkness=22,
                                offset_x_mm=1.5, copies=2, cjk_font="E:SIMSUN.TTF"))
    printers.put(PrinterProfile("Office", "queue:HP_LaserJet", language="pdf",
                                media_width_mm=210, media_height_mm=297))
    printers.store(settings)
    settings.save()
    again = PrinterSettings.of(Settings.load())
    assert [p.name for p in again.profiles] == ["Office", "Packing Zebra"]
    assert again.default == "Packing Zebra"  # the first one added
    zebra = again.find("packing zebra")
    assert (zebra.dpi, zebra.darkness, zebra.offset_x_mm, zebra.copies, zebra.cjk_font) == (
        300, 22, 1.5, 2, "E:SIMSUN.TTF")
    assert again.find(None).name == "Packing Zebra"


def test_bad_profile_lists_every_problem():
    printers = PrinterSettings([])
    with pytest.raises(InputError) as caught:
        printers.put(PrinterProfile("", "lpt1", language="epl", dpi=600, darkness=40,
                                    copies=0))
    text = str(caught.value)
    for says in ("printer name", "not a printer address", "language", "203 or 300",
                 "Darkness", "Copies"):
        assert says in text


def test_unknown_printer_names_the_ones_there_are():
    printers = PrinterSettings([PrinterProfile("A", "memory:a")])
    with pytest.raises(NotFound, match=r"printers: A"):
        printers.find("B")
    with pytest.raises(NotFound, match="No printer is set up"):
        PrinterSettings([]).find(None)


def test_removing_the_default_printer_picks_another():
    printers = PrinterSettings([])
    printers.put(PrinterProfile("A", "memory:a"))
    printers.put(PrinterProfile("B", "memory:b"))
    printers.remove("a")
    assert printers.default == "B"


def test_hand_edited_file_with_a_broken_entry_still_loads():
    settings = Settings(extra={"printers": {"profiles": [
        {"name": "Good", "address": "tcp://1.2.3.4"},
        {"name": "Bad", "address": "nowhere"},
        {"nonsense": True}, "text"], "default": "Good"}})
    assert [p.name for p in PrinterSettings.of(settings).profiles] == ["Good"]
