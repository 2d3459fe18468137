"""The layering rules of ARCHITECTURE.md, checked on the code itself."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
QT_FREE = ("models", "devices", "printing")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _python_files(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py"))


def test_core_packages_never_import_qt():
    offenders = [str(p.relative_to(ROOT)) for pkg in QT_FREE for p in _python_files(pkg)
                 if any(n.split(".")[0] == "PySide6" for n in _imports(p))]
    assert offenders == []


def test_importing_every_core_module_loads_no_qt():
    modules = [".".join(p.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
               for pkg in QT_FREE for p in _python_files(pkg) if "migrations" not in p.parts]
    script = ("import importlib, sys\n"
              f"for m in {modules!r}: importlib.import_module(m)\n"
              "print(sorted(k for k in sys.modules if k.startswith('PySide6')))")
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True,
                          text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_views_never_touch_the_database():
    forbidden = ("sqlalchemy", "models.db", "psycopg", "sqlite3")
    offenders = [str(p.relative_to(ROOT)) for p in _python_files("views")
                 if any(n == f or n.startswith(f + ".") for n in _imports(p) for f in forbidden)]
    assert offenders == []
