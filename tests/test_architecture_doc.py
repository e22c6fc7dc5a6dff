"""docs/architecture.md: the map names every package, and the three data flows name functions that exist."""

from __future__ import annotations

import importlib
import re
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DOC = (REPO / "docs" / "architecture.md").read_text(encoding="utf-8")


def _section(title: str) -> str:
    start = DOC.index(f"## {title}\n")
    end = DOC.find("\n## ", start + 1)
    return DOC[start:end if end != -1 else None]


def _resolve(dotted: str) -> Any:
    """Import the longest module prefix of ``dotted`` and follow the rest as attributes."""
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            obj: Any = importlib.import_module(".".join(parts[:cut]))
        except ModuleNotFoundError:
            continue
        for attr in parts[cut:]:
            obj = getattr(obj, attr)
        return obj
    raise ModuleNotFoundError(dotted)


def test_the_doc_opens_with_the_map() -> None:
    assert DOC.index("## Map") < DOC.index("## Three data flows") < DOC.index("## Where we departed")


def test_the_map_has_a_line_for_every_package() -> None:
    table = _section("Map")
    listed = set(re.findall(r"^\| `(desktop/[^`]+?)/?`", table, flags=re.M))
    listed |= {f"desktop/gui/{m}" for m in re.findall(r"`gui/(\w+)/`", table)}
    wanted = {f"desktop/{p.name}" for p in (REPO / "desktop").iterdir()
              if p.is_dir() and (p / "__init__.py").exists() and p.name not in ("services", "gui")}
    wanted |= {f"desktop/services/{p.name}" for p in (REPO / "desktop" / "services").iterdir()
               if (p / "__init__.py").exists()}
    wanted |= {"desktop/gui/operations", "desktop/gui/controllers", "desktop/gui/models", "desktop/gui/views"}
    assert wanted - listed == set()


def test_each_of_the_three_flows_names_functions_that_exist() -> None:
    flows = re.split(r"\n\*\*", _section("Three data flows"))[1:]
    assert len(flows) == 3
    for flow in flows:
        names = re.findall(r"`(desktop\.[\w.]+)`", flow)
        assert len(names) >= 4, flow[:60]
        for name in names:
            assert callable(_resolve(name)) or isinstance(_resolve(name), dict), name
