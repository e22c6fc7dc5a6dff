"""What pyproject.toml promises every installation, whatever platform resolves it."""

from __future__ import annotations

import re
import tomllib
import zoneinfo
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _project() -> dict[str, object]:
    with (ROOT / "pyproject.toml").open("rb") as f:
        project: dict[str, object] = tomllib.load(f)["project"]
    return project


def _named(requirements: object, name: str) -> list[str]:
    assert isinstance(requirements, list)
    return [r for r in requirements if re.match(rf"{re.escape(name)}\b", r, re.IGNORECASE)]


def test_tzdata_is_required_on_every_platform_without_a_marker() -> None:
    """A marker would be evaluated by a resolver on Linux, leaving tzdata out of the Windows bundle."""
    tz = _named(_project()["dependencies"], "tzdata")
    assert len(tz) == 1
    assert ";" not in tz[0], tz[0]


@pytest.fixture
def no_system_time_zones() -> Iterator[None]:
    """zoneinfo as on Windows: no system time-zone database on the search path."""
    zoneinfo.reset_tzpath(to=[])
    zoneinfo.ZoneInfo.clear_cache()
    yield
    zoneinfo.reset_tzpath()
    zoneinfo.ZoneInfo.clear_cache()


def test_time_zones_resolve_without_a_system_database(no_system_time_zones: None) -> None:
    from datetime import datetime

    shanghai = zoneinfo.ZoneInfo("Asia/Shanghai")  # from the tzdata package
    assert datetime(2025, 9, 1, tzinfo=shanghai).utcoffset().total_seconds() == 8 * 3600


# Import name → distribution, for the third-party modules the benchmarks import.
DISTRIBUTIONS = {"PySide6": "PySide6-Essentials", "sqlalchemy": "SQLAlchemy", "python_calamine": "python-calamine",
                 "openpyxl": "openpyxl", "reportlab": "reportlab", "pandas": "pandas", "psycopg": "psycopg"}


def _third_party_imports(folder: Path) -> set[str]:
    import ast
    import sys

    found: set[str] = set()
    for path in folder.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module] if isinstance(node, ast.ImportFrom) and node.module and not node.level
                     else [])
            found.update(n.split(".")[0] for n in names)
    return {n for n in found if n not in sys.stdlib_module_names and n not in ("desktop", "benchmarks", "tests")}


def test_benchmarks_install_with_the_bench_extra() -> None:
    """`pip install -e ".[bench]"` is all `python -m benchmarks` needs beyond the app (pandas is its peer)."""
    project = _project()
    extras = project["optional-dependencies"]
    assert isinstance(extras, dict)
    have = {re.split(r"[\[<>=;! ]", r)[0].lower() for r in [*project["dependencies"], *extras["bench"]]}
    modules = _third_party_imports(ROOT / "benchmarks")
    assert "pandas" in modules
    missing = [m for m in modules if DISTRIBUTIONS.get(m, m).lower() not in have]
    assert missing == []
