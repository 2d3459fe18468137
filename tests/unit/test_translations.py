"""The Chinese translation is complete and compiled: every string the code passes to tr() or
translate() is in waredesk_zh_CN.ts with a translation, and the .qm is built from that .ts."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "translations" / "waredesk_zh_CN.ts"
QM = TS.with_suffix(".qm")
BIN = Path(sys.executable).parent


def messages(ts: Path) -> dict[tuple[str, str], str]:
    """(context, source) -> translation ('' when unfinished)."""
    found = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            translation = message.find("translation")
            done = translation is not None and translation.get("type") not in (
                "unfinished", "obsolete", "vanished")
            found[(name, message.findtext("source"))] = (translation.text or "") if done else ""
    return found


def test_the_ts_file_holds_exactly_the_strings_of_the_code(tmp_path):
    fresh = tmp_path / TS.name
    shutil.copy(TS, fresh)
    sources = sorted(str(p.relative_to(ROOT)) for folder in ("app", "views")
                     for p in (ROOT / folder).rglob("*.py"))
    subprocess.run([str(BIN / "pyside6-lupdate"), "-locations", "none", "-no-obsolete",
                    *sources, "-ts", str(fresh)], cwd=ROOT, check=True, capture_output=True)
    assert set(messages(fresh)) == set(messages(TS)), "run pyside6-lupdate (see README.md)"


def test_every_string_has_a_chinese_translation():
    untranslated = [key for key, text in messages(TS).items() if not text.strip()]
    assert untranslated == []


def test_placeholders_survive_translation():
    for (context, source), text in messages(TS).items():
        for name in ("{count}", "{db}", "{error}", "{log}", "{n}", "{name}", "{record}",
                     "{role}", "{time}", "{user}", "{workstation}", "{ws}"):
            assert (name in source) == (name in text), (context, source)


def test_the_compiled_qm_is_built_from_the_ts(tmp_path):
    built = tmp_path / QM.name
    subprocess.run([str(BIN / "pyside6-lrelease"), str(TS), "-qm", str(built)], check=True,
                   capture_output=True)
    assert built.read_bytes() == QM.read_bytes(), "run pyside6-lrelease (see README.md)"
