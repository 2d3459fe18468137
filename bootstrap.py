#!/usr/bin/env python3
"""Set WareDesk up in .venv/ and run it.

    python3 bootstrap.py run    # install, create or upgrade the demo database, open the app
    python3 bootstrap.py test   # install, run the whole test suite (SQLite and PostgreSQL)
    python3 bootstrap.py perf   # install, run the benchmarks in tests/perf/

Extra arguments are passed on (`run --db URL`, `test -k ledger`). Only the standard library is
used here, so this runs on a fresh machine that has nothing but Python 3.11 or newer.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / ".waredesk-installed"


def venv_bin(name: str) -> Path:
    """Path of an executable inside .venv, on Windows and elsewhere."""
    if os.name == "nt":
        return VENV / "Scripts" / f"{name}.exe"
    return VENV / "bin" / name


def ensure_environment() -> None:
    """Create .venv and (re)install WareDesk when pyproject.toml changed since the last install."""
    # This file runs under whatever python3 the user has, so the check is real.
    if sys.version_info < (3, 11):  # noqa: UP036
        sys.exit(f"WareDesk needs Python 3.11 or newer; this is {sys.version.split()[0]}.")
    if not venv_bin("python").exists():
        print("Creating .venv/ ...", flush=True)
        venv.EnvBuilder(with_pip=True, upgrade_deps=False).create(VENV)
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if STAMP.exists() and STAMP.read_text() == wanted:
        return
    print("Installing WareDesk and its dependencies into .venv/ ...", flush=True)
    subprocess.run(
        [str(venv_bin("python")), "-m", "pip", "install", "--disable-pip-version-check",
         "--progress-bar", "off", "-q", "-e", f"{ROOT}[test]"],
        check=True,
    )
    STAMP.write_text(wanted)


def run(args: list[str]) -> int:
    """Upgrade the database, seed demo data into an empty one, open the app."""
    waredesk = str(venv_bin("waredesk"))
    seeded = subprocess.run([waredesk, *args, "demo", "--if-empty"], check=False)
    if seeded.returncode != 0:
        return seeded.returncode
    return subprocess.run([waredesk, *args], check=False).returncode


def test(args: list[str]) -> int:
    """Run the whole test suite; the PostgreSQL tests run when a server answers."""
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    cmd = [str(venv_bin("python")), "-m", "pytest", *args]
    return subprocess.run(cmd, cwd=ROOT, env=env, check=False).returncode


def perf(args: list[str]) -> int:
    """Run the benchmarks (not part of the default test run)."""
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    cmd = [str(venv_bin("python")), "-m", "pytest", "-o", "addopts=-ra", "-s", "tests/perf", *args]
    return subprocess.run(cmd, cwd=ROOT, env=env, check=False).returncode


COMMANDS = {"run": run, "test": test, "perf": perf}


def main() -> int:
    if len(sys.argv) < 2 or sys.argv[1] not in COMMANDS:
        print(__doc__)
        return 2
    ensure_environment()
    return COMMANDS[sys.argv[1]](sys.argv[2:])


if __name__ == "__main__":
    sys.exit(main())
