"""DESIGN.md §3: Qt stops at desktop/gui and desktop/app.py; SQLAlchemy stays out of domain/."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1] / "desktop"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_pyside6_is_imported_only_in_gui_and_app() -> None:
    offenders = [
        str(p.relative_to(ROOT)) for p in ROOT.rglob("*.py")
        if "PySide6" in _imports(p) and not (p.relative_to(ROOT).parts[0] == "gui" or p.name == "app.py")
    ]
    assert offenders == []


def test_domain_does_not_import_sqlalchemy_or_qt() -> None:
    offenders = [str(p) for p in (ROOT / "domain").rglob("*.py") if _imports(p) & {"sqlalchemy", "PySide6"}]
    assert offenders == []


def test_importing_the_services_does_not_load_pyside6() -> None:
    code = (
        "import sys, pkgutil, importlib, desktop.services as s\n"
        "for m in pkgutil.walk_packages(s.__path__, 'desktop.services.'):\n"
        "    importlib.import_module(m.name)\n"
        "import desktop.cli, desktop.reports, desktop.exchange\n"
        "print(any(k.startswith('PySide6') for k in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
