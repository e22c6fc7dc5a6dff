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
        p.relative_to(ROOT).as_posix() for p in ROOT.rglob("*.py")
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


# ---- The layer contract (issue 17): every import of a desktop module, read from the source.
#
#   gui → services → reports | exchange → data → domain
#
# and inside services, the capability packages in this order (each imports only those before
# it, or itself). ``tests/test_layering.py`` runs with the normal suite, so a new arrow that
# runs up fails CI.

LAYERS = ["domain", "data", "exchange", "reports", "services", "cli", "gui"]
# What each top-level package may import besides itself (and the path helpers).
ALLOWED = {
    "domain": set(),
    "data": {"domain"},
    "exchange": {"domain", "data"},
    "reports": {"domain", "data"},
    "services": {"domain", "data", "exchange", "reports"},
    "cli": {"domain", "data", "exchange", "reports", "services"},
    "gui": {"domain", "services"},  # and only through gui/operations (test below)
}
HELPERS = {"paths", "appdirs", "collection"}  # where files live, when the collector runs: importable from every layer
SERVICE_ORDER = ["core", "records", "year", "imports", "indicators", "returns", "signing", "packages", "office", "admin",
                 "demo"]


def _desktop_imports(path: Path, root: Path = ROOT) -> set[str]:
    """Every ``desktop.…`` module a file imports, at the top or inside a function."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    package = parts[:-1]
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names if a.name.startswith("desktop.")}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package[: len(package) - node.level + 1] + ([base] if base else []))
            if base.startswith("desktop."):
                names |= {f"{base}.{a.name}" for a in node.names}
    return names


def layer_offenders(root: Path = ROOT) -> list[str]:
    offenders = []
    for layer in LAYERS:
        allowed = ALLOWED[layer] | HELPERS | {layer}
        for path in sorted((root / layer).rglob("*.py")):
            for name in _desktop_imports(path, root):
                if name.split(".")[1] not in allowed:
                    offenders.append(f"{path.relative_to(root).as_posix()} → {name}")
    return offenders


def service_offenders(root: Path = ROOT) -> list[str]:
    services = root / "services"
    offenders = []
    for path in sorted(services.rglob("*.py")):
        rel = path.relative_to(services).parts
        if len(rel) == 1:
            if rel[0] != "__init__.py":
                offenders.append(f"{path.relative_to(root).as_posix()} (service modules live in a capability package)")
            continue
        if rel[0] not in SERVICE_ORDER:
            offenders.append(f"{path.relative_to(root).as_posix()} (a new package needs its place in SERVICE_ORDER)")
            continue
        mine = SERVICE_ORDER.index(rel[0])
        for name in _desktop_imports(path, root):
            parts = name.split(".")
            if parts[:2] != ["desktop", "services"]:
                continue
            if len(parts) < 3 or parts[2] not in SERVICE_ORDER:
                offenders.append(f"{path.relative_to(root).as_posix()} → {name} (import the module, not the root)")
            elif SERVICE_ORDER.index(parts[2]) > mine:
                offenders.append(f"{path.relative_to(root).as_posix()} → {name}")
    return offenders


def test_top_level_layers_point_down() -> None:
    assert layer_offenders() == []


def test_service_packages_import_only_packages_below_them() -> None:
    assert service_offenders() == []


def test_the_contract_reports_an_arrow_that_runs_up(tmp_path: Path) -> None:
    root = tmp_path / "desktop"
    for rel, text in {
        "services/__init__.py": "",
        "services/records/__init__.py": "",
        "services/records/units.py": "def f():\n    from desktop.services.office.dashboard import dashboard\n",
        "services/office/dashboard.py": "from desktop.services.records import units\n",
        "services/stray.py": "",
        "data/engine.py": "from desktop.services.core import errors\n",
        "domain/codes.py": "from ..data import engine\n",
    }.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    # office → records runs down and passes; records → office (even inside a function) does not.
    assert service_offenders(root) == [
        "services/records/units.py → desktop.services.office.dashboard.dashboard",
        "services/stray.py (service modules live in a capability package)",
    ]
    assert layer_offenders(root) == [
        "domain/codes.py → desktop.data.engine",
        "data/engine.py → desktop.services.core.errors",
    ]


# The GUI's one road (issue 17): controllers, views and models import nothing below the GUI
# but the domain's vocabulary; gui/operations reaches the services (and only the services).
GUI_ROAD = {"gui", "domain", "paths", "appdirs", "collection"}


def gui_offenders(root: Path = ROOT) -> list[str]:
    offenders = []
    for path in sorted((root / "gui").rglob("*.py")):
        rel = path.relative_to(root / "gui").parts
        allowed = GUI_ROAD | ({"services"} if rel[0] == "operations" else set())
        for name in _desktop_imports(path, root):
            if name.split(".")[1] not in allowed:
                offenders.append(f"{path.relative_to(root).as_posix()} → {name}")
    return offenders


def test_the_gui_reaches_the_services_only_through_operations() -> None:
    assert gui_offenders() == []


def test_the_gui_road_reports_a_controller_calling_a_service(tmp_path: Path) -> None:
    root = tmp_path / "desktop"
    for rel, text in {
        "gui/controllers/page.py": "from desktop.services.records import staff\nfrom desktop.gui.operations import staff as ops\n",
        "gui/operations/staff.py": "from desktop.services.records import staff\nfrom desktop.data.engine import Database\n",
    }.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    assert gui_offenders(root) == [
        "gui/controllers/page.py → desktop.services.records.staff",
        "gui/operations/staff.py → desktop.data.engine.Database",
    ]


# Each service package's __init__ lists, in ``API``, what the GUI (through gui/operations) and
# the CLI may call. Anything else they import from a service module fails here.
CALLERS = ("cli", "gui/operations", "app.py")


def _service_names_used(path: Path) -> set[tuple[str, str]]:
    """(module under desktop.services, name) for every name a caller takes from a service module."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    used: set[tuple[str, str]] = set()
    aliases: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("desktop.services."):
            parts = node.module.split(".")
            for a in node.names:
                if len(parts) == 3:  # from desktop.services.<package> import <module>
                    aliases[a.asname or a.name] = f"{node.module}.{a.name}"
                else:
                    used.add((node.module, a.name))
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in aliases:
            used.add((aliases[node.value.id], node.attr))
    return used


def test_the_gui_and_the_cli_call_only_what_each_service_package_lists() -> None:
    import importlib

    offenders = []
    for caller in CALLERS:
        paths = [ROOT / caller] if caller.endswith(".py") else sorted((ROOT / caller).rglob("*.py"))
        for path in paths:
            for module, name in sorted(_service_names_used(path)):
                parts = module.split(".")
                if parts[2] == "demo":
                    continue  # the demo builder is one function; its package is its API
                api = importlib.import_module(".".join(parts[:3])).API
                if name not in api.get(parts[3], ()):
                    offenders.append(f"{path.relative_to(ROOT).as_posix()} uses {module}.{name}, not in its package's API")
    assert offenders == []


def test_every_name_an_api_lists_exists() -> None:
    import importlib

    missing = []
    for package in SERVICE_ORDER:
        if package == "demo":
            continue
        for module, names in importlib.import_module(f"desktop.services.{package}").API.items():
            mod = importlib.import_module(f"desktop.services.{package}.{module}")
            missing += [f"{package}.{module}.{n}" for n in names if not hasattr(mod, n)]
    assert missing == []
