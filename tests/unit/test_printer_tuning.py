"""A printer profile's darkness, offsets and copies written into ZPL and TSPL, byte for byte."""

from __future__ import annotations

from devices.printers.tuning import Tuning, tune

ZPL = b"^XA^CI28\n^PW400^LL240^LH0,0\n^FO20,12^FDA^FS\n^XZ\n^XA^PW400^FO1,1^FDB^FS^PQ1^XZ"
TSPL = (b"SIZE 50 mm,30 mm\r\nGAP 2 mm,0 mm\r\nDENSITY 8\r\nCLS\r\nTEXT 10,10,\"3\",0,1,1,"
        b"\"A\"\r\nPRINT 1\r\nCLS\r\nTEXT 10,10,\"3\",0,1,1,\"B\"\r\nPRINT 1,1\r\n")


def test_untuned_labels_are_unchanged():
    assert tune(ZPL, "zpl", Tuning()) == ZPL
    assert tune(TSPL, "tspl", Tuning()) == TSPL
    assert tune(b"%PDF-1.4", "pdf", Tuning(copies=3, darkness=20)) == b"%PDF-1.4"


def test_zpl_darkness_offsets_and_copies():
    tuned = tune(ZPL, "zpl", Tuning(dpi=203, darkness=25, offset_x_mm=2, offset_y_mm=1,
                                    copies=3))
    assert tuned == (b"~SD25^XA^CI28\n^PW400^LL240^LH16,8\n^FO20,12^FDA^FS\n^PQ3^XZ\n"
                     b"^XA^LH16,8^PW400^FO1,1^FDB^FS^PQ3^XZ")


def test_zpl_negative_offsets_shift_the_label_back():
    tuned = tune(ZPL[:ZPL.index(b"\n^XA")], "zpl", Tuning(dpi=300, offset_x_mm=-1,
                                                          offset_y_mm=-0.5))
    assert tuned == b"^XA^LS12^LT-6^CI28\n^PW400^LL240^LH0,0\n^FO20,12^FDA^FS\n^XZ"


def test_tspl_density_reference_and_copies():
    tuned = tune(TSPL, "tspl", Tuning(dpi=203, darkness=21, offset_x_mm=1, offset_y_mm=2,
                                      copies=2))
    assert tuned == (b"SIZE 50 mm,30 mm\r\nGAP 2 mm,0 mm\r\nDENSITY 10\r\nREFERENCE 8,16\r\n"
                     b"CLS\r\nTEXT 10,10,\"3\",0,1,1,\"A\"\r\nPRINT 1,2\r\n"
                     b"REFERENCE 8,16\r\nCLS\r\nTEXT 10,10,\"3\",0,1,1,\"B\"\r\nPRINT 1,2\r\n")


def test_tspl_without_density_gets_one_and_negative_offsets_shift():
    plain = b"SIZE 50 mm,30 mm\r\nCLS\r\nPRINT 1\r\n"
    tuned = tune(plain, "tspl", Tuning(darkness=8, offset_x_mm=-1, offset_y_mm=0))
    assert tuned == (b"SIZE 50 mm,30 mm\r\nDENSITY 4\r\nREFERENCE 0,0\r\nSHIFT -8,0\r\n"
                     b"CLS\r\nPRINT 1\r\n")
